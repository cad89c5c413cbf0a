import type { Backend } from '../backend/backend.js';
import type { EventName } from '../../shared/api/contract/index.js';
import { toApiError, type ApiError, type Result } from '../../shared/api/envelope.js';

/*
 * The messages between the main process (backendHost.ts) and the backend's
 * worker thread (electron/backend/worker.ts). This module imports neither
 * 'electron' nor the backend itself, so both ends and the tests can use it.
 */

export type CreateFileOptions = NonNullable<Parameters<Backend['createFile']>[1]>;

/** What the worker serves: the backend, minus in-process access, plus an importer once the backend has one. */
export type ServedBackend = Omit<Backend, 'session' | 'importFile'> & { importFile?(path: string): Promise<void> };

export type HostMessage =
  | { readonly kind: 'call'; readonly id: number; readonly name: string; readonly input: unknown }
  | { readonly kind: 'openFile'; readonly id: number; readonly path: string }
  | { readonly kind: 'createFile'; readonly id: number; readonly path: string; readonly opts?: CreateFileOptions }
  | { readonly kind: 'importFile'; readonly id: number; readonly path: string }
  | { readonly kind: 'close'; readonly id: number };

export type WorkerMessage =
  | { readonly kind: 'ready'; readonly canImportFile: boolean }
  /** createBackend threw: the worker closes its port after this. */
  | { readonly kind: 'failed'; readonly error: ApiError }
  | { readonly kind: 'reply'; readonly id: number; readonly result: Result<unknown> }
  | { readonly kind: 'event'; readonly name: EventName; readonly payload: unknown };

export interface WorkerData {
  readonly dataPath: string;
}

/** The worker's side of the channel: `parentPort` in the worker, a MessagePort in tests. */
export interface WorkerPort {
  postMessage(message: WorkerMessage): void;
  on(event: 'message', listener: (message: HostMessage) => void): unknown;
  close(): void;
}

export type BackendFactory = (opts: { dataPath: string }) => Promise<ServedBackend>;

const ok: Result<unknown> = { ok: true, value: null };

function isWorkerData(value: unknown): value is WorkerData {
  return typeof value === 'object' && value !== null && typeof (value as { dataPath?: unknown }).dataPath === 'string';
}

export function readWorkerData(value: unknown): WorkerData {
  if (!isWorkerData(value)) throw new Error('The Kith backend worker needs workerData { dataPath: string }');
  return value;
}

/**
 * Runs in the worker thread: creates the backend, answers every request with
 * an envelope (never a throw), relays backend events, and closes the port once
 * the backend has closed so that the thread can end.
 */
export async function serveBackend(port: WorkerPort, create: BackendFactory, dataPath: string): Promise<void> {
  let backend: ServedBackend;
  try {
    backend = await create({ dataPath });
  } catch (err) {
    port.postMessage({ kind: 'failed', error: toApiError(err) });
    port.close();
    return;
  }
  let isClosed = false;
  const send = (message: WorkerMessage): void => {
    try {
      port.postMessage(message);
    } catch (err) {
      if (message.kind === 'reply') port.postMessage({ kind: 'reply', id: message.id, result: { ok: false, error: toApiError(err) } });
    }
  };
  const unsubscribe = backend.onEvent((name, payload) => {
    if (!isClosed) send({ kind: 'event', name, payload });
  });

  const run = async (message: HostMessage): Promise<Result<unknown>> => {
    if (isClosed) return { ok: false, error: { code: 'internal', message: 'The Kith backend has closed.' } };
    try {
      switch (message.kind) {
        case 'call':
          return await backend.call(message.name, message.input);
        case 'openFile':
          await backend.openFile(message.path);
          return ok;
        case 'createFile':
          await backend.createFile(message.path, message.opts);
          return ok;
        case 'importFile':
          if (!backend.importFile)
            return { ok: false, error: { code: 'unknown-channel', message: 'This backend cannot import files yet.' } };
          await backend.importFile(message.path);
          return ok;
        case 'close':
          isClosed = true;
          unsubscribe();
          await backend.close();
          return ok;
      }
    } catch (err) {
      return { ok: false, error: toApiError(err) };
    }
  };

  port.on('message', (message) => {
    void run(message).then((result) => {
      send({ kind: 'reply', id: message.id, result });
      if (message.kind === 'close') port.close();
    });
  });
  send({ kind: 'ready', canImportFile: typeof backend.importFile === 'function' });
}
