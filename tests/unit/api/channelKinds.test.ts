import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import {
  CHANNEL_NAMES,
  contract,
  type ChannelName,
  type EditName,
  type Output,
  type QueryName,
} from '../../../shared/api/contract/index.js';
import { createBackend, type Backend } from '../../../electron/backend/backend.js';
import { arbitraryOf, type Pools } from '../../stress/apiFuzz.js';
import { useTempDirs } from '../support/tempDir.js';

const tempDir = useTempDirs();
const open: Backend[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

/** The value of a call that must succeed, checked against the channel's output schema. */
async function answer<N extends ChannelName>(backend: Backend, name: N, input: unknown): Promise<Output<N>> {
  const result = await backend.call(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return contract[name].output.parse(result.value) as Output<N>;
}

const QUERIES = CHANNEL_NAMES.filter((n) => contract[n].kind === 'query');
const EDITS = CHANNEL_NAMES.filter((n) => contract[n].kind === 'edit');

describe('channel kinds', () => {
  it('give every channel a kind, and the types follow it', () => {
    for (const name of CHANNEL_NAMES) expect(['query', 'edit'], name).toContain(contract[name].kind);
    expect(QUERIES.length + EDITS.length).toBe(CHANNEL_NAMES.length);
    expectTypeOf<'network:get' | 'paths:find' | 'import:preview'>().toExtend<QueryName>();
    expectTypeOf<'person:update' | 'history:undo' | 'view:savePositions'>().toExtend<EditName>();
    expectTypeOf<QueryName & EditName>().toBeNever();
    expectTypeOf<QueryName | EditName>().toEqualTypeOf<ChannelName>();
  });

  it('a query, whatever valid input it gets, never changes the data file, the revision, nor tells of a change', async () => {
    const path = join(await tempDir(), 'kith.json');
    const backend = await createBackend({ dataPath: path, saveDebounceMs: 0, watch: false });
    open.push(backend);
    expect((await backend.call('network:loadExample', {})).ok).toBe(true);
    const csv = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Lee,,,Acme,Eng,01 Jan 2024\n';
    const preview = await answer(backend, 'import:preview', {
      source: { kind: 'upload', name: 'Connections.csv', dataBase64: Buffer.from(csv).toString('base64') },
    });
    await backend.session().store.flush();
    const doc = backend.session().doc;
    const changes: unknown[] = [];
    backend.onEvent((name, payload) => {
      if (name === 'onNetworkChanged') changes.push(payload);
    });
    const revision = async () => (await answer(backend, 'file:status', {})).revision;
    const before = await readFile(path);
    const startRevision = await revision();
    let answered = 0;
    for (const name of QUERIES) {
      const pools: Pools = {
        person: doc.people.map((p) => p.id),
        tie: doc.ties.map((t) => t.id),
        community: doc.communities.map((c) => c.id),
        opportunity: doc.opportunities.map((o) => o.id),
        import: (doc.imports ?? []).map((i) => i.id),
        preview: [preview.previewId],
        text: doc.people.map((p) => p.name),
        paths: [join(path, 'missing.zip')],
        domain: name.split(':')[0] ?? '',
      };
      for (const payload of fc.sample(arbitraryOf(contract[name].input, pools), { numRuns: 20, seed: 13 })) {
        const result = await backend.call(name, payload);
        if (result.ok) answered += 1;
      }
      await backend.session().store.flush();
      expect(await readFile(path), `${name} changed the data file`).toEqual(before);
      expect(await revision(), `${name} changed the revision`).toBe(startRevision);
      expect(changes, `${name} told of a change`).toEqual([]);
    }
    expect(answered, 'the queries answered valid input').toBeGreaterThan(QUERIES.length * 5);
  });

  it('an edit does change the network: one of each kind of edit moves the revision on', async () => {
    const path = join(await tempDir(), 'kith.json');
    const backend = await createBackend({ dataPath: path, saveDebounceMs: 0, watch: false });
    open.push(backend);
    const status = async () => (await answer(backend, 'file:status', {})).revision;
    const steps: ReadonlyArray<readonly [EditName, () => Promise<unknown>]> = [
      ['network:loadExample', () => backend.call('network:loadExample', {})],
      ['person:create', () => backend.call('person:create', { name: 'Ada Lee' })],
      ['history:undo', () => backend.call('history:undo', {})],
      ['history:redo', () => backend.call('history:redo', {})],
    ];
    for (const [name, run] of steps) {
      const before = await status();
      expect(contract[name].kind).toBe('edit');
      await run();
      expect(await status(), name).toBeGreaterThan(before);
    }
  });
});
