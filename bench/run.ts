import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatTable, type BenchCase, type BenchRow } from './harness.js';

/**
 * `npm run bench [-- --only GROUP]`: runs every bench/cases/*.ts and prints one
 * table. Figures are medians; each has its peer measured in the same run.
 */
async function main(): Promise<void> {
  const only = process.argv.indexOf('--only') >= 0 ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const dir = resolve(import.meta.dirname, 'cases');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort();
  const rows: BenchRow[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(resolve(dir, file)).href)) as { benchCase: BenchCase };
    if (only && mod.benchCase.group !== only) continue;
    process.stderr.write(`bench: ${mod.benchCase.group}…\n`);
    try {
      rows.push(...(await mod.benchCase.run()));
    } catch (err) {
      rows.push({ group: mod.benchCase.group, what: `FAILED: ${(err as Error).message}`, ms: Number.NaN, target: '', pass: false });
    }
  }
  process.stdout.write(`${formatTable(rows)}\n`);
  for (const r of rows) if (r.note) process.stdout.write(`- ${r.group} / ${r.what}: ${r.note}\n`);
  process.stdout.write(`machine: ${process.platform} ${process.arch}, node ${process.version}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${String(err)}\n`);
  process.exit(1);
});
