import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSONFile } from 'lowdb/node';
import { serializeKithFile } from '../../shared/data/fileFormat.js';
import type { KithFile, Person } from '../../shared/domain/model.js';
import { DataStore } from '../../electron/backend/store/dataStore.js';
import { generateNetwork } from '../../tests/fixtures/generate/network.js';
import { median, time, type BenchCase, type BenchRow } from '../harness.js';

/** Longest gap of a 1 ms timer while `task` runs: how long the serving thread is blocked. */
async function maxBlock(task: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  const t0 = performance.now();
  await task();
  worst = Math.max(worst, performance.now() - last);
  clearInterval(timer);
  return Math.min(worst, performance.now() - t0);
}

export const benchCase: BenchCase = {
  group: 'storage',
  async run(): Promise<BenchRow[]> {
    const dir = await mkdtemp(join(tmpdir(), 'kith-bench-'));
    try {
      const doc = generateNetwork({ people: 30_000, extraTies: 70_000, communities: 300 });
      const path = join(dir, 'kith.json');
      await writeFile(path, serializeKithFile(doc));
      const size = (await stat(path)).size;

      const load = await time(async () => {
        const store = await DataStore.open({ path, watch: false });
        await store.close();
      }, 3);
      const parseOnly = await time(async () => JSON.parse(await readFile(path, 'utf8')), 3);

      const store = await DataStore.open({ path, watch: false, saveDebounceMs: 0 });
      const saves: number[] = [];
      const blocks: number[] = [];
      let current: KithFile = store.doc as KithFile;
      for (let i = 0; i < 5; i++) {
        const people = [...current.people];
        people[1] = { ...(people[1] as Person), notes: `edit ${i}` };
        current = { ...current, people };
        const t0 = performance.now();
        blocks.push(
          await maxBlock(async () => {
            store.replace(current);
            await store.flush();
          }),
        );
        saves.push(performance.now() - t0);
      }
      await store.close();

      const lowdbPath = join(dir, 'lowdb.json');
      const adapter = new JSONFile<KithFile>(lowdbPath);
      const lowdbSave = await time(() => adapter.write(current), 5);

      const mb = (size / 1024 / 1024).toFixed(1);
      return [
        {
          group: 'storage',
          what: `load 30k people / 100k ties (read, validate, index; ${mb} MB compact file)`,
          ms: load,
          peer: { what: 'readFile + JSON.parse alone', ms: parseOnly },
          target: '≤ 1000 ms',
          pass: load <= 1000,
        },
        {
          group: 'storage',
          what: 'save after one edit (atomic: temp + fsync + rename + fsync dir)',
          ms: median(saves),
          peer: { what: "lowdb's JSONFile (steno, no fsync)", ms: lowdbSave },
          target: 'off the UI thread',
          pass: true,
          note: 'runs in the backend (a worker thread in Electron, the server process in the browser fallback), never in the renderer',
        },
        {
          group: 'storage',
          what: 'longest block of the backend thread during that save',
          ms: median(blocks),
          target: '≤ 100 ms',
          pass: median(blocks) <= 100,
        },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
