import { describe, expect, it } from 'vitest';
import { createTypedJournal } from '../../../../renderer/src/store/typedJournal';
import { fakeLocks, memoryStorage } from '../fixtures';

const drafts = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([k, value]) => [k, { value }]));

describe('typed journal', () => {
  it('gives a new window what a window that is gone typed into the same file, once', async () => {
    const storage = memoryStorage();
    const locks = fakeLocks();
    const crashed = createTypedJournal(storage, locks, 'w1');
    crashed.record('/data/kith.json', drafts({ 'person|notes|p1': 'Met at the meetup', 'tie|notes|t1': 'Intro via Ana' }));
    crashed.record('/data/kith.json', drafts({ 'person|notes|p1': 'Met at the meetup; follow up in May' }));
    locks.held.delete('kith.window.w1');

    const next = createTypedJournal(storage, locks, 'w2');
    expect(await next.takeLeftBehind('/data/other.json')).toEqual([]);
    expect(await next.takeLeftBehind('/data/kith.json')).toEqual([['person|notes|p1', 'Met at the meetup; follow up in May']]);
    expect(await next.takeLeftBehind('/data/kith.json')).toEqual([]);
    expect(storage.map.has('kith.typed.w1')).toBe(false);
  });

  it('never takes from a window that is still open, nor its own; forget and an empty record clear an entry', async () => {
    const storage = memoryStorage();
    const locks = fakeLocks();
    const open = createTypedJournal(storage, locks, 'w1');
    open.record('/data/kith.json', drafts({ 'person|name|p1': 'Mei Chen-Li' }));
    const second = createTypedJournal(storage, locks, 'w2');
    second.record('/data/kith.json', drafts({ 'person|name|p2': 'Tom' }));
    expect(await second.takeLeftBehind('/data/kith.json')).toEqual([]);
    expect(storage.map.size).toBe(2);

    open.record('/data/kith.json', new Map());
    second.forget();
    expect(storage.map.size).toBe(0);
  });

  it('drops unreadable entries, keeps well-formed pairs only, and takes nothing without Web Locks', async () => {
    const storage = memoryStorage();
    storage.setItem('kith.typed.gone1', '{not json');
    storage.setItem(
      'kith.typed.gone2',
      JSON.stringify({ path: '/data/kith.json', drafts: [['person|notes|p1', 'kept'], ['bad'], [1, 2]] }),
    );
    storage.setItem('other.key', 'left alone');
    expect(await createTypedJournal(storage, undefined, 'w9').takeLeftBehind('/data/kith.json')).toEqual([]);
    expect(storage.map.size).toBe(3);

    const journal = createTypedJournal(storage, fakeLocks(), 'w3');
    expect(await journal.takeLeftBehind('/data/kith.json')).toEqual([['person|notes|p1', 'kept']]);
    expect([...storage.map.keys()]).toEqual(['other.key']);
  });

  it('keeps typing going when storage refuses a write', () => {
    const storage = {
      ...memoryStorage(),
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    const journal = createTypedJournal(storage, fakeLocks(), 'w1');
    expect(() => journal.record('/data/kith.json', drafts({ 'person|notes|p1': 'x'.repeat(1000) }))).not.toThrow();
  });
});
