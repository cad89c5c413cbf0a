import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElectronClient, createHttpClient } from '../../../../renderer/src/api/client';
import type { KithBridge } from '../../../../renderer/src/api/bridge';
import { takeAccessToken } from '../../../../renderer/src/api/token';

afterEach(() => vi.unstubAllGlobals());

describe('HTTP client', () => {
  it('posts the input to /api/<channel> with the bearer token and returns the envelope', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: { deleted: true } }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const client = createHttpClient('secret');
    const result = await client.call('tie:delete', { id: 't1' });
    expect(result).toEqual({ ok: true, value: { deleted: true } });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/tie:delete');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer secret', 'Content-Type': 'application/json' });
    expect(JSON.parse(String(init.body))).toEqual({ id: 't1' });
  });

  it('turns an unreachable server or a garbled answer into a failed envelope', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const down = await createHttpClient('t').call('file:status', {});
    expect(down).toMatchObject({ ok: false, error: { code: 'io' } });
    vi.stubGlobal('fetch', async () => new Response('<html>', { status: 502 }));
    const garbled = await createHttpClient('t').call('file:status', {});
    expect(garbled).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('Electron client', () => {
  it('calls the preload method named after the channel', async () => {
    const personCreate = vi.fn(async () => ({ ok: true as const, value: { id: 'p1', name: 'Ada' } }));
    const client = createElectronClient({ personCreate } as unknown as KithBridge);
    const result = await client.call('person:create', { name: 'Ada' });
    expect(personCreate).toHaveBeenCalledWith({ name: 'Ada' });
    expect(result.ok).toBe(true);
    expect(await client.call('tie:delete', { id: 'x' })).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });
});

describe('access token', () => {
  function fakeWindow(href: string) {
    const storage = new Map<string, string>();
    const replaced: string[] = [];
    return {
      win: {
        location: { href } as Location,
        history: { state: null, replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) } as unknown as History,
        sessionStorage: {
          getItem: (k: string) => storage.get(k) ?? null,
          setItem: (k: string, v: string) => void storage.set(k, v),
        } as Storage,
      },
      replaced,
    };
  }

  it('takes the token from the URL once, keeps it for the tab, and removes it from the address bar', () => {
    const { win, replaced } = fakeWindow('http://127.0.0.1:4000/?token=abc&x=1#h');
    expect(takeAccessToken(win)).toBe('abc');
    expect(replaced).toEqual(['/?x=1#h']);
    (win.location as { href: string }).href = 'http://127.0.0.1:4000/?x=1#h';
    expect(takeAccessToken(win)).toBe('abc');
  });

  it('has no token without one in the URL or the tab', () => {
    expect(takeAccessToken(fakeWindow('http://127.0.0.1:4000/').win)).toBeNull();
  });
});
