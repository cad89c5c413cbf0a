import { ipcMain as electronIpcMain, type IpcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Backend } from '../backend/backend.js';
import { CHANNEL_NAMES, EVENT_NAMES, type EventName } from '../../shared/api/contract/index.js';
import { toApiError, type Result } from '../../shared/api/envelope.js';
import { isAppUrl } from './security.js';

/** The WebContents of Kith's own windows, as main tracks them. */
export type IsOwnWebContents = (contents: WebContents) => boolean;

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'Calls are accepted only from the main frame of a Kith window showing app://kith.' },
};

/**
 * The only senders allowed to call the backend: the top frame of one of our
 * windows, still showing the app's own origin. A subframe, a page that has
 * somehow navigated away, or a frame that is gone (`senderFrame` null) is refused.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, isOwnWebContents: IsOwnWebContents): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!isOwnWebContents(event.sender)) return false;
  return isAppUrl(frame.url);
}

export interface IpcOptions {
  /** Electron's ipcMain unless a test passes its own. */
  readonly ipcMain?: Pick<IpcMain, 'handle' | 'removeHandler'>;
  readonly backend: Pick<Backend, 'call'>;
  readonly isOwnWebContents: IsOwnWebContents;
}

/**
 * One `ipcMain.handle` per contract channel and nothing else. The payload goes
 * to `backend.call`, which validates it against the channel's zod schema; the
 * renderer always gets an envelope back. Returns a function that removes the
 * handlers.
 */
export function registerIpc({ ipcMain = electronIpcMain, backend, isOwnWebContents }: IpcOptions): () => void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(name, async (event: IpcMainInvokeEvent, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, isOwnWebContents)) return FORBIDDEN;
      try {
        return await backend.call(name, payload);
      } catch (err) {
        return { ok: false, error: toApiError(err) };
      }
    });
  }
  return () => {
    for (const name of CHANNEL_NAMES) ipcMain.removeHandler(name);
  };
}

/** Where events may go: our windows' contents, skipping any that are gone or not showing the app. */
export interface EventTarget {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
}

/** Sends an event to every window still showing the app. Used for backend events and for menu commands. */
export function sendToWindows(targets: Iterable<EventTarget>, name: string, payload: unknown): void {
  for (const target of targets) {
    if (!target.isDestroyed() && isAppUrl(target.getURL())) target.send(name, payload);
  }
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set(EVENT_NAMES);

/** Relays the backend's contract events (and only those) to the windows. Returns the unsubscribe function. */
export function forwardEvents(backend: Pick<Backend, 'onEvent'>, targets: () => Iterable<EventTarget>): () => void {
  return backend.onEvent((name: EventName, payload: unknown) => {
    if (KNOWN_EVENTS.has(name)) sendToWindows(targets(), name, payload);
  });
}
