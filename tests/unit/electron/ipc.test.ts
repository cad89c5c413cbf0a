import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES, type EventName } from '../../../shared/api/contract/index.js';
import type { Result } from '../../../shared/api/envelope.js';
import { FakeWebContents, FakeWebFrame, ipcMain, resetFakeElectron } from './fakeElectron.js';

vi.mock('electron', () => import('./fakeElectron.js'));

const { forwardEvents, isTrustedSender, registerIpc, sendToWindows } = await import('../../../electron/main/ipc.js');

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<Result<unknown>>;

function fakeEvent(sender: FakeWebContents, frame: FakeWebFrame | null): IpcMainInvokeEvent {
  return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

function setup() {
  const own = new FakeWebContents('app://kith/index.html');
  const call = vi.fn(async (name: string, input: unknown): Promise<Result<unknown>> => ({ ok: true, value: { name, input } }));
  const unregister = registerIpc({
    backend: { call },
    isOwnWebContents: (contents: WebContents) => contents === (own as unknown as WebContents),
  });
  const handlers = new Map(ipcMain.handle.mock.calls.map(([name, handler]) => [name as string, handler as Handler]));
  const invoke = (name: string, event: IpcMainInvokeEvent, ...args: unknown[]) => {
    const handler = handlers.get(name);
    if (!handler) throw new Error(`no handler for ${name}`);
    return handler(event, ...args);
  };
  return { own, call, invoke, unregister, handlers };
}

beforeEach(() => resetFakeElectron());

describe('registerIpc', () => {
  it('handles exactly the contract channels and registers nothing else on ipcMain', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(ipcMain.handle).toHaveBeenCalledTimes(CHANNEL_NAMES.length);
    expect(ipcMain.on).not.toHaveBeenCalled();
    expect(ipcMain.once).not.toHaveBeenCalled();
    expect(ipcMain.handleOnce).not.toHaveBeenCalled();
  });

  it('passes a trusted call to the backend and returns its envelope', async () => {
    const { own, call, invoke } = setup();
    const result = await invoke('person:create', fakeEvent(own, own.mainFrame), { name: 'Ada' }, 'ignored extra');
    expect(call.mock.calls).toEqual([['person:create', { name: 'Ada' }]]);
    expect(result).toEqual({ ok: true, value: { name: 'person:create', input: { name: 'Ada' } } });
  });

  it('returns the backend’s validation refusal as an envelope', async () => {
    const { own, call, invoke } = setup();
    call.mockResolvedValueOnce({ ok: false, error: { code: 'invalid-input', message: 'Invalid input: input.name: a name is required' } });
    const result = await invoke('person:create', fakeEvent(own, own.mainFrame), { name: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('turns a throwing backend into an envelope', async () => {
    const { own, call, invoke } = setup();
    call.mockRejectedValueOnce(new Error('boom'));
    const result = await invoke('file:status', fakeEvent(own, own.mainFrame), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  const foreignFrames: Array<[string, (own: FakeWebContents) => FakeWebFrame | null]> = [
    ['a subframe of our window, even on app://kith', (own) => new FakeWebFrame('app://kith/frame.html', own.mainFrame)],
    ['a subframe from another origin', (own) => new FakeWebFrame('https://evil.example/', own.mainFrame)],
    [
      'our main frame after it navigated to another origin',
      (own) => {
        own.mainFrame.url = 'https://evil.example/';
        return own.mainFrame;
      },
    ],
    [
      'a main frame on file://',
      (own) => {
        own.mainFrame.url = 'file:///tmp/x.html';
        return own.mainFrame;
      },
    ],
    [
      'a main frame on app://other',
      (own) => {
        own.mainFrame.url = 'app://other/index.html';
        return own.mainFrame;
      },
    ],
    ['a frame that is gone (senderFrame null)', () => null],
  ];

  it.each(foreignFrames)('refuses %s with forbidden, never reaching the backend', async (_name, frameOf) => {
    const { own, call, invoke } = setup();
    const result = await invoke('person:create', fakeEvent(own, frameOf(own)), { name: 'Eve' });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(call).not.toHaveBeenCalled();
  });

  it('refuses another WebContents even when it shows app://kith', async () => {
    const { call, invoke } = setup();
    const stranger = new FakeWebContents('app://kith/index.html');
    const result = await invoke('network:get', fakeEvent(stranger, stranger.mainFrame), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(call).not.toHaveBeenCalled();
  });

  it('removes its handlers', () => {
    const { unregister } = setup();
    unregister();
    expect(ipcMain.removeHandler.mock.calls.map(([name]) => name).sort()).toEqual([...CHANNEL_NAMES].sort());
  });
});

describe('isTrustedSender', () => {
  it('accepts only the main frame of an own window on app://kith', () => {
    const own = new FakeWebContents('app://kith/index.html');
    const isOwn = (c: WebContents) => c === (own as unknown as WebContents);
    expect(isTrustedSender(fakeEvent(own, own.mainFrame), isOwn)).toBe(true);
    expect(isTrustedSender(fakeEvent(own, new FakeWebFrame('app://kith/index.html', own.mainFrame)), isOwn)).toBe(false);
    own.mainFrame.url = 'https://evil.example/';
    expect(isTrustedSender(fakeEvent(own, own.mainFrame), isOwn)).toBe(false);
  });
});

describe('events to the renderer', () => {
  it('forwards contract events to windows showing the app, and nothing else', () => {
    let emit: (name: EventName, payload: unknown) => void = () => undefined;
    const unsubscribe = vi.fn();
    const backend = {
      onEvent: (listener: (name: EventName, payload: unknown) => void) => {
        emit = listener;
        return unsubscribe;
      },
    };
    const app = new FakeWebContents('app://kith/index.html');
    const gone = new FakeWebContents('app://kith/index.html');
    gone.isGone = true;
    const elsewhere = new FakeWebContents('https://evil.example/');
    const stop = forwardEvents(backend, () => [app, gone, elsewhere]);
    const [first] = EVENT_NAMES;
    if (!first) throw new Error('the contract has no events');
    emit(first, { revision: 3 });
    emit('onSomethingUnknown' as EventName, { secret: true });
    expect(app.sent).toEqual([{ channel: first, args: [{ revision: 3 }] }]);
    expect(gone.sent).toEqual([]);
    expect(elsewhere.sent).toEqual([]);
    stop();
    expect(unsubscribe).toHaveBeenCalled();
  });

  it('sendToWindows skips destroyed and foreign contents', () => {
    const ok = new FakeWebContents('app://kith/index.html');
    const foreignContents = new FakeWebContents('https://evil.example/');
    sendToWindows([ok, foreignContents], 'onMenuCommand', { command: 'undo' });
    expect(ok.sent).toEqual([{ channel: 'onMenuCommand', args: [{ command: 'undo' }] }]);
    expect(foreignContents.sent).toEqual([]);
  });
});
