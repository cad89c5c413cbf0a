import { Worker } from 'node:worker_threads';
import type { EventName } from '../../shared/api/contract/index.js';
import { KithError, type ApiError, type Result } from '../../shared/api/envelope.js';
import type { CreateFileOptions, HostMessage, ServedBackend, WorkerData, WorkerMessage } from './backendProtocol.js';

/** The backend as main sees it: the same interface, served from a worker thread so that saves and imports never block the UI. */
export interface BackendHost extends ServedBackend {
  /** Whether File > Import can hand a path to the backend (the backend has `importFile`). */
  readonly canImportFile: boolean;
  /** Called once if the worker dies on its own (not after `close`). */
  onExit(listener: (error: ApiError) => void): () => void;
}

/** What the host needs of a worker thread; node's Worker fits, tests pass a MessageChannel-backed fake. */
export interface WorkerHandle {
  postMessage(message: HostMessage): void;
  on(event: 'message', listener: (message: WorkerMessage) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (exitCode: number) => void): unknown;
  terminate(): Promise<number>;
}

export function spawnBackendWorker(workerPath: string, dataPath: string): WorkerHandle {
  const workerData: WorkerData = { dataPath };
  // A runaway import exhausts the worker's own heap, not the main process's: main then reports it.
  return new Worker(workerPath, { workerData, name: 'kith-backend', resourceLimits: { maxOldGenerationSizeMb: 4096 } });
}

export interface BackendHostOptions {
  readonly worker: WorkerHandle;
  /** How long `close` waits for the backend to flush its last save before the thread is stopped. */
  readonly closeTimeoutMs?: number;
}

type Pending = (result: Result<unknown>) => void;
type WithoutId<M> = M extends unknown ? Omit<M, 'id'> : never;
type Request = WithoutId<HostMessage>;

function stopped(message: string): Result<never> {
  return { ok: false, error: { code: 'internal', message } };
}

function throwIfFailed(result: Result<unknown>): void {
  if (!result.ok) throw new KithError(result.error.code, result.error.message, result.error.details);
}

/** Resolves once the worker's backend is ready; rejects with the backend's own error (e.g. `file-locked`) if it cannot start. */
export function startBackendHost(options: BackendHostOptions): Promise<BackendHost> {
  const { worker, closeTimeoutMs = 10_000 } = options;
  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(name: EventName, payload: unknown) => void>();
  const exitListeners = new Set<(error: ApiError) => void>();
  let nextId = 1;
  let deadReason: string | undefined;
  let isClosing = false;
  let closing: Promise<void> | undefined;

  const request = (message: Request): Promise<Result<unknown>> => {
    if (deadReason !== undefined) return Promise.resolve(stopped(deadReason));
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      try {
        worker.postMessage({ ...message, id } as HostMessage);
      } catch (err) {
        pending.delete(id);
        // Only a payload that cannot be cloned (a function, a symbol) fails here.
        const detail = err instanceof Error ? err.message : String(err);
        resolve({ ok: false, error: { code: 'invalid-input', message: `Invalid input: ${detail}` } });
      }
    });
  };

  const die = (reason: string): void => {
    if (deadReason !== undefined) return;
    deadReason = reason;
    for (const resolve of pending.values()) resolve(stopped(reason));
    pending.clear();
    if (!isClosing) for (const listener of exitListeners) listener({ code: 'internal', message: reason });
  };

  return new Promise<BackendHost>((resolveStart, rejectStart) => {
    let isStarted = false;

    worker.on('message', (message) => {
      switch (message.kind) {
        case 'ready': {
          isStarted = true;
          resolveStart(makeHost(message.canImportFile));
          return;
        }
        case 'failed':
          rejectStart(new KithError(message.error.code, message.error.message, message.error.details));
          return;
        case 'reply': {
          const resolve = pending.get(message.id);
          pending.delete(message.id);
          resolve?.(message.result);
          return;
        }
        case 'event':
          for (const listener of eventListeners) listener(message.name, message.payload);
          return;
      }
    });
    worker.on('error', (err) => {
      if (!isStarted) rejectStart(err);
      die(`The Kith backend failed: ${err.message}`);
    });
    worker.on('exit', (exitCode) => {
      if (!isStarted) rejectStart(new Error(`The Kith backend stopped before it was ready (exit code ${exitCode}).`));
      die(isClosing ? 'The Kith backend has closed.' : `The Kith backend stopped unexpectedly (exit code ${exitCode}).`);
    });
  });

  function makeHost(canImportFile: boolean): BackendHost {
    const host: BackendHost = {
      canImportFile,
      call: (name, rawInput) => request({ kind: 'call', name, input: rawInput }),
      onEvent(listener) {
        eventListeners.add(listener);
        return () => eventListeners.delete(listener);
      },
      onExit(listener) {
        exitListeners.add(listener);
        return () => exitListeners.delete(listener);
      },
      openFile: async (path) => throwIfFailed(await request({ kind: 'openFile', path })),
      createFile: async (path, opts?: CreateFileOptions) =>
        throwIfFailed(await request(opts ? { kind: 'createFile', path, opts } : { kind: 'createFile', path })),
      close() {
        closing ??= (async () => {
          isClosing = true;
          let timer: NodeJS.Timeout | undefined;
          const timeout = new Promise<void>((resolve) => {
            timer = setTimeout(resolve, closeTimeoutMs);
          });
          await Promise.race([request({ kind: 'close' }), timeout]);
          clearTimeout(timer);
          eventListeners.clear();
          await worker.terminate();
        })();
        return closing;
      },
    };
    if (canImportFile) host.importFile = async (path) => throwIfFailed(await request({ kind: 'importFile', path }));
    return host;
  }
}
