import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KithError } from '../../shared/api/envelope.js';
import { emptyKithFile, serializeKithFile } from '../../shared/data/fileFormat.js';
import type { KithFile } from '../../shared/domain/model.js';
import { DataStore } from '../../electron/backend/store/dataStore.js';
import { sampleDoc } from '../fixtures/store-helpers.js';
import { FaultFs, type Fault, type FsCall } from './faultFs.js';

/** Error codes injected at every step: a full disk, a quota, a read-only or locked file, a failing disk. */
export const INJECTED_CODES = ['ENOSPC', 'EDQUOT', 'EPERM', 'EACCES', 'EROFS', 'EIO'] as const;

export type Group = 'save' | 'open' | 'restore';

/** One fault at one step, and what followed. */
export interface CrashPointResult {
  readonly group: Group;
  readonly step: number;
  readonly op: string;
  readonly fault: string;
  /** What the file held afterwards, as the store reopened it: `old`, `new`, the `default` network (a silent reset), or `other`. */
  readonly reopened: 'old' | 'new' | 'older-backup' | 'default' | 'corrupt-kept' | 'other' | 'refused';
  /** Something worth knowing that is not a loss (e.g. a launch right after the crash was refused and the next one worked). */
  readonly note?: string;
  /** Problems found; empty when the step passed. */
  readonly problems: readonly string[];
}

export interface CrashPointFigures {
  readonly scenarios: number;
  /** Distinct (group, step) pairs faulted. */
  readonly crashPoints: number;
  readonly steps: Readonly<Record<Group, number>>;
  readonly reopenedOld: number;
  readonly reopenedNew: number;
  readonly reopenedCorruptKept: number;
  /** Restores that took an older backup because the newest could not be read at that moment. */
  readonly reopenedOlderBackup: number;
  readonly notes: number;
  readonly silentResets: number;
  readonly tempFilesLeft: number;
  readonly unclearErrors: number;
  readonly failures: readonly CrashPointResult[];
  readonly results: readonly CrashPointResult[];
}

const OLD = sampleDoc(3, 'old');
const NEW = sampleDoc(6, 'new');
/** What `createIfMissing` makes: if a reopen ever shows this, the loader reset the network. */
const DEFAULT = emptyKithFile('EMPTY DEFAULT', () => 'default-me');
const GARBAGE = Buffer.from('{"schemaVersion":1,"people":[{"id":"me","na');
const KEEP = 3;
/** The backups `withOldFileAndBackups` leaves besides the newest (which equals OLD). */
const OLDER_BACKUPS = [sampleDoc(1, 'old'), sampleDoc(2, 'old')];

const same = (a: KithFile | undefined, b: KithFile): boolean => a !== undefined && serializeKithFile(a) === serializeKithFile(b);

function faultName(fault: Fault): string {
  if (fault.kind === 'error') return fault.code;
  return fault.tornWrite ? 'crash (torn write)' : 'crash';
}

/** Every fault tried at each step: each error code, a crash, and a crash that tears the write in progress. */
function faultsAt(step: number): Fault[] {
  return [
    ...INJECTED_CODES.map((code): Fault => ({ kind: 'error', at: step, code })),
    { kind: 'crash', at: step },
    { kind: 'crash', at: step, tornWrite: true },
  ];
}

interface Scenario {
  readonly dir: string;
  readonly file: string;
  readonly fs: FaultFs;
  clock: number;
}

async function scenario(root: string, n: number): Promise<Scenario> {
  const dir = join(root, `s${n}`);
  await mkdir(dir);
  return { dir, file: join(dir, 'kith.json'), fs: new FaultFs(), clock: Date.parse('2025-06-01T12:00:00.000Z') };
}

function openWith(s: Scenario, fs: FaultFs | undefined, createIfMissing?: () => KithFile): Promise<DataStore> {
  return DataStore.open({
    path: s.file,
    watch: false,
    saveDebounceMs: 2 ** 31 - 1,
    saveMaxWaitMs: 2 ** 31 - 1,
    backups: KEEP,
    backupIntervalMs: 0,
    now: () => new Date((s.clock += 61_000)),
    ...(fs ? { fs: fs.fs } : {}),
    ...(createIfMissing ? { createIfMissing } : {}),
  });
}

/** The old network on disk with a full set of backups, so that a save also copies one and rotates out the oldest. */
async function withOldFileAndBackups(s: Scenario): Promise<void> {
  const store = await openWith(s, undefined, () => sampleDoc(1, 'old'));
  for (const count of [2, 3]) {
    store.replace(sampleDoc(count, 'old'));
    await store.flush();
  }
  store.replace(OLD);
  await store.flush();
  await store.close();
}

async function tempFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  const inBackups = names.includes('kith.backups') ? await readdir(join(dir, 'kith.backups')) : [];
  return [...names, ...inBackups].filter((name) => name.endsWith('.tmp'));
}

/** A crashed process does not close its store; here the dead store is let go of (its fs refuses everything) so the lock is forgotten in this process, and stays on disk as a crash leaves it. */
async function bury(store: DataStore | undefined): Promise<void> {
  await store?.close().catch(() => undefined);
}

/** Opens the file as the next launch would, with a default network at hand that must never be what comes back. */
async function reopen(s: Scenario): Promise<{ store: DataStore | undefined; error: unknown }> {
  try {
    return { store: await openWith(s, undefined, () => DEFAULT), error: undefined };
  } catch (error) {
    return { store: undefined, error };
  }
}

function isClear(message: string, file: string, code: string): boolean {
  return message.includes(file) && message.includes(code);
}

/** Counts the calls a fault-free run of `body` makes, so that the sweep covers every one. */
async function countSteps(
  root: string,
  prepare: (s: Scenario) => Promise<void>,
  body: (s: Scenario) => Promise<unknown>,
): Promise<FsCall[]> {
  const s = await scenario(root, -1);
  await prepare(s);
  s.fs.arm(undefined);
  await body(s);
  return [...s.fs.calls];
}

async function sweepSave(root: string, results: CrashPointResult[], counter: { n: number }): Promise<number> {
  let store: DataStore | undefined;
  // Count the steps of the save alone.
  const probe = await scenario(root, -2);
  await withOldFileAndBackups(probe);
  const probeStore = await openWith(probe, probe.fs);
  probeStore.replace(NEW);
  probe.fs.arm(undefined);
  await probeStore.flush();
  const calls = [...probe.fs.calls];
  await probeStore.close();

  for (let step = 1; step <= calls.length; step += 1) {
    for (const fault of faultsAt(step)) {
      const s = await scenario(root, counter.n++);
      await withOldFileAndBackups(s);
      store = await openWith(s, s.fs);
      store.replace(NEW);
      s.fs.arm(fault);
      const problems: string[] = [];
      let flushError: unknown;
      await store.flush().catch((err: unknown) => (flushError = err));
      const op = calls[step - 1]?.op ?? '?';
      if (fault.kind === 'error') {
        s.fs.arm(undefined);
        if (flushError !== undefined) {
          const message = flushError instanceof KithError ? flushError.message : String(flushError);
          if (!(flushError instanceof KithError) || flushError.code !== 'io') problems.push(`flush rejected with ${String(flushError)}`);
          if (!isClear(message, s.file, fault.code)) problems.push(`unclear error: ${message}`);
          const problem = store.problem;
          if (problem?.kind !== 'save-failed' || !isClear(problem.message, s.file, fault.code))
            problems.push(`status does not tell the user: ${JSON.stringify(problem)}`);
          if (!same(store.doc, NEW)) problems.push('the edits were not kept in memory');
        }
        const left = await tempFiles(s.dir);
        if (left.length) problems.push(`temp files left: ${left.join(', ')}`);
        const disk = await readFile(s.file, 'utf8');
        if (disk !== serializeKithFile(OLD) && disk !== serializeKithFile(NEW))
          problems.push('the file holds neither the old nor the new network');
        if (flushError === undefined && disk !== serializeKithFile(NEW)) problems.push('the save reported success but the file is old');
        await store.flush().catch((err: unknown) => problems.push(`retry failed: ${String(err)}`));
        if ((await readFile(s.file, 'utf8')) !== serializeKithFile(NEW)) problems.push('the retry did not save the edits');
        await store.close();
      } else {
        await bury(store);
      }
      const { store: again, error } = await reopen(s);
      const reopened =
        again?.doc === undefined
          ? 'refused'
          : same(again.doc, OLD)
            ? 'old'
            : same(again.doc, NEW)
              ? 'new'
              : same(again.doc, DEFAULT)
                ? 'default'
                : 'other';
      if (reopened === 'refused') problems.push(`reopen failed: ${String(error ?? again?.problem?.message)}`);
      if (reopened === 'default') problems.push('the loader returned the empty default network');
      if (reopened === 'other') problems.push('the loader returned neither the old nor the new network');
      if (again?.problem) problems.push(`reopened with a problem: ${again.problem.message}`);
      const left = await tempFiles(s.dir);
      if (left.length) problems.push(`temp files left after reopen: ${left.join(', ')}`);
      await again?.close();
      results.push({ group: 'save', step, op, fault: faultName(fault), reopened, problems });
    }
  }
  return calls.length;
}

async function sweepOpen(root: string, results: CrashPointResult[], counter: { n: number }): Promise<number> {
  const calls = await countSteps(root, withOldFileAndBackups, async (s) => (await openWith(s, s.fs, () => DEFAULT)).close());
  // The close of the probe is not part of the open.
  const openSteps = calls.findIndex((c) => c.op === 'readFile' && c.path.endsWith('kith.json')) + 3;
  for (let step = 1; step <= openSteps; step += 1) {
    for (const fault of faultsAt(step)) {
      const s = await scenario(root, counter.n++);
      await withOldFileAndBackups(s);
      const before = await readFile(s.file);
      s.fs.arm(fault);
      const problems: string[] = [];
      let store: DataStore | undefined;
      try {
        store = await openWith(s, s.fs, () => DEFAULT);
        if (s.fs.hasFired && fault.kind === 'error' && store.doc !== undefined && !same(store.doc, OLD))
          problems.push('opened something other than the file');
        if (store.doc === undefined && store.problem?.kind === 'corrupt')
          problems.push(`a failing read was reported as a corrupt file: ${store.problem.message}`);
        if (same(store.doc, DEFAULT)) problems.push('the open returned the empty default network');
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (!(err instanceof KithError) || !['io', 'file-locked'].includes(err.code)) problems.push(`open failed with ${message}`);
        if (fault.kind === 'error' && !message.includes(fault.code) && !message.includes('lock'))
          problems.push(`unclear error: ${message}`);
      }
      if (fault.kind === 'error') {
        s.fs.arm(undefined);
        await store?.close();
      } else await bury(store);
      if (Buffer.compare(await readFile(s.file), before) !== 0) problems.push('opening changed the file');
      // A lock file cut short by the crash is waited on until it is old enough to be a crash's leftover, then taken over:
      // the launch right after the crash opens the file (it is refused only when the reopen below says so).
      const { store: again, error } = await reopen(s);
      const reopened = again?.doc === undefined ? 'refused' : same(again.doc, OLD) ? 'old' : same(again.doc, DEFAULT) ? 'default' : 'other';
      if (reopened !== 'old') problems.push(`reopen gave ${reopened}: ${String(error ?? again?.problem?.message ?? '')}`);
      const left = await tempFiles(s.dir);
      if (left.length) problems.push(`temp files left after reopen: ${left.join(', ')}`);
      await again?.close();
      results.push({
        group: 'open',
        step,
        op: calls[step - 1]?.op ?? '?',
        fault: faultName(fault),
        reopened,
        problems,
      });
    }
  }
  return openSteps;
}

async function sweepRestore(root: string, results: CrashPointResult[], counter: { n: number }): Promise<number> {
  const corruptFile = async (s: Scenario) => {
    await withOldFileAndBackups(s);
    await writeFile(s.file, GARBAGE);
  };
  const probe = await scenario(root, -3);
  await corruptFile(probe);
  const probeStore = await openWith(probe, probe.fs);
  probe.fs.arm(undefined);
  await probeStore.restoreBackup();
  const calls = [...probe.fs.calls];
  await probeStore.close();
  const newest = OLD;

  for (let step = 1; step <= calls.length; step += 1) {
    for (const fault of faultsAt(step)) {
      const s = await scenario(root, counter.n++);
      await corruptFile(s);
      const store = await openWith(s, s.fs);
      s.fs.arm(fault);
      const problems: string[] = [];
      let restoreError: unknown;
      await store.restoreBackup().catch((err: unknown) => (restoreError = err));
      if (fault.kind === 'error') {
        s.fs.arm(undefined);
        if (restoreError !== undefined) {
          const message = restoreError instanceof Error ? restoreError.message : String(restoreError);
          if (!(restoreError instanceof KithError)) problems.push(`restore threw ${message}`);
          if (!message.includes(fault.code)) problems.push(`unclear error: ${message}`);
        }
        await store.close();
      } else await bury(store);
      const { store: again, error } = await reopen(s);
      let reopened: CrashPointResult['reopened'];
      let note: string | undefined;
      const disk = await readFile(s.file);
      const asides = (await readdir(s.dir)).filter((name) => name.startsWith('kith.corrupt-'));
      const asideHoldsOriginal = await Promise.all(
        asides.map(async (name) => Buffer.compare(await readFile(join(s.dir, name)), GARBAGE) === 0),
      );
      if (again?.doc === undefined && again?.problem?.kind === 'corrupt') {
        reopened = 'corrupt-kept';
        if (Buffer.compare(disk, GARBAGE) !== 0) problems.push('the corrupt file was changed without being restored');
        if (again.problem.backups.length === 0) problems.push('no backup is offered any more');
      } else if (again?.doc !== undefined) {
        reopened = same(again.doc, newest)
          ? 'new'
          : OLDER_BACKUPS.some((doc) => same(again.doc, doc))
            ? 'older-backup'
            : same(again.doc, DEFAULT)
              ? 'default'
              : 'other';
        if (reopened !== 'new' && reopened !== 'older-backup') problems.push(`reopen gave ${reopened}`);
        // The newest backup could not be read at that moment and was passed over as broken; it is still there, offered next time.
        if (reopened === 'older-backup') note = 'restored an older backup: the newest could not be read at that moment';
        if (!asideHoldsOriginal.includes(true)) problems.push('the corrupt original was lost: no byte-identical copy was set aside');
      } else {
        reopened = 'refused';
        problems.push(`reopen failed: ${String(error)}`);
      }
      const left = await tempFiles(s.dir);
      if (left.length) problems.push(`temp files left after reopen: ${left.join(', ')}`);
      await again?.close();
      results.push({
        group: 'restore',
        step,
        op: calls[step - 1]?.op ?? '?',
        fault: faultName(fault),
        reopened,
        problems,
        ...(note ? { note } : {}),
      });
    }
  }
  return calls.length;
}

/**
 * Fails every file-system call of a save (backup copy and rotation included),
 * of opening a file and of restoring a backup, in turn, with each error code
 * and with a crash (every later call fails too; optionally the write in
 * progress is torn), then reopens the file as the next launch would.
 */
export async function sweepCrashPoints(groups: readonly Group[] = ['save', 'open', 'restore']): Promise<CrashPointFigures> {
  const root = await mkdtemp(join(tmpdir(), 'kith-crash-'));
  const results: CrashPointResult[] = [];
  const counter = { n: 0 };
  const steps: Record<Group, number> = { save: 0, open: 0, restore: 0 };
  try {
    if (groups.includes('save')) steps.save = await sweepSave(root, results, counter);
    if (groups.includes('open')) steps.open = await sweepOpen(root, results, counter);
    if (groups.includes('restore')) steps.restore = await sweepRestore(root, results, counter);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  const count = (predicate: (r: CrashPointResult) => boolean) => results.filter(predicate).length;
  return {
    scenarios: results.length,
    crashPoints: steps.save + steps.open + steps.restore,
    steps,
    reopenedOld: count((r) => r.reopened === 'old'),
    reopenedNew: count((r) => r.reopened === 'new'),
    reopenedCorruptKept: count((r) => r.reopened === 'corrupt-kept'),
    reopenedOlderBackup: count((r) => r.reopened === 'older-backup'),
    notes: results.filter((r) => r.note !== undefined).length,
    silentResets: count((r) => r.reopened === 'default'),
    tempFilesLeft: count((r) => r.problems.some((p) => p.startsWith('temp files left'))),
    unclearErrors: count((r) => r.problems.some((p) => p.startsWith('unclear error') || p.startsWith('status does not tell'))),
    failures: results.filter((r) => r.problems.length > 0),
    results,
  };
}

/**
 * The order of one save's calls, which is what makes it survive a power cut
 * and not only a kill: the new bytes go to a temp file created beside the
 * data file (same folder, so the rename is atomic), are fsynced before the
 * rename, the folder is fsynced after it, the previous version is backed up
 * before it, and the data file itself is never opened for writing. Returns the
 * rules broken (empty when the protocol holds) and the calls seen.
 */
export async function checkSaveProtocol(): Promise<{ problems: string[]; calls: readonly FsCall[] }> {
  const root = await mkdtemp(join(tmpdir(), 'kith-protocol-'));
  try {
    const s = await scenario(root, 0);
    await withOldFileAndBackups(s);
    const store = await openWith(s, s.fs);
    store.replace(NEW);
    s.fs.arm(undefined);
    await store.flush();
    const calls = [...s.fs.calls];
    await store.close();
    return { problems: protocolProblems(calls, s.file, s.dir), calls };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** The rules of `checkSaveProtocol`, applied to a log of calls that ends when the save resolved. */
export function protocolProblems(calls: readonly FsCall[], file: string, dir: string): string[] {
  const problems: string[] = [];
  const index = (predicate: (c: FsCall, i: number) => boolean, from = 0) => calls.findIndex((c, i) => i >= from && predicate(c, i));
  const renames = calls.filter((c) => c.op === 'rename' && c.path.endsWith(` -> ${file}`));
  if (renames.length !== 1) problems.push(`expected one rename onto the data file, saw ${renames.length}`);
  const rename = index((c) => c.op === 'rename' && c.path.endsWith(` -> ${file}`));
  const temp = renames[0]?.path.split(' -> ')[0] ?? '';
  if (join(temp, '..') !== dir) problems.push(`the temp file ${temp} is not in the data file's folder`);
  const open = index((c) => c.op === 'open' && c.path === temp);
  if (open < 0 || calls[open]?.flags !== 'wx') problems.push('the temp file is not created exclusively (wx)');
  const lastWrite = calls.reduce((last, c, i) => (c.op === 'write' && c.path === temp ? i : last), -1);
  const fsync = index((c) => c.op === 'fsync' && c.path === temp, Math.max(lastWrite, 0));
  const close = index((c) => c.op === 'close' && c.path === temp, Math.max(fsync, 0));
  if (!(open >= 0 && open < lastWrite && lastWrite < fsync && fsync < close && close < rename)) {
    problems.push(
      `the temp file is not written, fsynced and closed before the rename (open ${open}, write ${lastWrite}, fsync ${fsync}, close ${close}, rename ${rename})`,
    );
  }
  const folderOpen = index((c) => c.op === 'open' && c.path === dir, rename);
  const folderSync = index((c) => c.op === 'fsync' && c.path === dir, folderOpen);
  if (rename < 0 || folderOpen < 0 || folderSync < 0) problems.push('the folder is not fsynced after the rename');
  const copy = index((c) => c.op === 'copyFile' && c.path.startsWith(`${file} -> `));
  if (copy < 0 || copy > rename) problems.push('the previous version is not backed up before the rename');
  if (calls.some((c) => c.op === 'open' && c.path === file && c.flags !== 'r'))
    problems.push('the data file is opened for writing in place');
  if (calls.some((c) => c.op === 'unlink' && c.path === file)) problems.push('the data file is deleted during a save');
  return problems;
}
