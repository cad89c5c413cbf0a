import { createHash } from 'node:crypto';
import { writeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { contract, type ChannelName } from '../../shared/api/contract/index.js';
import { serializeKithFile } from '../../shared/data/fileFormat.js';
import type { KithFile } from '../../shared/domain/model.js';
import { coreHandlers } from '../../electron/backend/handlers/core.js';
import { Session } from '../../electron/backend/session.js';
import { DataStore } from '../../electron/backend/store/dataStore.js';
import { nodeFs, type FsLike } from '../../electron/backend/store/fsLike.js';
import { rng } from '../fixtures/generate/network.js';

/*
 * The process the kill harness SIGKILLs: the product's data store, session,
 * contract schemas and handlers, editing and saving without pause. It reports
 * on stdout, one line per event, with synchronous writes (a line written is in
 * the pipe even if the process dies the next instant):
 *   ready <sha256 of the loaded network> <ok|problem kind>
 *   save <n> <edits> <sha256 of the bytes this save writes>   (before the save starts)
 *   step <fs call>                                           (atomic writer: each file-system call of a save)
 *   ack <n>                                                  (after the save resolved: an acknowledged edit)
 * Writers: `atomic` is the product (store.flush: temp file, fsync, rename,
 * fsync folder, rotating backups); `control` writes the same bytes with a
 * plain fs.writeFile straight onto the file, to show that the harness detects loss.
 */

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    writer: { type: 'string', default: 'atomic' },
    seed: { type: 'string', default: '1' },
    'stop-after-ready': { type: 'boolean', default: false },
  },
});

const line = (text: string): void => {
  writeSync(1, `${text}\n`);
};
const hashOf = (doc: KithFile): string =>
  createHash('sha256')
    .update(Buffer.from(serializeKithFile(doc), 'utf8'))
    .digest('hex');

/** Names each file-system call of a save on stdout just before it runs, so the harness knows where each kill landed. */
function tracingFs(real: FsLike): FsLike {
  const traced = {} as Record<keyof FsLike, unknown>;
  for (const key of Object.keys(real) as (keyof FsLike)[]) {
    const fn = real[key] as (...args: unknown[]) => unknown;
    traced[key] = (...args: unknown[]) => {
      line(`step ${key}`);
      return fn(...args);
    };
  }
  return traced as FsLike;
}

async function main(): Promise<void> {
  const path = values.data;
  if (!path) throw new Error('--data is required');
  const writer = values.writer === 'control' ? 'control' : 'atomic';
  const isControl = writer === 'control';
  const store = await DataStore.open({
    path,
    watch: false,
    fs: isControl ? nodeFs : tracingFs(nodeFs),
    // Saves happen only where this loop asks for them; the control writer never lets the store save at all.
    saveDebounceMs: 2 ** 31 - 1,
    saveMaxWaitMs: 2 ** 31 - 1,
    // A backup before every save, so that kills also land in backup copies and their rotation.
    backupIntervalMs: 0,
    backups: 5,
  });
  const session = new Session(store, () => undefined);
  const handlers = coreHandlers({ session: () => session }) as Record<string, (input: unknown) => unknown>;
  const call = (name: ChannelName, input: unknown): boolean => {
    const parsed = contract[name].input.safeParse(input);
    if (!parsed.success) return false;
    try {
      handlers[name]?.(parsed.data);
      return true;
    } catch {
      return false;
    }
  };
  const doc = store.doc;
  line(`ready ${doc ? hashOf(doc) : '-'} ${store.problem?.kind ?? 'ok'}`);
  if (!doc || values['stop-after-ready']) {
    await store.close();
    return;
  }

  const rand = rng(Number(values.seed));
  const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(rand() * xs.length)];
  const word = () => Math.floor(rand() * 36 ** 6).toString(36);
  for (let n = 1; ; n += 1) {
    let edits = 0;
    const wanted = 1 + Math.floor(rand() * 6);
    for (let tries = 0; edits < wanted && tries < 50; tries += 1) {
      const current = session.doc;
      const people = current.people.filter((p) => p.id !== current.meId);
      const r = rand();
      let ok: boolean;
      if (r < 0.35) {
        ok = call('person:create', {
          name: `Stress ${word()}`,
          company: `Co ${word()}`,
          notes: `met at ${word()} `.repeat(1 + Math.floor(rand() * 20)),
        });
      } else if (r < 0.6) {
        const p = pick(people);
        ok =
          p !== undefined &&
          call('person:update', { id: p.id, patch: { notes: `updated ${word()}`, position: rand() < 0.3 ? null : `Role ${word()}` } });
      } else if (r < 0.75) {
        const a = pick(people);
        const b = pick(people);
        ok =
          a !== undefined &&
          b !== undefined &&
          call('tie:create', { a: a.id, b: b.id, origin: pick(['living', 'doing', 'unknown'] as const) });
      } else if (r < 0.85) {
        const t = pick(current.ties);
        ok = t !== undefined && call('tie:update', { id: t.id, patch: { strength: 1 + Math.floor(rand() * 5) } });
      } else if (r < 0.93) {
        const t = pick(current.ties);
        ok = t !== undefined && call('tie:delete', { id: t.id });
      } else {
        const p = pick(people);
        ok = p !== undefined && call('person:delete', { id: p.id });
      }
      if (ok) edits += 1;
    }
    const bytes = Buffer.from(serializeKithFile(session.doc), 'utf8');
    line(`save ${n} ${edits} ${createHash('sha256').update(bytes).digest('hex')}`);
    if (isControl) await writeFile(path, bytes);
    else await store.flush();
    line(`ack ${n}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`saveChild: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
