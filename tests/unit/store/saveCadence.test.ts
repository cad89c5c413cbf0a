import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend.js';
import type { Person } from '../../../shared/domain/model.js';
import { useTempDirs } from '../support/tempDir.js';

const tempDir = useTempDirs();
const open: Backend[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

/** Slack for the save itself (write, fsync, rename) on a busy machine; the promise is about when saving starts. */
const SAVE_SLACK_MS = 500;

describe('saves under a continuous stream of edits', () => {
  it('with the default timings, every edit answered ok is on disk within a second (plus the save itself), though the edits never pause', async () => {
    const path = join(await tempDir(), 'kith.json');
    // The defaults the app and the browser fallback run with: no debounce or max wait given.
    const backend = await createBackend({ dataPath: path, watch: false });
    open.push(backend);
    const created = await backend.call('person:create', { name: 'Typist' });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as Person).id;
    const answeredAt: number[] = [];
    const durableAt: number[] = [];
    // After each save, what the file holds: the last edit number in it marks every edit up to it durable.
    backend.session().store.on((event) => {
      if (event.kind !== 'saved') return;
      const doc = JSON.parse(readFileSync(path, 'utf8')) as { people: Array<{ id: string; notes?: string }> };
      const last = Number(/edit (\d+)/.exec(doc.people.find((p) => p.id === id)?.notes ?? '')?.[1] ?? -1);
      for (let i = durableAt.length; i <= last; i++) durableAt.push(Date.now());
    });
    const until = Date.now() + 3_500;
    for (let i = 0; Date.now() < until; i++) {
      const result = await backend.call('person:update', { id, patch: { notes: `edit ${i}` } });
      expect(result.ok).toBe(true);
      answeredAt.push(Date.now());
      await new Promise((r) => setTimeout(r, 50));
    }
    await backend.session().store.flush();
    const waits = answeredAt.map((t, i) => (durableAt[i] ?? Infinity) - t);
    expect(answeredAt.length).toBeGreaterThan(20);
    expect(Math.max(...waits), `waits: ${waits.join(', ')}`).toBeLessThanOrEqual(1_000 + SAVE_SLACK_MS);
  });
});
