import { describe, expect, it } from 'vitest';
import { probeHttp } from '../../stress/httpRefusal.js';

describe('the browser-fallback server process (npm run serve) refuses what lacks the token or names a foreign host', () => {
  it('every channel × every wrong token, foreign Host or Origin, wrong method, and 300 random ones: refused, nothing reaches the backend; every answer carries the CSP; malformed targets do not kill the server', async () => {
    const f = await probeHttp({ seed: 20260505, randomRuns: 300 });
    const summary = JSON.stringify(f);
    expect(f.controlAccepted, summary).toBe(true);
    expect(f.hostile, summary).toBeGreaterThan(1_000);
    expect(f.acceptedHostile, summary).toBe(0);
    expect(f.refused, summary).toBe(f.hostile);
    expect(f.reachedBackend, summary).toBe(false);
    expect(f.withoutCsp, summary).toBe(0);
    expect(f.failures, summary).toEqual([]);
    // `GET //` (no token needed) and `/api/%E0%A4%A` (with the token) throw inside the request handler: the process dies.
    expect(f.crashTargets, summary).toEqual([]);
  }, 120_000);
});
