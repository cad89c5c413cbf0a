import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { methodName } from '../../shared/api/channel.js';

/** The two ipcRenderer calls the bridge makes; a fake in tests. */
export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

type BridgeFunction = ((input: unknown) => Promise<unknown>) | ((listener: (payload: unknown) => void) => () => void);

/**
 * Builds `window.kith`: one function per channel, each bound to its own fixed
 * channel name (the page can never name a channel), and one subscriber per
 * event that hands the listener the payload alone, never the IpcRendererEvent
 * (whose `sender` would reach ipcRenderer). Kept free of zod and of the
 * contract's schemas: the names come in as plain strings.
 */
export function createBridge(
  ipc: BridgeIpc,
  channelNames: readonly string[],
  eventNames: readonly string[],
): Readonly<Record<string, BridgeFunction>> {
  const api: Record<string, BridgeFunction> = {};
  const define = (key: string, fn: BridgeFunction): void => {
    if (Object.hasOwn(api, key)) throw new Error(`Kith bridge: "${key}" is defined twice`);
    api[key] = fn;
  };
  for (const channel of channelNames) {
    define(methodName(channel), (input: unknown) => ipc.invoke(channel, input));
  }
  for (const eventName of eventNames) {
    define(eventName, (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${eventName} needs a listener function`);
      const relay = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipc.on(eventName, relay);
      return () => {
        ipc.removeListener(eventName, relay);
      };
    });
  }
  return Object.freeze(api);
}
