import { CHANNEL_NAMES, contract, type ChannelName, type EventName } from '../../shared/api/contract/index.js';
import { describeZodError, KithError, toApiError, type Result } from '../../shared/api/envelope.js';
import { emptyKithFile } from '../../shared/data/fileFormat.js';
import { exampleNetwork } from '../../shared/domain/example.js';
import { createIdGenerator, type RandomFill } from '../../shared/domain/ids.js';
import type { KithFile } from '../../shared/domain/model.js';
import { coreHandlers } from './handlers/core.js';
import { importHandlers } from './handlers/import.js';
import { insightsHandlers } from './handlers/insights.js';
import type { HandlerTable } from './handlers/types.js';
import { viewHandlers } from './handlers/view.js';
import { Session } from './session.js';
import { DataStore } from './store/dataStore.js';

export type BackendEventListener = (name: EventName, payload: unknown) => void;

/** The backend as every front end sees it: Electron IPC, the HTTP fallback, the CLI and tests. */
export interface Backend {
  /** Validates `rawInput` against the channel's schema, runs the handler, and never throws. */
  call(name: string, rawInput: unknown): Promise<Result<unknown>>;
  onEvent(listener: BackendEventListener): () => void;
  /** Switches to another data file (File > Open). The current one is saved and released first. */
  openFile(path: string): Promise<void>;
  /**
   * Previews the import of a LinkedIn export at `path` (File ▸ Import in Electron): the preview
   * reaches the window as `onImportPreview`, and the user commits or cancels it there.
   */
  importFile(path: string): Promise<void>;
  /** Creates a new data file and switches to it; refuses to overwrite an existing file. */
  createFile(path: string, opts?: { example?: boolean; ownerName?: string }): Promise<void>;
  /** The open session, for in-process callers (CLI, tests). */
  session(): Session;
  /** Saves what is pending, releases the lock. */
  close(): Promise<void>;
}

export interface BackendOptions {
  readonly dataPath: string;
  /** Owner's name for a new file. */
  readonly ownerName?: string;
  /** Debounce of saves in ms; the CLI uses 0. */
  readonly saveDebounceMs?: number;
  readonly watch?: boolean;
  /** The random source of new ids (tests); default `crypto.getRandomValues`. */
  readonly random?: RandomFill;
  /** Largest data file read or written (tests); default `MAX_DATA_FILE_BYTES`. */
  readonly maxDataFileBytes?: number;
}

/** A new network for `owner`, empty or holding the example. */
export function newNetwork(owner: string, example: boolean, random?: RandomFill): KithFile {
  const newId = createIdGenerator(random ? { random } : {});
  const doc = emptyKithFile(owner, () => newId('p'));
  return example ? exampleNetwork(owner, doc.meId) : doc;
}

export async function createBackend(opts: BackendOptions): Promise<Backend> {
  const listeners = new Set<BackendEventListener>();
  const emit = (name: EventName, payload: unknown) => listeners.forEach((l) => l(name, payload));
  const owner = opts.ownerName ?? 'Me';
  const openSession = async (path: string, initial?: KithFile) => {
    const store = await DataStore.open({
      path,
      createIfMissing: () => initial ?? newNetwork(owner, false, opts.random),
      ...(opts.saveDebounceMs !== undefined ? { saveDebounceMs: opts.saveDebounceMs } : {}),
      ...(opts.watch !== undefined ? { watch: opts.watch } : {}),
      ...(opts.maxDataFileBytes !== undefined ? { maxFileBytes: opts.maxDataFileBytes } : {}),
    });
    return new Session(store, emit, opts.random);
  };
  let current = await openSession(opts.dataPath);
  const handlers: HandlerTable = {
    ...coreHandlers({ session: () => current }),
    ...importHandlers({ session: () => current }, emit),
    ...insightsHandlers({ session: () => current }),
    ...viewHandlers({ session: () => current }),
  };
  // One call at a time: handlers read-modify-write the one document.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  // The current file must be saved before we let go of it: a failed save
  // refuses the switch, so the user stays on the file that holds the edits.
  const switchTo = async (path: string, initial?: KithFile) => {
    await current.store.flush();
    const next = await openSession(path, initial);
    const previous = current;
    current = next;
    await previous.store.close().catch((err: unknown) => {
      process.stderr.write(`kith: closing ${previous.store.path}: ${err instanceof Error ? err.message : String(err)}\n`);
    });
    current.reset('reload');
  };

  const call = (name: string, rawInput: unknown): Promise<Result<unknown>> =>
    serial(async (): Promise<Result<unknown>> => {
      if (!Object.hasOwn(contract, name)) {
        return { ok: false, error: { code: 'unknown-channel', message: `Unknown call "${String(name).slice(0, 80)}".` } };
      }
      const channelName = name as ChannelName;
      const parsed = contract[channelName].input.safeParse(rawInput === undefined ? {} : rawInput);
      if (!parsed.success) {
        const details = describeZodError(parsed.error);
        return { ok: false, error: { code: 'invalid-input', message: `Invalid input for ${channelName}: ${details[0] ?? ''}`, details } };
      }
      try {
        const handler = handlers[channelName] as (input: unknown) => unknown;
        return { ok: true, value: await handler(parsed.data) };
      } catch (err) {
        return { ok: false, error: toApiError(err) };
      }
    });

  return {
    call,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openFile: (path) => serial(() => switchTo(path)),
    createFile: (path, createOpts) =>
      serial(async () => {
        const { existsSync } = await import('node:fs');
        if (existsSync(path)) throw new KithError('conflict', `${path} already exists; Kith does not overwrite a data file.`);
        await switchTo(path, newNetwork(createOpts?.ownerName ?? owner, createOpts?.example ?? false, opts.random));
        await current.store.flush();
      }),
    importFile: async (path) => {
      const result = await call('import:preview', { source: { kind: 'path', path } });
      if (!result.ok) throw new KithError(result.error.code, result.error.message, result.error.details);
    },
    session: () => current,
    close: () => serial(() => current.store.close()),
  };
}

export { CHANNEL_NAMES };
