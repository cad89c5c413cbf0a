import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { build } from 'vite';
import { parseKithFile, serializeKithFile } from '../../shared/data/fileFormat.js';
import { DataStore } from '../../electron/backend/store/dataStore.js';
import { decodeUtf8 } from '../../electron/backend/store/kithFileAdapter.js';
import { generateNetwork, rng } from '../fixtures/generate/network.js';

export type Writer = 'atomic' | 'control';

export interface KillRunOptions {
  readonly writer: Writer;
  readonly kills: number;
  readonly seed: number;
  /** People in the starting network (the file is about 480 bytes per person). Default 2,000 (~1 MB). */
  readonly people?: number;
  /** Independent files, each with its own child, killed side by side. Default 1. */
  readonly lanes?: number;
  /** Longest wait after the child is ready before a kill at a random moment, in ms. Default 400. */
  readonly maxDelayMs?: number;
  /** A bundled child from `bundleSaveChild`; bundled into a temp folder when absent. */
  readonly childPath?: string;
  readonly onKill?: (done: number, total: number) => void;
}

/** What a run of kills found. Every count is over all lanes. */
export interface KillFigures {
  readonly writer: Writer;
  readonly kills: number;
  readonly killsBeforeReady: number;
  /** Kills that landed after a save began and before it was acknowledged. */
  readonly killsMidSave: number;
  /** Where the kills landed: the save step that had begun last. */
  readonly byStep: Readonly<Record<string, number>>;
  readonly savesAcknowledged: number;
  readonly editsAcknowledged: number;
  /** The data file did not parse or validate after a kill. */
  readonly unreadable: number;
  /** The data file was gone after a kill. */
  readonly missing: number;
  /** The file held the last acknowledged save. */
  readonly equalLastAck: number;
  /** The file held the save in flight at the kill. */
  readonly equalInFlight: number;
  /** The file held an older state than the last acknowledged one. */
  readonly olderState: number;
  /** Acknowledged edits that the file no longer held (older state or unreadable file). */
  readonly editsLost: number;
  /** The file held bytes that no save of the run wrote. */
  readonly unknownState: number;
  /** The next process loaded something other than what was on disk, or found a problem. */
  readonly reopenMismatch: number;
  /** The next process could not open the file (e.g. locked out by the killed process's lock). */
  readonly startFailures: number;
  /** Temp files still there after the final reopen and close. */
  readonly tempFilesAfterReopen: number;
  /** Lock files still there after the final close. */
  readonly locksAfterClose: number;
  /** Backups cut short by a kill during their copy: skipped by the loader, never offered for restore. */
  readonly partialBackups: number;
  /** Valid backups the final reopen offers. */
  readonly backupsOffered: number;
  readonly durationMs: number;
  /** A few distinct reasons the loader gave for unreadable files. */
  readonly unreadableReasons: readonly string[];
  readonly startFailureReasons: readonly string[];
}

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** Bundles tests/stress/saveChild.ts with its imports into one CommonJS file, so that each restart costs a plain `node` start. */
export async function bundleSaveChild(outDir: string): Promise<string> {
  const root = resolve(import.meta.dirname, '../..');
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: resolve(root, 'tests/stress/saveChild.ts'),
      outDir,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      sourcemap: false,
      rollupOptions: { external: [/^node:/], output: { format: 'cjs', entryFileNames: 'saveChild.cjs', codeSplitting: false } },
    },
    ssr: { noExternal: true },
  });
  return join(outDir, 'saveChild.cjs');
}

/**
 * Starts the save child on a data file again and again, SIGKILLs it at a
 * random moment each time (seeded), and checks the file after each kill: it
 * must parse and hold exactly the bytes of the last acknowledged save or of
 * the save in flight. The next child reopens the file (taking over the dead
 * process's lock) and must load exactly what is on disk.
 */
export async function runKills(options: KillRunOptions): Promise<KillFigures> {
  const started = Date.now();
  const base = await mkdtemp(join(tmpdir(), `kith-kill-${options.writer}-`));
  try {
    const childPath = options.childPath ?? (await bundleSaveChild(join(base, 'bundle')));
    const lanes = Math.max(1, Math.min(options.lanes ?? 1, options.kills));
    const tallies: Tally[] = [];
    let done = 0;
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        const kills = Math.floor(options.kills / lanes) + (lane < options.kills % lanes ? 1 : 0);
        const dir = join(base, `lane-${lane}`);
        await mkdir(dir);
        tallies.push(
          await runLane({ ...options, kills, seed: options.seed * 1000 + lane, dir, childPath }, () => {
            done += 1;
            options.onKill?.(done, options.kills);
          }),
        );
      }),
    );
    return sumTallies(options.writer, tallies, Date.now() - started);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

interface Tally {
  kills: number;
  killsBeforeReady: number;
  killsMidSave: number;
  byStep: Record<string, number>;
  savesAcknowledged: number;
  editsAcknowledged: number;
  unreadable: number;
  missing: number;
  equalLastAck: number;
  equalInFlight: number;
  olderState: number;
  editsLost: number;
  unknownState: number;
  reopenMismatch: number;
  startFailures: number;
  tempFilesAfterReopen: number;
  locksAfterClose: number;
  partialBackups: number;
  backupsOffered: number;
  unreadableReasons: Set<string>;
  startFailureReasons: Set<string>;
}

function newTally(): Tally {
  return {
    kills: 0,
    killsBeforeReady: 0,
    killsMidSave: 0,
    byStep: {},
    savesAcknowledged: 0,
    editsAcknowledged: 0,
    unreadable: 0,
    missing: 0,
    equalLastAck: 0,
    equalInFlight: 0,
    olderState: 0,
    editsLost: 0,
    unknownState: 0,
    reopenMismatch: 0,
    startFailures: 0,
    tempFilesAfterReopen: 0,
    locksAfterClose: 0,
    partialBackups: 0,
    backupsOffered: 0,
    unreadableReasons: new Set(),
    startFailureReasons: new Set(),
  };
}

function sumTallies(writer: Writer, tallies: readonly Tally[], durationMs: number): KillFigures {
  const total = newTally();
  for (const t of tallies) {
    for (const key of Object.keys(t) as (keyof Tally)[]) {
      const value = t[key];
      if (typeof value === 'number') (total[key] as number) += value;
    }
    for (const [step, n] of Object.entries(t.byStep)) total.byStep[step] = (total.byStep[step] ?? 0) + n;
    for (const reason of t.unreadableReasons) if (total.unreadableReasons.size < 5) total.unreadableReasons.add(reason);
    for (const reason of t.startFailureReasons) if (total.startFailureReasons.size < 5) total.startFailureReasons.add(reason);
  }
  return {
    ...total,
    writer,
    durationMs,
    unreadableReasons: [...total.unreadableReasons],
    startFailureReasons: [...total.startFailureReasons],
  };
}

interface LaneOptions extends KillRunOptions {
  readonly dir: string;
  readonly childPath: string;
}

/** A save the child announced: its bytes' hash and the edits since the starting network that it holds. */
interface SaveState {
  readonly hash: string;
  readonly edits: number;
}

type Child = ChildProcessByStdio<null, Readable, Readable>;

async function runLane(options: LaneOptions, onKill: () => void): Promise<Tally> {
  const tally = newTally();
  const rand = rng(options.seed);
  const file = join(options.dir, 'kith.json');
  const seedBytes = Buffer.from(
    serializeKithFile(generateNetwork({ people: options.people ?? 2_000, extraTies: 2 * (options.people ?? 2_000), seed: options.seed })),
  );
  await writeFile(file, seedBytes);
  /** Every state a save of this lane announced, by hash: what a file found after a kill can be matched to. */
  let known = new Map<string, number>([[sha256(seedBytes), 0]]);
  let acked: SaveState = { hash: sha256(seedBytes), edits: 0 };
  const saveMs: number[] = [];

  for (let kill = 0; kill < options.kills; kill += 1) {
    const waiters: (() => void)[] = [];
    const wake = () => waiters.splice(0).forEach((w) => w());
    const expectedLoad = sha256(canonicalBytes(await readFile(file)));
    const child: Child = spawn(
      process.execPath,
      [options.childPath, '--data', file, '--writer', options.writer, '--seed', String(options.seed * 7919 + kill)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let hasExited = false;
    // 'close' comes after the last line the dead process wrote has been read: an ack written just before the kill still counts.
    const exited = new Promise<void>((resolveExit) =>
      child.once('close', () => {
        hasExited = true;
        wake();
        resolveExit();
      }),
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

    let inFlight: (SaveState & { startedAt: number }) | undefined;
    let isReady = false;
    let savesSeen = 0;
    let lastStep: string | undefined;
    let stepsThisSave: string[] = [];

    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const [kind, ...args] = pending.slice(0, nl).split(' ');
        pending = pending.slice(nl + 1);
        if (kind === 'ready') {
          isReady = true;
          if (args[0] !== expectedLoad || args[1] !== 'ok') tally.reopenMismatch += 1;
        } else if (kind === 'save') {
          inFlight = { hash: args[2] ?? '', edits: acked.edits + Number(args[1]), startedAt: Date.now() };
          known.set(inFlight.hash, inFlight.edits);
          savesSeen += 1;
          lastStep = undefined;
          stepsThisSave = [];
        } else if (kind === 'step') {
          lastStep = args[0];
          stepsThisSave.push(args[0] ?? '?');
        } else if (kind === 'ack' && inFlight) {
          saveMs.push(Date.now() - inFlight.startedAt);
          tally.savesAcknowledged += 1;
          tally.editsAcknowledged += inFlight.edits - acked.edits;
          acked = inFlight;
          inFlight = undefined;
        }
        wake();
      }
    });
    const until = (predicate: () => boolean, timeoutMs: number) =>
      new Promise<void>((resolveWait) => {
        const timer = setTimeout(resolveWait, timeoutMs);
        const check = () => {
          if (hasExited || predicate()) {
            clearTimeout(timer);
            resolveWait();
          } else waiters.push(check);
        };
        check();
      });

    // Three kinds of moment: while the process starts (lock take-over, clean-up, load), any moment after
    // it is ready, and shortly after a save began (aimed at the writes themselves).
    const kind = rand();
    const typicalSave = saveMs.length ? median(saveMs) : 40;
    if (kind < 0.1) {
      await until(() => isReady, rand() * 250);
    } else {
      await until(() => isReady, 10_000);
      if (kind < 0.55) {
        await sleep(rand() * (options.maxDelayMs ?? 400));
      } else {
        const target = savesSeen + 1 + Math.floor(rand() * 3);
        await until(() => savesSeen >= target, 10_000);
        await sleep(rand() * typicalSave * 1.5);
      }
    }
    const wasReady = isReady;
    const diedByItself = hasExited;
    child.kill('SIGKILL');
    await exited;
    tally.kills += 1;
    if (diedByItself) {
      tally.startFailures += 1;
      tally.startFailureReasons.add(stderr.trim().split('\n')[0]?.slice(0, 160) ?? '(no message)');
    }
    if (!wasReady) {
      tally.killsBeforeReady += 1;
      tally.byStep['starting'] = (tally.byStep['starting'] ?? 0) + 1;
    } else {
      const step = inFlight ? phaseOf(stepsThisSave, lastStep, options.writer) : 'editing';
      tally.byStep[step] = (tally.byStep[step] ?? 0) + 1;
      if (inFlight) tally.killsMidSave += 1;
    }

    const outcome = await inspect(file);
    if (outcome.kind === 'missing' || outcome.kind === 'unreadable') {
      tally[outcome.kind] += 1;
      tally.editsLost += acked.edits;
      if (outcome.kind === 'unreadable') tally.unreadableReasons.add(outcome.reason);
      // Only the control writer gets here: start again from the seed so that the run goes on.
      await writeFile(file, seedBytes);
      known = new Map([[sha256(seedBytes), 0]]);
      acked = { hash: sha256(seedBytes), edits: 0 };
    } else if (outcome.hash === acked.hash) {
      tally.equalLastAck += 1;
    } else if (inFlight && outcome.hash === inFlight.hash) {
      tally.equalInFlight += 1;
      acked = inFlight;
    } else {
      const edits = known.get(outcome.hash);
      if (edits === undefined) tally.unknownState += 1;
      else {
        tally.olderState += 1;
        tally.editsLost += Math.max(0, acked.edits - edits);
        acked = { hash: outcome.hash, edits };
      }
    }
    onKill();
  }

  await finalCheck(file, acked, tally);
  return tally;
}

/** The save step that had begun last when the kill came. */
function phaseOf(steps: readonly string[], last: string | undefined, writer: Writer): string {
  if (writer === 'control') return 'fs.writeFile';
  if (last === undefined) return 'serialising';
  const renamed = steps.includes('rename');
  const opens = steps.filter((s) => s === 'open').length;
  switch (last) {
    case 'stat':
    case 'readFile':
      return 'checking the disk';
    case 'mkdir':
    case 'copyFile':
      return 'backup copy';
    case 'readdir':
    case 'unlink':
      return renamed ? 'after rename' : 'backup rotation';
    case 'open':
      return opens > 1 ? 'fsync folder' : 'write temp';
    case 'write':
      return 'write temp';
    case 'fsync':
    case 'fstat':
    case 'close':
      return renamed ? 'fsync folder' : 'fsync temp';
    case 'rename':
      return 'rename';
    default:
      return last;
  }
}

/** What a kill left: the raw bytes' hash when the file parses and validates. */
async function inspect(file: string): Promise<{ kind: 'ok'; hash: string } | { kind: 'missing' } | { kind: 'unreadable'; reason: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return { kind: 'missing' };
  }
  try {
    parseKithFile(decodeUtf8(bytes, 'the data file'), 'the data file');
  } catch (err) {
    return { kind: 'unreadable', reason: (err instanceof Error ? err.message : String(err)).slice(0, 120) };
  }
  return { kind: 'ok', hash: sha256(bytes) };
}

/** The network as the store will load it, serialised again: equal to the bytes on disk for every file the store wrote. */
function canonicalBytes(bytes: Buffer): Buffer {
  try {
    return Buffer.from(serializeKithFile(parseKithFile(decodeUtf8(bytes, 'the data file'), 'the data file')));
  } catch {
    return bytes;
  }
}

/** Reopens the file with the product's store in this process: same state, no temp files, valid backups only, lock released. */
async function finalCheck(file: string, acked: SaveState, tally: Tally): Promise<void> {
  const dir = resolve(file, '..');
  const store = await DataStore.open({ path: file, watch: false });
  const doc = store.doc;
  if (!doc || store.problem || sha256(serializeKithFile(doc)) !== sha256(canonicalBytes(await readFile(file)))) tally.reopenMismatch += 1;
  if (sha256(await readFile(file)) !== acked.hash) tally.unknownState += 1;
  tally.tempFilesAfterReopen += (await readdir(dir)).filter((name) => name.endsWith('.tmp')).length;
  tally.backupsOffered += (await store.listBackups()).length;
  await store.close();
  tally.locksAfterClose += (await readdir(dir)).filter((name) => name.endsWith('.lock')).length;
  const backupDir = join(dir, 'kith.backups');
  for (const name of await readdir(backupDir).catch(() => [] as string[])) {
    try {
      parseKithFile(decodeUtf8(await readFile(join(backupDir, name)), name), name);
    } catch {
      tally.partialBackups += 1;
    }
  }
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}
