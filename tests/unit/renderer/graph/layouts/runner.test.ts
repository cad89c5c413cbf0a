import { describe, expect, it } from 'vitest';
import { forceLayout } from '../../../../../renderer/src/graph/layouts/force';
import type { WorkerMessage } from '../../../../../renderer/src/graph/layouts/layoutWorker';
import { LayoutRunner, needsWorker, WORKER_ABOVE, type LayoutWorkerLike } from '../../../../../renderer/src/graph/layouts/runner';
import type { LayoutInput, LayoutRequest } from '../../../../../renderer/src/graph/layouts/types';

const input = (n: number): LayoutInput => ({
  centre: 0,
  items: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, radius: 20, warmth: 0.5, tied: i > 0, placeSelf: true })),
  edges: Array.from({ length: n - 1 }, (_, i) => [0, i + 1, 1] as const),
  seeds: {},
});

/** A worker stand-in: runs the real force layout when told to, posting progress; or hangs until terminated. */
class FakeWorker implements LayoutWorkerLike {
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  posted: Array<{ id: number; request: LayoutRequest }> = [];
  constructor(private readonly mode: 'run' | 'hang') {}
  postMessage(message: { id: number; request: LayoutRequest }): void {
    this.posted.push(message);
    if (this.mode === 'hang') {
      queueMicrotask(() => this.send({ id: message.id, type: 'progress', done: 3, total: 100 }));
      return;
    }
    queueMicrotask(() => {
      const positions = forceLayout(message.request.input, (done, total) => this.send({ id: message.id, type: 'progress', done, total }));
      this.send({ id: message.id, type: 'done', positions, ms: 1 });
    });
  }
  terminate(): void {
    this.terminated = true;
  }
  private send(data: WorkerMessage): void {
    if (!this.terminated) this.onmessage?.({ data } as MessageEvent<WorkerMessage>);
  }
}

describe('LayoutRunner', () => {
  it('runs quick layouts of small views in the page, without a worker', async () => {
    const runner = new LayoutRunner(() => {
      throw new Error('no worker expected');
    });
    const outcome = await runner.run({ name: 'around-me', input: input(20) });
    expect(outcome).toMatchObject({ kind: 'done', inWorker: false });
    expect(needsWorker({ name: 'clusters', input: input(WORKER_ABOVE + 1) })).toBe(true);
    expect(needsWorker({ name: 'force', input: input(3) })).toBe(true);
  });

  it('runs force in the worker and passes its progress on', async () => {
    const workers: FakeWorker[] = [];
    const runner = new LayoutRunner(() => {
      const w = new FakeWorker('run');
      workers.push(w);
      return w;
    });
    const progress: number[] = [];
    const outcome = await runner.run({ name: 'force', input: input(40) }, (p) => progress.push(p.done / p.total));
    expect(outcome.kind).toBe('done');
    if (outcome.kind === 'done') {
      expect(outcome.inWorker).toBe(true);
      expect(outcome.positions).toHaveLength(40);
    }
    expect(progress.at(-1)).toBe(1);
    expect(workers).toHaveLength(1);
  });

  it('cancel stops the worker and settles the run as cancelled; the next run gets a fresh worker', async () => {
    const workers: FakeWorker[] = [];
    const runner = new LayoutRunner(() => {
      const w = new FakeWorker(workers.length === 0 ? 'hang' : 'run');
      workers.push(w);
      return w;
    });
    const seen: number[] = [];
    const running = runner.run({ name: 'force', input: input(30) }, (p) => seen.push(p.done));
    await Promise.resolve();
    await Promise.resolve();
    expect(runner.isRunning).toBe(true);
    expect(seen).toEqual([3]);
    runner.cancel();
    expect(await running).toEqual({ kind: 'cancelled' });
    expect(workers[0]?.terminated).toBe(true);
    expect(runner.isRunning).toBe(false);
    const next = await runner.run({ name: 'force', input: input(10) });
    expect(next.kind).toBe('done');
    expect(workers).toHaveLength(2);
  });

  it('a new run cancels the one in progress', async () => {
    const runner = new LayoutRunner(() => new FakeWorker('hang'));
    const first = runner.run({ name: 'force', input: input(5) });
    void runner.run({ name: 'force', input: input(5) });
    expect(await first).toEqual({ kind: 'cancelled' });
    runner.destroy();
  });

  it('reports a worker that fails', async () => {
    const runner = new LayoutRunner(() => {
      const w = new FakeWorker('hang');
      w.postMessage = () => queueMicrotask(() => w.onerror?.({ message: 'boom' } as ErrorEvent));
      return w;
    });
    expect(await runner.run({ name: 'force', input: input(5) })).toEqual({ kind: 'failed', message: 'boom' });
    expect(await new LayoutRunner(null).run({ name: 'force', input: input(5) })).toMatchObject({ kind: 'failed' });
  });
});
