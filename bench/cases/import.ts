import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Papa from 'papaparse';
import { createBackend } from '../../electron/backend/backend.js';
import { createIdGenerator, idsTakenIn } from '../../shared/domain/ids.js';
import { writeFileAtomic } from '../../electron/backend/store/atomicWrite.js';
import { sha256 } from '../../electron/backend/store/fingerprint.js';
import { nodeFs } from '../../electron/backend/store/fsLike.js';
import { IncrementalSerializer } from '../../electron/backend/store/incrementalSerializer.js';
import type { ImportPreview, ImportReport } from '../../shared/api/contract/import.js';
import { parseKithFile, serializeKithFile } from '../../shared/data/fileFormat.js';
import { applyChanges } from '../../shared/domain/changes.js';
import type { KithFile, Person, PersonId, Tie, TieId } from '../../shared/domain/model.js';
import { NetworkIndexCache } from '../../shared/import/networkIndex.js';
import { planImport } from '../../shared/import/plan.js';
import { readExport } from '../../shared/import/readExport.js';
import { connectionsCsv, makeContacts } from '../../tests/fixtures/generate-linkedin.js';
import { median, type BenchCase, type BenchRow } from '../harness.js';

const ROWS = 30_000;
const RUNS = 7;

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

/** Median of each named list, rounded, as `name N ms`. */
function medians(parts: Record<string, number[]>): string {
  return Object.entries(parts)
    .map(([name, xs]) => `${name} ${median(xs).toFixed(0)} ms`)
    .join(', ');
}

/**
 * Where the time of one import goes: the steps of the backend's path, each
 * timed on its own with the same text, network and code (decode + header +
 * parse + validate is `readExport`, as the preview calls it, on bytes already
 * read).
 */
async function breakdown(dir: string, csvPath: string, dataPath: string, runs: number): Promise<{ text: string; floor: number }> {
  const parts: Record<string, number[]> = {
    'decode alone': [],
    'decode + header + parse + validate': [],
    'match + plan': [],
    apply: [],
    'serialise (incremental)': [],
    'atomic write + fsync': [],
    'sha256 (hashed off the thread during the write)': [],
  };
  const doc = parseKithFile(await readFile(dataPath, 'utf8'), 'bench');
  const target = join(dir, 'breakdown.json');
  // As the store saves: the file's network remembered (as after opening it), then only what the import changed encoded.
  const serializer = new IncrementalSerializer();
  // As the import runner plans: the network's identity index kept between plans (built in the uncounted first run).
  const indexCache = new NetworkIndexCache();
  serializer.release(await serializer.serialize(doc));
  const time = async <T>(name: string, run: number, fn: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await fn();
    if (run > 0) parts[name]?.push(performance.now() - t0);
    return result;
  };
  for (let run = 0; run <= runs; run++) {
    const bytes = new Uint8Array(await readFile(csvPath));
    await time('decode alone', run, () => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    const parsed = await time('decode + header + parse + validate', run, () =>
      readExport('Connections.csv', [{ path: 'Connections.csv', bytes }], { isLoneFile: true, pause: () => nextTurn() }),
    );
    const plan = await time('match + plan', run, () =>
      planImport(doc, parsed, {
        newId: createIdGenerator({ isTaken: idsTakenIn(doc) }),
        today: () => '2026-04-01',
        now: () => new Date().toISOString(),
        indexCache,
      }),
    );
    const next = await time('apply', run, () => applyChanges(doc, plan.edit.changes, 'forward'));
    const data = await time('serialise (incremental)', run, () => serializer.serialize(next));
    await time('atomic write + fsync', run, () => writeFileAtomic(nodeFs, target, data));
    await time('sha256 (hashed off the thread during the write)', run, () => sha256(data));
    serializer.release(data);
    // Untimed: back to the file before the import, as the benchmark's undo does.
    serializer.release(await serializer.serialize(doc));
  }
  // What any import must do that parses with papaparse and saves the data file atomically, before validating one row.
  const floor = median(parts['decode alone'] ?? []) + median(parts['atomic write + fsync'] ?? []);
  return { text: medians(parts), floor };
}

/**
 * Import of a 30,000-row Connections.csv into an existing 30,000-person file,
 * end to end through the backend as the user runs it: the preview (read the
 * file, decode, find the header, parse, validate, match, plan) and the commit
 * (apply as one edit, atomic save with fsync), beside papaparse's bare parse
 * of the same text in the same run. Each run starts from the same file (the
 * import is undone, untimed, before the next). The first run is not counted:
 * it warms up the JIT and takes the session's first backup of the file (a
 * copy the store makes at most every 10 minutes).
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
      const split = { preview: [] as number[], commit: [] as number[] };
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
          if (run > 0) {
            papa.push(tPapa);
            ours.push(t3 - t1);
            split.preview.push(t2 - t1);
            split.commit.push(t3 - t2);
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
      const parts = await breakdown(dir, csvPath, dataPath, RUNS);
      const ms = median(ours);
      const peer = median(papa);
      const floor = parts.floor + peer;
      const counts = report
        ? `${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped`
        : '';
      return [
        {
          group: 'import',
          what: `import 30k-row Connections.csv into a 30k-person file (${fileMb} MB), end to end (preview + commit)`,
          ms,
          peer: { what: 'papaparse bare parse of the same text', ms: peer },
          target: '≤ 3× papaparse',
          pass: ms <= 3 * peer,
          note:
            `${counts}; medians of ${RUNS} runs: preview (read, decode, parse, validate, match, plan) ${median(split.preview).toFixed(0)} ms, ` +
            `commit (apply as one edit, atomic save with fsync) ${median(split.commit).toFixed(0)} ms; ` +
            `the steps timed on their own: ${parts.text}; ` +
            `floor of any import that decodes, parses with papaparse and saves the file atomically, before validating a row: ` +
            `${floor.toFixed(0)} ms = ${(floor / peer).toFixed(1)}× papaparse`,
        },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
