import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../../shared/import/zip.js';
import { damaged, ratioBomb, runHostileImport } from '../../stress/hostileImport.js';

describe('hostile import input through the real backend and the CLI', () => {
  it('10,000 malformed CSVs and ZIPs (bombs, path traversal names, huge fields, unbalanced quotes, wrong encodings): 0 uncaught exceptions, the data file byte-identical after every preview, every commit a valid file', async () => {
    const f = await runHostileImport({ runs: 10_000, seed: 20260504, cliRuns: 60, ratioBombs: [{ mb: 100, fill: 'zeros' }] });
    const summary = JSON.stringify({ ...f, failures: undefined });
    expect(f.failures, summary).toEqual([]);
    expect(f.inputs).toBeGreaterThanOrEqual(10_000);
    expect(f.csv + f.noise).toBeGreaterThan(3_000);
    expect(f.zip).toBeGreaterThan(3_000);
    expect(f.bombs).toBeGreaterThan(300);
    expect(f.traversalNames).toBeGreaterThan(300);
    expect(f.uncaught).toBe(0);
    expect(f.fileChanged).toBe(0);
    expect(f.badCommits).toBe(0);
    expect(f.commits).toBeGreaterThan(50);
    expect(f.cliCrashes).toBe(0);
    expect(f.cliFileChangedOnRefusal).toBe(0);
    expect(f.strayFiles).toBe(0);
  }, 170_000);

  it('a ZIP declaring a huge size is refused from its directory, before anything is inflated', () => {
    const zip = zipSync({ 'Connections.csv': strToU8('First Name,Last Name\nAda,Lee\n') });
    for (const damage of ['declared-huge', 'declared-2gb', 'zip64-marker', 'overlap'] as const) {
      expect(() => readZip(damaged(zip, damage, 0), 'bomb.zip'), damage).toThrow(
        /unpacks to \d+ MB; Kith reads at most|not a ZIP file Kith can read/,
      );
    }
  });

  it('a real 1:1000 bomb over the per-file limit is refused from its directory (600 MB of NULs in a 600 KB ZIP)', () => {
    const zip = ratioBomb(600, new Uint8Array(1));
    expect(zip.length).toBeLessThan(1024 * 1024);
    expect(() => readZip(zip, 'bomb.zip')).toThrow(/unpacks to 600 MB; Kith reads at most 100 MB per file/);
  }, 60_000);
});
