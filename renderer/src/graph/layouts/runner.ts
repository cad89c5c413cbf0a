import { computeQuickLayout } from './compute';
import type { WorkerMessage } from './layoutWorker';
import type { LayoutRequest, LayoutResult } from './types';

/** Above this many placed nodes, even the quick layouts go to the worker (they stay O(n log n), but the page stays free). */
export const WORKER_ABOVE = 1500;

export interface LayoutWorkerLike {
  postMessage(message: { id: number; request: LayoutRequest }): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export type WorkerFactory = () => LayoutWorkerLike;

export type LayoutOutcome =
  | { readonly kind: 'done'; readonly positions: LayoutResult; readonly ms: number; readonly inWorker: boolean }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly message: string };

export interface Progress {
  readonly done: number;
  readonly total: number;
}

/** How many nodes a request places: its items and their members. */
export function placedCount(request: LayoutRequest): number {
  return request.input.people?.people.length ?? request.input.items.reduce((n, it) => n + 1 + (it.members?.length ?? 0), 0);
}

export function needsWorker(request: LayoutRequest): boolean {
  return request.name === 'force' || placedCount(request) > WORKER_ABOVE;
}

/** The module worker Vite bundles from layoutWorker.ts. */
export function createLayoutWorker(): LayoutWorkerLike {
  return new Worker(new URL('./layoutWorker.ts', import.meta.url), { type: 'module', name: 'kith-layout' }) as unknown as LayoutWorkerLike;
}

/**
 * Runs layouts: small quick ones in the page, the rest in a worker with
 * progress. One at a time: a new run or `cancel()` terminates the worker
 * (a ForceAtlas2 run cannot be interrupted from outside any other way) and
 * settles the previous run as cancelled.
 */
export class LayoutRunner {
  private worker: LayoutWorkerLike | null = null;
  private seq = 0;
  private pending: { id: number; settle: (outcome: LayoutOutcome) => void; onProgress: (p: Progress) => void } | null = null;

  constructor(private readonly factory: WorkerFactory | null = createLayoutWorker) {}

  get isRunning(): boolean {
    return this.pending !== null;
  }

  run(request: LayoutRequest, onProgress: (p: Progress) => void = () => undefined): Promise<LayoutOutcome> {
    this.cancel();
    if (!needsWorker(request) || !this.factory) {
      if (request.name === 'force' && !this.factory)
        return Promise.resolve({ kind: 'failed', message: 'The force layout needs a worker.' });
      const t0 = performance.now();
      try {
        return Promise.resolve({ kind: 'done', positions: computeQuickLayout(request), ms: performance.now() - t0, inWorker: false });
      } catch (err) {
        return Promise.resolve({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
      }
    }
    const id = ++this.seq;
    const worker = this.ensureWorker();
    return new Promise<LayoutOutcome>((resolve) => {
      this.pending = { id, settle: resolve, onProgress };
      worker.postMessage({ id, request });
    });
  }

  /** Stops the running layout, if any; the graph keeps the positions it had. */
  cancel(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    this.worker?.terminate();
    this.worker = null;
    pending.settle({ kind: 'cancelled' });
  }

  destroy(): void {
    this.cancel();
    this.worker?.terminate();
    this.worker = null;
  }

  private ensureWorker(): LayoutWorkerLike {
    if (this.worker) return this.worker;
    const worker = (this.factory as WorkerFactory)();
    worker.onmessage = (event) => {
      const msg = event.data;
      const pending = this.pending;
      if (!pending || msg.id !== pending.id) return;
      if (msg.type === 'progress') {
        pending.onProgress({ done: msg.done, total: msg.total });
        return;
      }
      this.pending = null;
      pending.settle(
        msg.type === 'done'
          ? { kind: 'done', positions: msg.positions, ms: msg.ms, inWorker: true }
          : { kind: 'failed', message: msg.message },
      );
    };
    worker.onerror = (event) => {
      const pending = this.pending;
      this.pending = null;
      this.worker?.terminate();
      this.worker = null;
      pending?.settle({ kind: 'failed', message: event.message || 'The layout worker stopped.' });
    };
    this.worker = worker;
    return worker;
  }
}
