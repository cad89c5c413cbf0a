import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend.js';
import { parseKithFile, serializeKithFile } from '../../../shared/data/fileFormat.js';
import { exampleNetwork } from '../../../shared/domain/example.js';
import type { PersonId } from '../../../shared/domain/model.js';
import { useTempDirs } from '../support/tempDir.js';

const tempDir = useTempDirs();
const open: Backend[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

type Json = Record<string, unknown>;

/** A version-1 file as a later Kith of the same schema version might write it: fields this build does not know, at every level. */
function fileWithUnknownFields(): Json {
  const doc = JSON.parse(serializeKithFile(exampleNetwork('Robin', 'me' as PersonId))) as Json & {
    people: Json[];
    ties: Array<Json & { evidence?: Json }>;
    communities: Json[];
  };
  doc['futureList'] = [{ id: 'f1', note: 'kept' }];
  doc['settings'] = { theme: 'dusk' };
  (doc.people[1] as Json)['pronouns'] = 'she/her';
  (doc.people[1] as Json)['history'] = [{ company: 'Old Co', until: '2020-01-01', reason: 'moved' }];
  (doc.ties[0] as Json)['warmth'] = { score: 0.8, computedAt: '2026-01-01' };
  (doc.ties[1] as Json)['evidence'] = { messages: { sent: 1, received: 2, threads: 3 } };
  (doc.communities[0] as Json)['color'] = '#ff8800';
  doc['view'] = { layout: 'force', zoom: 1.5 };
  return doc;
}

describe('unknown fields of the current schema version', () => {
  it('parseKithFile keeps them, at every level, and serialises them back', () => {
    const raw = fileWithUnknownFields();
    expect(JSON.parse(serializeKithFile(parseKithFile(JSON.stringify(raw), 'kith.json')))).toEqual(raw);
  });

  it('survive an edit and its save: the edited person keeps theirs, and so does everything else', async () => {
    const path = join(await tempDir(), 'kith.json');
    const raw = fileWithUnknownFields();
    await writeFile(path, JSON.stringify(raw));
    const backend = await createBackend({ dataPath: path, saveDebounceMs: 0, watch: false });
    open.push(backend);
    const person = (raw['people'] as Json[])[1] as Json;
    const updated = await backend.call('person:update', { id: person['id'], patch: { company: 'New Co' } });
    expect(updated.ok).toBe(true);
    const created = await backend.call('person:create', { name: 'Fresh' });
    expect(created.ok).toBe(true);
    await backend.session().store.flush();
    const saved = JSON.parse(await readFile(path, 'utf8')) as Json;
    expect(saved['futureList']).toEqual(raw['futureList']);
    expect(saved['settings']).toEqual(raw['settings']);
    expect(saved['view']).toEqual(raw['view']);
    const savedPerson = (saved['people'] as Json[]).find((p) => p['id'] === person['id']) as Json;
    expect(savedPerson['pronouns']).toBe('she/her');
    expect(savedPerson['company']).toBe('New Co');
    expect(savedPerson['history']).toContainEqual({ company: 'Old Co', until: '2020-01-01', reason: 'moved' });
    expect((saved['ties'] as Json[])[0]?.['warmth']).toEqual({ score: 0.8, computedAt: '2026-01-01' });
    expect((saved['ties'] as Json[])[1]?.['evidence']).toEqual({ messages: { sent: 1, received: 2, threads: 3 } });
    expect((saved['communities'] as Json[])[0]?.['color']).toBe('#ff8800');
  });

  it('an older version migrated forward is not given fields it never had', () => {
    const v0 = JSON.stringify({ version: 0, owner: 'Robin', contacts: [{ id: 'a', name: 'Ada', mood: 'x' }], links: [] });
    const doc = parseKithFile(v0, 'old.json');
    expect(JSON.stringify(doc)).not.toContain('mood');
  });
});
