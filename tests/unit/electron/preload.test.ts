import path from 'node:path';
import vm from 'node:vm';
import { build, type Rollup } from 'vite';
import { beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { methodName, type InputOf } from '../../../shared/api/channel.js';
import { CHANNEL_NAMES, EVENT_NAMES, type Contract, type EventPayload, type Output } from '../../../shared/api/contract/index.js';
import type { Result } from '../../../shared/api/envelope.js';
import { contractNamesModule, contractNamesPlugin } from '../../../electron/preload/contractNamesPlugin.js';
import type { KithBridge, MethodName } from '../../../electron/preload/bridgeType.js';
import { contextBridge, ipcRenderer } from './fakeElectron.js';

vi.mock('electron', () => import('./fakeElectron.js'));

const root = path.resolve(import.meta.dirname, '../../..');
const expectedKeys = [...CHANNEL_NAMES.map(methodName), ...EVENT_NAMES].sort();

type BridgeFn = (arg: unknown) => unknown;

let exposed: Record<string, BridgeFn>;

beforeAll(async () => {
  await import('../../../electron/preload/preload.js');
  expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, BridgeFn>];
  expect(key).toBe('kith');
  exposed = api;
});

describe('preload bridge', () => {
  it('exposes exactly one function per channel plus one subscriber per event, and nothing else', () => {
    expect(Object.keys(exposed).sort()).toEqual(expectedKeys);
    expect(Object.keys(exposed)).toHaveLength(CHANNEL_NAMES.length + EVENT_NAMES.length);
    for (const value of Object.values(exposed)) expect(typeof value).toBe('function');
    for (const generic of ['invoke', 'send', 'on', 'ipcRenderer', 'require', 'call']) expect(exposed).not.toHaveProperty(generic);
    expect(Object.isFrozen(exposed)).toBe(true);
  });

  it('binds each function to its own fixed channel and passes the input through', async () => {
    for (const channel of CHANNEL_NAMES) {
      ipcRenderer.invoke.mockClear();
      const fn = exposed[methodName(channel)];
      if (!fn) throw new Error(`missing ${channel}`);
      const input = { probe: channel };
      await fn(input);
      expect(ipcRenderer.invoke.mock.calls).toEqual([[channel, input]]);
    }
  });

  it('gives event listeners the payload only and unsubscribes the same listener', () => {
    for (const eventName of EVENT_NAMES) {
      ipcRenderer.on.mockClear();
      ipcRenderer.removeListener.mockClear();
      const listener = vi.fn();
      const subscribe = exposed[eventName] as (l: (payload: unknown) => void) => () => void;
      const unsubscribe = subscribe(listener);
      expect(ipcRenderer.on).toHaveBeenCalledTimes(1);
      const [name, relay] = ipcRenderer.on.mock.calls[0] as [string, (event: unknown, payload: unknown, ...rest: unknown[]) => void];
      expect(name).toBe(eventName);
      const ipcEvent = { sender: ipcRenderer, senderId: 0, ports: [] };
      relay(ipcEvent, { revision: 7 }, 'extra');
      expect(listener.mock.calls).toEqual([[{ revision: 7 }]]);
      unsubscribe();
      expect(ipcRenderer.removeListener.mock.calls).toEqual([[eventName, relay]]);
    }
  });

  it('refuses a subscriber that is not a function', () => {
    const [eventName] = EVENT_NAMES;
    if (!eventName) throw new Error('the contract has no events');
    expect(() => (exposed[eventName] as BridgeFn)('not a function')).toThrow(TypeError);
  });
});

describe('KithBridge type', () => {
  it('derives camelCase method names from domain:verb', () => {
    expectTypeOf<MethodName<'person:create'>>().toEqualTypeOf<'personCreate'>();
    expectTypeOf<MethodName<'file:resolveExternalChange'>>().toEqualTypeOf<'fileResolveExternalChange'>();
    expectTypeOf<MethodName<'import:linkedin-zip'>>().toEqualTypeOf<'importLinkedinZip'>();
    for (const name of ['person:create', 'file:resolveExternalChange', 'import:linkedin-zip']) {
      expect(methodName(name)).toBe(
        name === 'person:create' ? 'personCreate' : name === 'import:linkedin-zip' ? 'importLinkedinZip' : 'fileResolveExternalChange',
      );
    }
  });

  it('types each method from the contract and each subscriber from its event', () => {
    expectTypeOf<KithBridge['personCreate']>().parameter(0).toEqualTypeOf<InputOf<Contract['person:create']>>();
    expectTypeOf<KithBridge['personCreate']>().returns.toEqualTypeOf<Promise<Result<Output<'person:create'>>>>();
    expectTypeOf<KithBridge['historyUndo']>().returns.toEqualTypeOf<Promise<Result<Output<'history:undo'>>>>();
    expectTypeOf<Parameters<Parameters<KithBridge['onFileStatus']>[0]>[0]>().toEqualTypeOf<EventPayload<'onFileStatus'>>();
    expectTypeOf<ReturnType<KithBridge['onFileStatus']>>().toEqualTypeOf<() => void>();
    expectTypeOf<keyof KithBridge>().not.toEqualTypeOf<string>();
  });
});

describe('preload bundle', () => {
  let code: string;

  beforeAll(async () => {
    const output = (await build({
      configFile: false,
      root,
      logLevel: 'silent',
      plugins: [contractNamesPlugin({ channels: CHANNEL_NAMES, events: EVENT_NAMES })],
      build: {
        ssr: path.join(root, 'electron/preload/preload.ts'),
        write: false,
        minify: false,
        target: 'node20',
        rollupOptions: { external: ['electron', /^node:/], output: { format: 'cjs', entryFileNames: 'preload.cjs', codeSplitting: false } },
      },
      ssr: { noExternal: true, external: ['electron'] },
    })) as Rollup.RollupOutput | Rollup.RollupOutput[];
    const outputs = Array.isArray(output) ? output : [output];
    const chunks = outputs.flatMap((o) => o.output).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
    expect(chunks).toHaveLength(1);
    code = chunks[0]?.code ?? '';
  }, 60_000);

  it('carries the names but not zod or the schemas', () => {
    expect(code).not.toMatch(/\bZod[A-Z]\w*|safeParse|strictObject|\$constructor|require\(["']zod/);
    expect(code.length).toBeLessThan(20_000);
    for (const channel of CHANNEL_NAMES) expect(code).toContain(JSON.stringify(channel));
  });

  it('requires nothing but electron, as a sandboxed preload must', () => {
    const required = [...code.matchAll(/require\((["'])([^"']+)\1\)/g)].map((m) => m[2]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('exposes the same API when run in a sandbox-like context', () => {
    const expose = vi.fn();
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: expose },
      ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
    };
    const module = { exports: {} };
    const requireElectronOnly = (id: string) => {
      if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
      return fakeElectron;
    };
    vm.runInNewContext(code, { require: requireElectronOnly, module, exports: module.exports });
    expect(expose).toHaveBeenCalledTimes(1);
    const [key, api] = expose.mock.calls[0] as [string, Record<string, unknown>];
    expect(key).toBe('kith');
    expect(Object.keys(api).sort()).toEqual(expectedKeys);
  });

  it('the generated names module matches the contract', () => {
    const source = contractNamesModule({ channels: CHANNEL_NAMES, events: EVENT_NAMES });
    expect(source).toContain(`CHANNEL_NAMES = Object.freeze(${JSON.stringify(CHANNEL_NAMES)})`);
    expect(source).toContain(`EVENT_NAMES = Object.freeze(${JSON.stringify(EVENT_NAMES)})`);
  });
});
