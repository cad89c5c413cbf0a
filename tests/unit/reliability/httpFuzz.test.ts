import { describe, expect, it } from 'vitest';
import { fuzzHttp } from '../../stress/httpFuzz.js';

describe('the browser-fallback server process survives any unauthenticated request', () => {
  it('10,000 random requests without the token (folders, `..`, percent-encodings, symlinks out, a FIFO, HEAD/OPTIONS/odd methods, odd headers): the process never dies, no answer hangs or leaks a file from outside, and the API then answers the owner right', async () => {
    const f = await fuzzHttp({ count: 10_000, seed: 20260612 });
    const summary = JSON.stringify(f);
    expect(f.requests, summary).toBe(10_000);
    expect(f.deathCauses, summary).toEqual([]);
    expect(f.deaths, summary).toBe(0);
    expect(f.hung, summary).toBe(0);
    expect(f.leaks, summary).toBe(0);
    expect(f.internalErrors, summary).toBe(0);
    // The app itself was served all along.
    expect(f.byStatus['2xx'] ?? 0, summary).toBeGreaterThan(0);
    expect(f.apiAccepted, summary).toBe(0);
    expect(f.apiWorksAfter, summary).toBe(true);
  }, 300_000);
});
