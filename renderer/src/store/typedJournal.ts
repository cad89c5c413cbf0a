/**
 * Typed text that has not reached the backend, kept outside the window's
 * memory (the browser's localStorage, on disk), so that a crash, a kill or a
 * power cut does not take it: the next window on the same data file takes up
 * what a window that is gone left, and offers it back.
 *
 * Each window writes under its own key and holds a Web Lock named after it
 * for as long as it lives; the lock is released when the window's process
 * ends, however it ends. So a window takes only what no living window owns.
 * When a window closes normally, after the user was asked about unsaved text
 * (or had none), its entry is removed.
 */

const ENTRY_PREFIX = 'kith.typed.';
const LOCK_PREFIX = 'kith.window.';

type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;
type JournalLocks = Pick<LockManager, 'request' | 'query'>;

interface Entry {
  readonly path: string;
  readonly drafts: ReadonlyArray<readonly [string, string]>;
}

export interface TypedJournal {
  /** Records this window's unsaved text (draft key → text) for the data file at `path`; none forgets it. */
  record(path: string, drafts: ReadonlyMap<string, { readonly value: string }>): void;
  /** This window closes normally: its entry goes. */
  forget(): void;
  /** Takes what windows that are gone left typed for the data file at `path` (and removes it from the journal). */
  takeLeftBehind(path: string): Promise<Array<[string, string]>>;
}

function parseEntry(text: string | null): Entry | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const { path, drafts } = value as { path?: unknown; drafts?: unknown };
    if (typeof path !== 'string' || !Array.isArray(drafts)) return null;
    const pairs = drafts.filter(
      (d): d is [string, string] => Array.isArray(d) && d.length === 2 && typeof d[0] === 'string' && typeof d[1] === 'string',
    );
    return { path, drafts: pairs };
  } catch {
    return null;
  }
}

/**
 * The journal of one window. Without the Web Locks API nothing is ever taken
 * (a living window's text must not be taken from it), only recorded.
 */
export function createTypedJournal(storage: JournalStorage, locks: JournalLocks | undefined, windowId: string): TypedJournal {
  const ownKey = ENTRY_PREFIX + windowId;
  // Held until this window's process ends: the request's callback never settles.
  void locks?.request(LOCK_PREFIX + windowId, () => new Promise<void>(() => undefined)).catch(() => undefined);

  const write = (key: string, value: string | null) => {
    try {
      if (value === null) storage.removeItem(key);
      else storage.setItem(key, value);
    } catch {
      // Storage full or refused: the text is still in the window, and typing must not fail over this.
    }
  };

  return {
    record(path, drafts) {
      if (drafts.size === 0) {
        write(ownKey, null);
        return;
      }
      const entry: Entry = { path, drafts: [...drafts].map(([key, d]) => [key, d.value] as const) };
      write(ownKey, JSON.stringify(entry));
    },
    forget() {
      write(ownKey, null);
    },
    async takeLeftBehind(path) {
      if (!locks) return [];
      let held: Set<string>;
      try {
        const state = await locks.query();
        held = new Set((state.held ?? []).map((lock) => lock.name ?? ''));
      } catch {
        return [];
      }
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key !== null && key.startsWith(ENTRY_PREFIX) && key !== ownKey) keys.push(key);
      }
      const taken: Array<[string, string]> = [];
      for (const key of keys) {
        if (held.has(LOCK_PREFIX + key.slice(ENTRY_PREFIX.length))) continue;
        const entry = parseEntry(storage.getItem(key));
        if (entry === null) {
          write(key, null);
          continue;
        }
        if (entry.path !== path) continue;
        taken.push(...entry.drafts.map(([k, v]): [string, string] => [k, v]));
        write(key, null);
      }
      return taken;
    },
  };
}
