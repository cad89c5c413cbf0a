import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataStore } from '../../../electron/backend/store/dataStore.js';
import { IncrementalSerializer } from '../../../electron/backend/store/incrementalSerializer.js';
import type { KithFileAdapter } from '../../../electron/backend/store/kithFileAdapter.js';
import { pairKey } from '../../../shared/data/fileFormat.js';
import { applyChanges, deepFreeze, type Change, type EntityKind } from '../../../shared/domain/changes.js';
import type { KithFile, Person, PersonId } from '../../../shared/domain/model.js';
import { makeTempDir, sampleDoc } from '../../fixtures/store-helpers.js';

const KINDS: readonly EntityKind[] = ['person', 'tie', 'community', 'opportunity', 'import', 'introDecision'];
const FIELD: Record<EntityKind, keyof KithFile> = {
  person: 'people',
  tie: 'ties',
  community: 'communities',
  opportunity: 'opportunities',
  import: 'imports',
  introDecision: 'introDecisions',
};

type Entity = Record<string, unknown>;

const expected = (doc: unknown): Buffer => Buffer.from(JSON.stringify(doc), 'utf8');

/** Any text, including non-ASCII, astral and lone surrogates (JSON.stringify escapes those). */
const text = fc.string({ unit: 'binary', maxLength: 16 });
const extra = fc.record(
  {
    name: text,
    notes: text,
    strength: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
    tags: fc.array(text, { maxLength: 3 }),
    nested: fc.record({ when: text, ok: fc.boolean() }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const op = fc.record({
  type: fc.constantFrom('edit', 'edit', 'edit', 'undo', 'redo', 'view', 'release'),
  changes: fc.array(
    fc.record({ kind: fc.constantFrom(...KINDS), what: fc.constantFrom('create', 'update', 'delete'), pick: fc.nat(), value: extra }),
    {
      minLength: 1,
      maxLength: 6,
    },
  ),
});

function keyOf(kind: EntityKind, e: Entity): string {
  return kind === 'introDecision' ? pairKey(e.a as string, e.b as string) : (e.id as string);
}

interface Pick {
  readonly kind: EntityKind;
  readonly what: 'create' | 'update' | 'delete';
  readonly pick: number;
  readonly value: Entity;
}

/** Turns abstract picks into a valid edit of `doc`: each key touched at most once, `before` the entity as it is. */
function makeEdit(doc: KithFile, picks: readonly Pick[], nextId: () => string): Change[] {
  const touched = new Set<string>();
  const changes: Change[] = [];
  for (const p of picks) {
    const list = (doc[FIELD[p.kind]] ?? []) as Entity[];
    const current = list.length > 0 ? list[p.pick % list.length] : undefined;
    if (p.what === 'create' || !current) {
      const id = nextId();
      const after: Entity = p.kind === 'introDecision' ? { a: `a${id}`, b: `b${id}`, ...p.value } : { id, ...p.value };
      touched.add(`${p.kind}:${keyOf(p.kind, after)}`);
      changes.push({ kind: p.kind, after } as unknown as Change);
      continue;
    }
    const key = `${p.kind}:${keyOf(p.kind, current)}`;
    if (touched.has(key)) continue;
    touched.add(key);
    if (p.what === 'delete') changes.push({ kind: p.kind, before: current } as unknown as Change);
    else
      changes.push({
        kind: p.kind,
        before: current,
        after: { ...current, ...p.value, id: current.id, a: current.a, b: current.b },
      } as unknown as Change);
  }
  return changes;
}

function startDoc(): KithFile {
  const doc = sampleDoc(6) as KithFile & Record<string, unknown>;
  return {
    ...doc,
    communities: [{ id: 'c1', name: 'Ünïcode 社区' }],
    opportunities: [{ id: 'o1', title: 'Job 🎉' }],
  } as unknown as KithFile;
}

describe('IncrementalSerializer', () => {
  it('writes exactly JSON.stringify(doc) after any sequence of edits, undos and redos (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), fc.boolean(), async (ops, warm) => {
        const serializer = new IncrementalSerializer();
        let doc = startDoc();
        let n = 0;
        const nextId = () => `n${(n += 1)}`;
        const undo: Change[][] = [];
        const redo: Change[][] = [];
        const kept: Array<{ bytes: Buffer; copy: Buffer }> = [];
        let previous: Buffer | undefined;
        if (warm) {
          serializer.warm(doc);
          await serializer.idle();
        }
        for (const o of ops) {
          if (o.type === 'edit') {
            const changes = makeEdit(doc, o.changes, nextId);
            doc = applyChanges(doc, changes, 'forward');
            undo.push(changes);
            redo.length = 0;
          } else if (o.type === 'undo' || o.type === 'redo') {
            const edit = (o.type === 'undo' ? undo : redo).pop();
            if (!edit) continue;
            doc = applyChanges(doc, edit, o.type === 'undo' ? 'backward' : 'forward');
            (o.type === 'undo' ? redo : undo).push(edit);
          } else if (o.type === 'view') {
            doc = { ...doc, view: { layout: 'fcose', positions: { [nextId()]: [n, -n / 3] } } } as KithFile;
          } else if (previous) {
            // The caller is done with the last output: its memory may be reused from now on.
            serializer.release(previous);
            kept.pop();
          }
          const bytes = await serializer.serialize(doc);
          expect(bytes.equals(expected(doc))).toBe(true);
          kept.push({ bytes, copy: Buffer.from(bytes) });
          previous = bytes;
        }
        // Outputs never released were never written over.
        for (const k of kept) expect(k.bytes.equals(k.copy)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('copies entities found anywhere in the last document: reordered, repeated, spliced (property)', async () => {
    const item = fc.record({ id: fc.string({ maxLength: 4 }), t: text });
    await fc.assert(
      fc.asyncProperty(
        fc.array(item, { minLength: 0, maxLength: 40 }),
        fc.array(fc.array(fc.oneof(fc.nat(), item), { maxLength: 60 }), { minLength: 1, maxLength: 5 }),
        async (initial, steps) => {
          const serializer = new IncrementalSerializer();
          let people: unknown[] = initial;
          let doc = { ...startDoc(), people } as unknown as KithFile;
          expect((await serializer.serialize(doc)).equals(expected(doc))).toBe(true);
          for (const step of steps) {
            // A number picks an element of the last array (moved, repeated or dropped); an object is new.
            people = step.map((s) => (typeof s === 'number' ? (people.length > 0 ? people[s % people.length] : { id: 'x' }) : s));
            doc = { ...doc, people } as unknown as KithFile;
            expect((await serializer.serialize(doc)).equals(expected(doc))).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('copies unchanged entities instead of encoding them again', async () => {
    const serializer = new IncrementalSerializer();
    const doc = sampleDoc(1000);
    await serializer.serialize(doc);
    const p = doc.people[500] as Person;
    const next = applyChanges(doc, [{ kind: 'person', before: p, after: { ...p, notes: 'ünïcödé ✓' } }], 'forward');
    expect((await serializer.serialize(next)).equals(expected(next))).toBe(true);
    // schemaVersion, meId and the one person are encoded; the other 1,000 people in two runs, and the unchanged arrays (ties, communities, opportunities) each in one.
    expect(serializer.lastStats).toEqual({ fresh: 3, copied: 1000 + 3, runs: 5 });
  });

  it('freezes what it encodes, and applyChanges freezes what it puts in', () => {
    const doc = sampleDoc(2);
    const person = { id: 'n1' as PersonId, name: 'New', history: [{ company: 'A' }] } as Person;
    const next = applyChanges(doc, [{ kind: 'person', after: person }], 'forward');
    expect(next.people.at(-1)).toBe(person);
    expect(() => {
      (person as { name: string }).name = 'Changed';
    }).toThrow(TypeError);
    expect(() => (person.history as unknown[]).push({ company: 'B' })).toThrow(TypeError);
    expect(deepFreeze({ a: [{ b: 1 }] }).a[0]).toSatisfy(Object.isFrozen);
  });
});

describe('DataStore with the incremental serialiser', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let file: string;
  let store: DataStore | undefined;
  const serializerOf = (s: DataStore) => (s as unknown as { adapter: KithFileAdapter }).adapter.serializer;

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    file = join(dir, 'kith.json');
  });
  afterEach(async () => {
    await store?.close().catch(() => undefined);
    store = undefined;
    await cleanup();
  });

  it('remembers the file it opened, so that the first save is incremental, and freezes what it loaded', async () => {
    await writeFile(file, JSON.stringify(sampleDoc(300)));
    store = await DataStore.open({ path: file, watch: false, saveDebounceMs: 0 });
    await serializerOf(store).idle();
    expect(serializerOf(store).isWarm).toBe(true);
    const doc = store.doc as KithFile;
    const p = doc.people[7] as Person;
    expect(() => {
      (p as { name: string }).name = 'x';
    }).toThrow(TypeError);
    const next = applyChanges(doc, [{ kind: 'person', before: p, after: { ...p, name: 'Renamed' } }], 'forward');
    store.replace(next);
    await store.flush();
    expect(serializerOf(store).lastStats.fresh).toBe(3);
    expect((await readFile(file)).equals(expected(next))).toBe(true);
  });

  it('writes the canonical bytes when the file it opened was not (indented, other key order)', async () => {
    const doc = sampleDoc(20);
    const { people, ...rest } = doc;
    await writeFile(file, JSON.stringify({ people, ...rest }, null, 2));
    store = await DataStore.open({ path: file, watch: false, saveDebounceMs: 0 });
    await serializerOf(store).idle();
    const loaded = store.doc as KithFile;
    const p = loaded.people[3] as Person;
    const next = applyChanges(loaded, [{ kind: 'person', before: p, after: { ...p, notes: 'n' } }], 'forward');
    store.replace(next);
    await store.flush();
    expect((await readFile(file)).equals(expected(next))).toBe(true);
    // Several saves in a row reuse the buffers in turn; each file is still exact.
    let current = next;
    for (let i = 0; i < 4; i++) {
      const q = current.people[i] as Person;
      current = applyChanges(current, [{ kind: 'person', before: q, after: { ...q, notes: `round ${i} ✓` } }], 'forward');
      store.replace(current);
      await store.flush();
      expect((await readFile(file)).equals(expected(current))).toBe(true);
    }
  });
});
