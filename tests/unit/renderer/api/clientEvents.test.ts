import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpClient } from '../../../../renderer/src/api/client';

/** A stand-in for the browser's EventSource: records listeners, lets the test dispatch. */
class FakeEventSource {
  static made: FakeEventSource[] = [];
  readonly listeners = new Map<string, Array<(ev: { data: string }) => void>>();
  constructor(readonly url: string) {
    FakeEventSource.made.push(this);
  }
  addEventListener(name: string, listener: (ev: { data: string }) => void): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }
  dispatch(name: string, data: string): void {
    this.listeners.get(name)?.forEach((l) => l({ data }));
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeEventSource.made = [];
});

describe('HTTP client events', () => {
  it('opens one event stream and listens to an event only once something subscribes to it', () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const client = createHttpClient('secret');
    expect(FakeEventSource.made).toHaveLength(0);
    const first: unknown[] = [];
    const second: unknown[] = [];
    const offFirst = client.on('onNetworkChanged', (p) => first.push(p));
    client.on('onNetworkChanged', (p) => second.push(p));
    client.on('onFileStatus', () => undefined);
    expect(FakeEventSource.made).toHaveLength(1);
    const source = FakeEventSource.made[0] as FakeEventSource;
    expect(source.url).toBe('/api/events?token=secret');
    expect(source.listeners.get('onNetworkChanged')).toHaveLength(1);
    expect(source.listeners.has('onImportProgress')).toBe(false);

    source.dispatch('onNetworkChanged', JSON.stringify({ revision: 2, cause: 'edit' }));
    expect(first).toEqual([{ revision: 2, cause: 'edit' }]);
    expect(second).toEqual([{ revision: 2, cause: 'edit' }]);

    offFirst();
    source.dispatch('onNetworkChanged', 'not json');
    source.dispatch('onNetworkChanged', JSON.stringify({ revision: 3, cause: 'undo' }));
    expect(first).toHaveLength(1);
    expect(second).toEqual([
      { revision: 2, cause: 'edit' },
      { revision: 3, cause: 'undo' },
    ]);
  });
});
