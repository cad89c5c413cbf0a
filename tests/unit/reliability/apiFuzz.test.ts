import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/api/contract/index.js';
import { fuzzApi } from '../../stress/apiFuzz.js';

describe('API fuzz: 1,000 payloads on every channel of the contract (junk, schema-shaped, and schema-shaped with one thing wrong)', () => {
  it('every answer is a value that passes the output schema or a named refusal; never internal, never a throw; the data file is byte-identical after every refusal', async () => {
    const f = await fuzzApi({ runs: 1_000, seed: 20260503, parallel: 4 });
    const failures = f.perChannel.flatMap((c) => c.failures.map((x) => `${c.channel}: ${x}`));
    expect(failures).toEqual([]);
    expect(f.channels).toBe(CHANNEL_NAMES.length);
    expect(f.minPerChannel).toBeGreaterThanOrEqual(1_000);
    expect(f.internal).toBe(0);
    expect(f.thrown).toBe(0);
    expect(f.invalidAnswers).toBe(0);
    expect(f.fileChangedOnRefusal).toBe(0);
    // The generator must reach the handlers, not only the schemas.
    const reachingHandlers = f.perChannel.filter((c) => c.accepted > 0 || Object.keys(c.refused).some((code) => code !== 'invalid-input'));
    expect(reachingHandlers.map((c) => c.channel)).toEqual(f.perChannel.map((c) => c.channel));
    expect(f.accepted).toBeGreaterThan(f.calls / 10);
  }, 150_000);
});
