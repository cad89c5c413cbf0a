import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { build } from 'vite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../../shared/api/contract/index.js';
import { KithError, type Result } from '../../../shared/api/envelope.js';
import { startBackendHost, type BackendHost, type WorkerHandle } from '../../../electron/main/backendHost.js';
import { serveBackend, type BackendFactory, type ServedBackend, type WorkerMessage } from '../../../electron/main/backendProtocol.js';

const root = path.resolve(import.meta.dirname, '../../..');
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The worker boundary replaced by a MessageChannel: the real serveBackend on one port, the real host on the other. */
function channelWorker(create: BackendFactory, dataPath = '/data/kith.json'): WorkerHandle & { crash(code: number): void } {
  const { port1, port2 } = new MessageChannel();
  const exitListeners: Array<(code: number) => void> = [];
  let hasExited = false;
  const exit = (code: number) => {
    if (hasExited) return;
    hasExited = true;
    port1.close();
    exitListeners.forEach((listener) => listener(code));
  };
  port2.on('close', () => exit(0));
  void serveBackend(port2, create, dataPath);
  const on = (event: string, listener: (value: never) => void) => {
    if (event === 'message') port1.on('message', listener as (message: WorkerMessage) => void);
    if (event === 'exit') exitListeners.push(listener as (code: number) => void);
  };
  cleanups.push(() => {
    port1.close();
    port2.close();
  });
  return {
    postMessage: (message) => port1.postMessage(message),
    on: on as WorkerHandle['on'],
    terminate: async () => {
      exit(1);
      return 1;
    },
    crash: (code) => {
      port2.close();
      exit(code);
    },
  };
}

function fakeBackend<O extends Partial<ServedBackend>>(overrides: O = {} as O) {
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  const backend = {
    call: vi.fn(async (name: string, input: unknown): Promise<Result<unknown>> => ({ ok: true, value: { name, input } })),
    onEvent: vi.fn((listener: (name: EventName, payload: unknown) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    openFile: vi.fn(async (_path: string) => undefined),
    createFile: vi.fn(async (_path: string, _opts?: { example?: boolean }) => undefined),
    close: vi.fn(async () => undefined),
    emit: (name: EventName, payload: unknown) => listeners.forEach((listener) => listener(name, payload)),
    ...overrides,
  };
  return backend;
}

describe('backend host over the worker protocol', () => {
  it('relays calls and their envelopes', async () => {
    const backend = fakeBackend();
    const host = await startBackendHost({ worker: channelWorker(async () => backend) });
    expect(await host.call('person:create', { name: 'Ada' })).toEqual({
      ok: true,
      value: { name: 'person:create', input: { name: 'Ada' } },
    });
    backend.call.mockResolvedValueOnce({ ok: false, error: { code: 'invalid-input', message: 'Invalid input: input.name: required' } });
    expect(await host.call('person:create', {})).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'Invalid input: input.name: required' },
    });
    expect(backend.call).toHaveBeenCalledWith('person:create', { name: 'Ada' });
    await host.close();
  });

  it('answers many concurrent calls each with its own result', async () => {
    const backend = fakeBackend({
      call: async (_name: string, input: unknown) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        return { ok: true, value: input };
      },
    });
    const host = await startBackendHost({ worker: channelWorker(async () => backend) });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => host.call('network:get', { i })));
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => ({ ok: true, value: { i } })));
    await host.close();
  });

  it('refuses an input that cannot cross a thread without bothering the backend', async () => {
    const backend = fakeBackend();
    const host = await startBackendHost({ worker: channelWorker(async () => backend) });
    const result = await host.call('person:create', { name: 'Ada', toString: () => 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(backend.call).not.toHaveBeenCalled();
    await host.close();
  });

  it('relays backend events to every listener until it unsubscribes', async () => {
    const backend = fakeBackend();
    const host = await startBackendHost({ worker: channelWorker(async () => backend) });
    const seen: Array<[string, unknown]> = [];
    const stop = host.onEvent((name, payload) => seen.push([name, payload]));
    backend.emit('onNetworkChanged', { revision: 2, cause: 'edit' });
    await vi.waitFor(() => expect(seen).toEqual([['onNetworkChanged', { revision: 2, cause: 'edit' }]]));
    stop();
    backend.emit('onNetworkChanged', { revision: 3, cause: 'edit' });
    await host.call('file:status', {});
    expect(seen).toHaveLength(1);
    await host.close();
  });

  it('turns openFile/createFile failures into KithErrors with the backend’s code', async () => {
    const backend = fakeBackend({
      openFile: async () => {
        throw new KithError('file-corrupt', 'kith.json line 3: not JSON');
      },
      createFile: async () => {
        throw new KithError('conflict', 'exists');
      },
    });
    const host = await startBackendHost({ worker: channelWorker(async () => backend) });
    await expect(host.openFile('/x.json')).rejects.toMatchObject({
      name: 'KithError',
      code: 'file-corrupt',
      message: 'kith.json line 3: not JSON',
    });
    await expect(host.createFile('/y.json', { example: true })).rejects.toMatchObject({ code: 'conflict' });
    await host.close();
  });

  it('passes createFile options and offers importFile only when the backend has it', async () => {
    const backend = fakeBackend();
    const host = await startBackendHost({ worker: channelWorker(async () => backend) });
    await host.createFile('/new.json', { example: true });
    expect(backend.createFile).toHaveBeenCalledWith('/new.json', { example: true });
    expect(host.canImportFile).toBe(false);
    expect(host.importFile).toBeUndefined();
    await host.close();

    const importFile = vi.fn(async (_path: string) => undefined);
    const importing = await startBackendHost({ worker: channelWorker(async () => fakeBackend({ importFile })) });
    expect(importing.canImportFile).toBe(true);
    await importing.importFile?.('/Connections.csv');
    expect(importFile).toHaveBeenCalledWith('/Connections.csv');
    await importing.close();
  });

  it('rejects the start with the backend’s own error (e.g. a locked file)', async () => {
    const worker = channelWorker(async () => {
      throw new KithError('file-locked', 'kith.json is open in another Kith (pid 42).');
    });
    await expect(startBackendHost({ worker })).rejects.toMatchObject({
      code: 'file-locked',
      message: 'kith.json is open in another Kith (pid 42).',
    });
  });

  it('close lets the backend finish, then stops the thread; later calls get an envelope', async () => {
    const order: string[] = [];
    const backend = fakeBackend({
      close: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push('backend closed');
      },
    });
    const worker = channelWorker(async () => backend);
    const terminate = vi.spyOn(worker, 'terminate');
    const host = await startBackendHost({ worker });
    const exits = vi.fn();
    host.onExit(exits);
    await host.close();
    order.push('host closed');
    expect(order).toEqual(['backend closed', 'host closed']);
    expect(terminate).toHaveBeenCalled();
    expect(await host.call('file:status', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(exits).not.toHaveBeenCalled();
    expect(host.close()).toBe(host.close());
  });

  it('does not wait forever for a backend that never closes', async () => {
    const backend = fakeBackend({ close: () => new Promise<void>(() => undefined) });
    const worker = channelWorker(async () => backend);
    const host = await startBackendHost({ worker, closeTimeoutMs: 30 });
    await host.close();
    expect(await host.call('file:status', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('answers pending calls and tells main when the worker dies', async () => {
    const backend = fakeBackend({ call: vi.fn(() => new Promise<Result<unknown>>(() => undefined)) });
    const worker = channelWorker(async () => backend);
    const host = await startBackendHost({ worker });
    const exits = vi.fn();
    host.onExit(exits);
    const pending = host.call('network:get', {});
    await vi.waitFor(() => expect(backend.call).toHaveBeenCalled());
    worker.crash(7);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('exit code 7') } });
    expect(exits).toHaveBeenCalledWith(expect.objectContaining({ code: 'internal' }));
    expect(await host.call('network:get', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('backend in a real worker thread', () => {
  it('reports a worker that dies before it is ready', async () => {
    const worker = new Worker('process.exit(3)', { eval: true });
    await expect(startBackendHost({ worker })).rejects.toThrow(/exit code 3/);
  });

  it('answers pending calls when a real worker crashes', async () => {
    const source = `
      const { parentPort } = require('node:worker_threads');
      parentPort.on('message', () => { throw new Error('backend blew up'); });
      parentPort.postMessage({ kind: 'ready', canImportFile: false });
    `;
    const host = await startBackendHost({ worker: new Worker(source, { eval: true }) });
    const exits = vi.fn();
    host.onExit(exits);
    const result = await host.call('file:status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('backend blew up') } });
    await vi.waitFor(() => expect(exits).toHaveBeenCalled());
  });

  it('runs the built worker bundle with the real backend on a temp data file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kith-worker-'));
    const dataPath = path.join(dir, 'kith.json');
    let host: BackendHost | undefined;
    cleanups.push(async () => {
      await host?.close();
      rmSync(dir, { recursive: true, force: true });
    });
    // Built as scripts/build.ts does: one self-contained CommonJS file, only node: built-ins external.
    await build({
      configFile: false,
      root,
      logLevel: 'silent',
      build: {
        ssr: path.join(root, 'electron/backend/worker.ts'),
        outDir: dir,
        emptyOutDir: false,
        target: 'node20',
        minify: false,
        rollupOptions: { external: ['electron', /^node:/], output: { format: 'cjs', entryFileNames: 'worker.cjs', codeSplitting: false } },
      },
      ssr: { noExternal: true, external: ['electron'] },
    });
    const bundle = readFileSync(path.join(dir, 'worker.cjs'), 'utf8');
    expect(bundle).not.toMatch(/require\((["'])electron\1\)/);
    const worker = new Worker(path.join(dir, 'worker.cjs'), { workerData: { dataPath } });
    host = await startBackendHost({ worker });
    const events: string[] = [];
    host.onEvent((name) => events.push(name));

    const status = await host.call('file:status', {});
    expect(status).toMatchObject({ ok: true, value: { path: dataPath } });
    const created = await host.call('person:create', { name: 'Ada Lovelace' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Ada Lovelace' } });
    expect(await host.call('person:create', { name: '' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await host.call('no:such', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    await vi.waitFor(() => expect(events.length).toBeGreaterThan(0));
    await expect(host.createFile(dataPath)).rejects.toMatchObject({ code: 'conflict' });

    await host.close();
    host = undefined;
    expect(existsSync(dataPath)).toBe(true);
  }, 60_000);
});
