import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { createBackend } from '../../electron/backend/backend.js';
import type { ImportPreview, ImportReport } from '../../shared/api/contract/import.js';
import { parseKithFile, serializeKithFile } from '../../shared/data/fileFormat.js';
import type { KithFile, Person, PersonId, Tie, TieId } from '../../shared/domain/model.js';
import { connectionsCsv, makeContacts } from '../../tests/fixtures/generate-linkedin.js';
import { median, type BenchCase, type BenchRow } from '../harness.js';

const ROWS = 30_000;
const RUNS = 5;

/**
 * The network before the import: 30,000 people tied to me, from an earlier
 * export (so they carry profile URLs), of whom 10% have since changed jobs in
 * the new export and 5% are not in it at all (the new export brings as many
 * new people). The merge thus matches, updates, keeps history and adds.
 */
export function existingNetworkForProfile(rows: readonly ReturnType<typeof makeContacts>[number][]): KithFile {
  const meId = 'me' as PersonId;
  const people: Person[] = [{ id: meId, name: 'Robin Example' }];
  const ties: Tie[] = [];
  rows.forEach((c, i) => {
    if (c.hidden || i % 20 === 7) return;
    const id = `p${i}` as PersonId;
    const moved = i % 10 === 3;
    people.push({
      id,
      name: `${c.first} ${c.last}`,
      url: `https://www.linkedin.com/in/${decodeURIComponent(c.slug).toLowerCase()}`,
      company: moved ? 'Previous Employer' : c.company,
      position: c.position,
      connectedOn: c.connectedOn.toISOString().slice(0, 10),
    });
    ties.push({
      id: `t${i}` as TieId,
      a: id,
      b: meId,
      origin: i % 3 === 0 ? 'living' : 'unknown',
      since: c.connectedOn.toISOString().slice(0, 10),
    });
  });
  while (people.length < ROWS + 1) {
    const k = people.length;
    people.push({ id: `x${k}` as PersonId, name: `Earlier Contact ${k}`, url: `https://www.linkedin.com/in/earlier-${k}` });
    ties.push({ id: `tx${k}` as TieId, a: `x${k}` as PersonId, b: meId, origin: 'unknown' });
  }
  return { schemaVersion: 1, meId, people, ties, communities: [], opportunities: [] };
}

/**
 * Import of a 30,000-row Connections.csv into an existing 30,000-person file,
 * end to end through the backend (read the file, decode, find the header,
 * parse, validate, match, plan, apply, atomic save with fsync), beside
 * papaparse's bare parse of the same text. Each run starts from the same file.
 */
export const benchCase: BenchCase = {
  group: 'import',
  async run(): Promise<BenchRow[]> {
    const dir = await mkdtemp(join(tmpdir(), 'kith-bench-import-'));
    try {
      const contacts = makeContacts(ROWS, 5);
      const csvPath = join(dir, 'Connections.csv');
      await writeFile(csvPath, connectionsCsv(contacts, 'current'));
      const csvText = await readFile(csvPath, 'utf8');
      const dataPath = join(dir, 'kith.json');
      // Canonical as the store writes it (schema key order), so that the check after the runs compares like with like.
      const initial = serializeKithFile(parseKithFile(serializeKithFile(existingNetworkForProfile(contacts)), 'bench'));
      await writeFile(dataPath, initial);
      const fileMb = ((await stat(dataPath)).size / 1024 / 1024).toFixed(1);

      const papa: number[] = [];
      const ours: number[] = [];
      const parts = { preview: [] as number[], commit: [] as number[] };
      let report: ImportReport | undefined;
      // The app has the file open, as when the user imports: one backend, each run undone (untimed) before the next.
      const backend = await createBackend({ dataPath, saveDebounceMs: 0, watch: false });
      try {
        for (let run = 0; run <= RUNS; run++) {
          const t0 = performance.now();
          Papa.parse(csvText);
          const tPapa = performance.now() - t0;

          const t1 = performance.now();
          const preview = await backend.call('import:preview', { source: { kind: 'path', path: csvPath } });
          if (!preview.ok) throw new Error(preview.error.message);
          const t2 = performance.now();
          const commit = await backend.call('import:commit', { previewId: (preview.value as ImportPreview).previewId });
          if (!commit.ok) throw new Error(commit.error.message);
          const t3 = performance.now();
          report = (commit.value as { report: ImportReport }).report;
          // The first run warms up the JIT and takes the session's first backup of the file.
          if (run > 0) {
            papa.push(tPapa);
            ours.push(t3 - t1);
            parts.preview.push(t2 - t1);
            parts.commit.push(t3 - t2);
          }
          const undo = await backend.call('history:undo', {});
          if (!undo.ok) throw new Error(undo.error.message);
          await backend.session().store.flush();
        }
      } finally {
        await backend.close();
      }
      const restored = JSON.parse(await readFile(dataPath, 'utf8')) as KithFile;
      const start = JSON.parse(initial) as KithFile;
      if (JSON.stringify([restored.people, restored.ties]) !== JSON.stringify([start.people, start.ties]))
        throw new Error('undo did not restore the network');
      const ms = median(ours);
      const peer = median(papa);
      const counts = report
        ? `${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped`
        : '';
      return [
        {
          group: 'import',
          what: `import 30k-row Connections.csv into a 30k-person file (${fileMb} MB), end to end`,
          ms,
          peer: { what: 'papaparse bare parse of the same text', ms: peer },
          target: '≤ 3× papaparse',
          pass: ms <= 3 * peer,
          note: `${counts}; read + decode + parse + plan ${median(parts.preview).toFixed(0)} ms, apply + atomic save ${median(parts.commit).toFixed(0)} ms`,
        },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
