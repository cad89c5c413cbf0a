import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORRUPT_CASES, HUGE_CASES, runCorruptCase, summarise, type CorruptCaseResult } from '../../stress/corruptFiles.js';

const show = (r: CorruptCaseResult) => `${r.name}: ${r.problems.join('; ')}`;

describe('corrupt and foreign data files, opened through the backend', () => {
  it.each(CORRUPT_CASES.map((c) => [c.name, c] as const))(
    '%s: no crash, no silent reset, original kept, clear message, newest backup offered and restorable',
    async (_name, testCase) => {
      const r = await runCorruptCase(testCase);
      expect(r.problems, show(r)).toEqual([]);
      expect(r.crashed).toBe(false);
      expect(r.silentReset).toBe(false);
      expect(r.originalChanged).toBe(false);
      expect(r.isMessageClear).toBe(true);
      expect(r.isNewestBackupOffered).toBe(true);
      expect(r.isRestored).toBe(true);
    },
  );

  it('every cut of a good file is refused as truncated, never loaded or reset (property, 25 cut points)', async () => {
    const cuts = fc.sample(fc.double({ min: 0.001, max: 0.999, noNaN: true }), { numRuns: 25, seed: 4242 });
    const results: CorruptCaseResult[] = [];
    for (const fraction of cuts) {
      results.push(
        await runCorruptCase({
          name: `cut at ${(fraction * 100).toFixed(2)}%`,
          bytes: (good) => good.subarray(0, Math.max(1, Math.floor(good.length * fraction))),
          expect: /not valid JSON/,
        }),
      );
    }
    const f = summarise(results);
    expect(results.filter((r) => r.problems.length).map(show)).toEqual([]);
    expect(f.crashes + f.silentResets + f.originalsChanged + f.unclearMessages).toBe(0);
    expect(f.restored).toBe(cuts.length);
  }, 60_000);

  it.each(HUGE_CASES.map((c) => [c.name, c] as const))(
    '%s: no crash, a clear message, the file untouched, the backup restored',
    async (_name, testCase) => {
      const r = await runCorruptCase(testCase);
      expect(r.problems, show(r)).toEqual([]);
      expect(r.isRestored).toBe(true);
    },
    120_000,
  );
});
