import { computeQuickLayout } from './compute';
import { forceLayout } from './force';
import type { LayoutRequest, LayoutResult } from './types';

/** Messages from the layout worker: progress while it runs, then the positions (or why not). */
export type WorkerMessage =
  | { readonly id: number; readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly id: number; readonly type: 'done'; readonly positions: LayoutResult; readonly ms: number }
  | { readonly id: number; readonly type: 'error'; readonly message: string };

interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  onmessage: ((event: MessageEvent<{ id: number; request: LayoutRequest }>) => void) | null;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, request } = event.data;
  const t0 = performance.now();
  try {
    const positions =
      request.name === 'force'
        ? forceLayout(request.input, (done, total) => scope.postMessage({ id, type: 'progress', done, total }))
        : computeQuickLayout(request);
    scope.postMessage({ id, type: 'done', positions, ms: performance.now() - t0 });
  } catch (err) {
    scope.postMessage({ id, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
