import { methodName } from '../../../shared/api/channel';
import type { ChannelName, EventName } from '../../../shared/api/contract/index';
import type { ApiError, Result } from '../../../shared/api/envelope';
import type { CallInput, CallOutput, EventCallback, KithBridge } from './bridge';
import { takeAccessToken } from './token';

export type Transport = 'electron' | 'http';

/**
 * The one way the UI talks to the backend, typed from the contract. It
 * validates nothing (the backend does) and never throws: failures come back
 * as `{ ok: false, error }` like any refusal.
 */
export interface KithClient {
  readonly transport: Transport;
  call<N extends ChannelName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>;
  on<E extends EventName>(event: E, callback: EventCallback<E>): () => void;
  /** Called when the event stream came back after a drop (events may have been missed). */
  onReconnect(callback: () => void): () => void;
}

function failure(code: ApiError['code'], message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message } };
}

function isEnvelope(body: unknown): body is Result<unknown> {
  return typeof body === 'object' && body !== null && 'ok' in body && typeof (body as { ok: unknown }).ok === 'boolean';
}

/** Electron: the preload's `window.kith`, one function per channel. */
export function createElectronClient(bridge: KithBridge): KithClient {
  const table = bridge as unknown as Record<string, ((input: unknown) => Promise<Result<unknown>>) | undefined>;
  return {
    transport: 'electron',
    async call(name, input) {
      const fn = table[methodName(name)];
      if (typeof fn !== 'function') return failure('unknown-channel', `This version of Kith has no "${name}" call.`);
      try {
        return (await fn(input)) as Result<CallOutput<typeof name>>;
      } catch (err) {
        return failure('internal', `The call ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    on(event, callback) {
      return bridge[event](callback as never);
    },
    onReconnect() {
      return () => undefined;
    },
  };
}

/** Browser fallback: POST /api/<channel> with the bearer token; events over SSE. */
export function createHttpClient(token: string, base = ''): KithClient {
  // Listeners per event, made on first subscription: the client needs no list of event names (which would bundle the contract's schemas).
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const reconnectListeners = new Set<() => void>();
  let source: EventSource | null = null;
  let hasOpened = false;

  const ensureEvents = (): EventSource => {
    if (source) return source;
    source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
    source.addEventListener('open', () => {
      if (hasOpened) reconnectListeners.forEach((l) => l());
      hasOpened = true;
    });
    return source;
  };
  const listenersOf = (name: EventName): Set<(payload: unknown) => void> => {
    const existing = listeners.get(name);
    if (existing) return existing;
    const set = new Set<(payload: unknown) => void>();
    listeners.set(name, set);
    ensureEvents().addEventListener(name, (ev) => {
      let payload: unknown;
      try {
        payload = JSON.parse((ev as MessageEvent<string>).data);
      } catch {
        return;
      }
      set.forEach((l) => l(payload));
    });
    return set;
  };

  return {
    transport: 'http',
    async call(name, input) {
      let response: Response;
      try {
        response = await fetch(`${base}/api/${name}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          cache: 'no-store',
        });
      } catch (err) {
        return failure(
          'io',
          `Kith's local server cannot be reached (${err instanceof Error ? err.message : String(err)}). Is it still running?`,
        );
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return failure('internal', `Kith's local server answered ${response.status} without a readable result.`);
      }
      if (!isEnvelope(body)) return failure('internal', `Kith's local server answered ${response.status} with an unexpected result.`);
      return body as Result<CallOutput<typeof name>>;
    },
    on(event, callback) {
      const set = listenersOf(event);
      const listener = callback as (payload: unknown) => void;
      set.add(listener);
      return () => set.delete(listener);
    },
    onReconnect(callback) {
      ensureEvents();
      reconnectListeners.add(callback);
      return () => reconnectListeners.delete(callback);
    },
  };
}

export type ClientSetup = { ok: true; client: KithClient } | { ok: false; message: string };

/**
 * Picks the transport: the Electron preload when present, else the HTTP
 * fallback with the page's token (`keepToken`: when to store it and clear
 * the address bar, see takeAccessToken).
 */
export function createClient(win: Window = window, keepToken?: (task: () => void) => void): ClientSetup {
  if (win.kith) return { ok: true, client: createElectronClient(win.kith) };
  const token = takeAccessToken(win, keepToken);
  if (!token) {
    return {
      ok: false,
      message: 'This page needs its access token. Open the full address that `npm run serve` printed (it ends with ?token=…).',
    };
  }
  return { ok: true, client: createHttpClient(token) };
}
