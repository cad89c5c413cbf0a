import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend.js';
import { contract } from '../../../shared/api/contract/index.js';
import { parseKithFile } from '../../../shared/data/fileFormat.js';
import type { KithFile, Tie } from '../../../shared/domain/model.js';
import { useTempDirs } from '../support/tempDir.js';

const tempDir = useTempDirs();
const open: Backend[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

async function exampleBackend(): Promise<{ backend: Backend; path: string }> {
  const path = join(await tempDir(), 'kith.json');
  const backend = await createBackend({ dataPath: path, saveDebounceMs: 0, watch: false, ownerName: 'Robin' });
  open.push(backend);
  await ok(backend, 'network:loadExample', {});
  return { backend, path };
}

async function ok<T = unknown>(backend: Backend, name: string, input: unknown): Promise<T> {
  const result = await backend.call(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  const output = contract[name as keyof typeof contract].output.safeParse(result.value);
  expect(output.success, `${name} output matches its schema: ${output.error?.message ?? ''}`).toBe(true);
  return result.value as T;
}

async function onDisk(backend: Backend, path: string): Promise<KithFile> {
  await backend.session().store.flush();
  return parseKithFile(await readFile(path, 'utf8'), path);
}

describe('insights handlers through the backend', () => {
  it('finds paths to a company, Living first, and refuses a query that matches nothing', async () => {
    const { backend } = await exampleBackend();
    const result = await ok<{ target: { label: string }; paths: Array<{ mode: string; hops: Array<{ explanation: string }> }> }>(
      backend,
      'paths:find',
      {
        target: { kind: 'query', value: 'Northwind' },
      },
    );
    expect(result.target.label).toBe('Northwind Labs');
    expect(result.paths[0]?.mode).toBe('living');
    expect(result.paths[0]?.hops[0]?.explanation).toMatch(/^You met Priya at UX Guild — Living: professional community/);
    const missing = await backend.call('paths:find', { target: { kind: 'query', value: 'Nobody Anywhere' }, k: 3 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const options = await ok<Array<{ kind: string; label: string }>>(backend, 'paths:targets', { query: 'helix' });
    expect(options[0]).toMatchObject({ kind: 'company', label: 'Helix Health' });
  });

  it('answers reach, provenance and style', async () => {
    const { backend } = await exampleBackend();
    const reach = await ok<{ living: { within: number[] }; doing: { within: number[] } }>(backend, 'reach:get', {});
    expect(reach.living.within).toHaveLength(3);
    expect(reach.living.within[2]).toBeGreaterThan(reach.doing.within[2] as number);
    const provenance = await ok<{ summary: { total: number; sentence: string } }>(backend, 'provenance:get', {});
    expect(provenance.summary.total).toBe(3);
    expect(provenance.summary.sentence).toBe('2 of your 3 opportunities came through Living ties.');
    const style = await ok<{ style: string }>(backend, 'style:get', {});
    expect(style.style).toBe('living');
  });

  it('makes an introduction: a Living tie introduced by me, undoable, with a draft; the pair is no longer suggested', async () => {
    const { backend, path } = await exampleBackend();
    const { suggestions } = await ok<{ suggestions: Array<{ a: string; b: string; aName: string; bName: string }> }>(
      backend,
      'intros:suggest',
      { limit: 5 },
    );
    const top = suggestions[0];
    expect(top).toMatchObject({ aName: 'Tom Okafor', bName: 'Mei Chen' });
    const made = await ok<{ tie: Tie; draft: { toA: string; toB: string; text: string } }>(backend, 'intros:make', {
      a: top?.a,
      b: top?.b,
    });
    const meId = backend.session().doc.meId;
    expect(made.tie).toMatchObject({ origin: 'living', activity: 'connecting-others', introducedBy: meId });
    expect(made.tie.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(made.draft.toA).toMatch(/^Hi Tom,/);
    expect(made.draft.text).toContain('To Mei Chen:');
    expect((await onDisk(backend, path)).ties.some((t) => t.id === made.tie.id)).toBe(true);
    const after = await ok<{ suggestions: Array<{ a: string; b: string }> }>(backend, 'intros:suggest', { limit: 50 });
    expect(after.suggestions.some((s) => [s.a, s.b].sort().join() === [top?.a, top?.b].sort().join())).toBe(false);
    expect(await backend.call('intros:make', { a: top?.a, b: top?.b })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const history = await ok<{ redoLabel?: string }>(backend, 'history:undo', {});
    expect(history.redoLabel).toBe('Introduce Tom Okafor and Mei Chen');
    expect((await onDisk(backend, path)).ties.some((t) => t.id === made.tie.id)).toBe(false);
  });

  it('persists dismiss and snooze, both undoable, and refuses a snooze in the past', async () => {
    const { backend, path } = await exampleBackend();
    const [first, second] = (await ok<{ suggestions: Array<{ a: string; b: string }> }>(backend, 'intros:suggest', { limit: 5 }))
      .suggestions;
    await ok(backend, 'intros:dismiss', { a: first?.a, b: first?.b });
    await ok(backend, 'intros:snooze', { a: second?.a, b: second?.b, until: '2999-01-01' });
    const saved = await onDisk(backend, path);
    expect(saved.introDecisions).toEqual([
      { a: first?.a, b: first?.b },
      { a: second?.a, b: second?.b, snoozedUntil: '2999-01-01' },
    ]);
    const keys = (await ok<{ suggestions: Array<{ a: string; b: string }> }>(backend, 'intros:suggest', { limit: 50 })).suggestions.map(
      (s) => `${s.a}|${s.b}`,
    );
    expect(keys).not.toContain(`${first?.a}|${first?.b}`);
    expect(keys).not.toContain(`${second?.a}|${second?.b}`);
    await ok(backend, 'history:undo', {});
    expect((await onDisk(backend, path)).introDecisions).toEqual([{ a: first?.a, b: first?.b }]);
    expect(await backend.call('intros:snooze', { a: second?.a, b: second?.b, until: '2000-01-01' })).toMatchObject({
      ok: false,
      error: { code: 'rejected' },
    });
    expect(await backend.call('intros:dismiss', { a: first?.a, b: first?.a })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await backend.call('intros:dismiss', { a: backend.session().doc.meId, b: first?.a })).toMatchObject({
      ok: false,
      error: { code: 'rejected' },
    });
  });

  it('rebuilds its index after an edit (a new tie changes the best path)', async () => {
    const { backend } = await exampleBackend();
    const before = await ok<{ paths: Array<{ nodes: string[] }> }>(backend, 'paths:find', {
      target: { kind: 'query', value: 'Ravi Patel' },
      k: 1,
    });
    expect(before.paths[0]?.nodes).toHaveLength(3);
    await ok(backend, 'tie:create', {
      a: backend.session().doc.meId,
      b: 'ex-ravi',
      origin: 'living',
      activity: 'curiosity-conversation',
      strength: 5,
    });
    const after = await ok<{ paths: Array<{ nodes: string[] }> }>(backend, 'paths:find', {
      target: { kind: 'query', value: 'Ravi Patel' },
      k: 1,
    });
    expect(after.paths[0]?.nodes).toHaveLength(2);
  });
});
