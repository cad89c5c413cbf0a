import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { z } from 'zod';
import { KithError } from '../../../shared/api/envelope.js';
import { writeNewFile } from './atomicWrite.js';
import { describeFsError, errorCode, type FsLike } from './fsLike.js';
import { lockPathOf } from './names.js';

/** The content of `<file>.lock`: who holds the data file. */
export const LockInfoSchema = z.object({
  pid: z.number().int().positive(),
  hostname: z.string(),
  startedAt: z.string(),
  /** Tells two locks of one process apart. */
  id: z.string().optional(),
});
export type LockInfo = z.infer<typeof LockInfoSchema>;

/** Lock files held by this process, by path (for a quick refusal) and by content. */
const heldPaths = new Set<string>();
/**
 * By content, because one file has many paths (symlinks, `..`): a lock naming
 * our pid is ours only if we wrote exactly it; otherwise it is a leftover of an
 * earlier process that had the same pid (common in containers).
 */
const heldContents = new Set<string>();

/** A lock file that does not parse may be one being written right now; after this long it is a crash's leftover. */
const UNREADABLE_LOCK_GRACE_MS = 2_000;
const MAX_ATTEMPTS = 20;

/**
 * One writer per data file, across processes: `<file>.lock` created with
 * O_EXCL holds `{ pid, hostname, startedAt }`. A lock whose process is gone
 * (same host, `kill(pid, 0)` answers ESRCH) is taken over, so that a crash
 * never locks the user out. A lock from another host (a synced folder) cannot
 * be checked and is respected; the refusal says which file to delete.
 */
export class FileLock {
  private isHeld = true;
  private readonly onExit = () => this.releaseSync();

  private constructor(
    private readonly fs: FsLike,
    readonly lockPath: string,
    private readonly content: string,
  ) {
    heldPaths.add(lockPath);
    heldContents.add(content);
    process.on('exit', this.onExit);
  }

  /** Takes the lock of `filePath` or throws `KithError('file-locked')` naming the holder. */
  static async acquire(fs: FsLike, filePath: string, now: Date): Promise<FileLock> {
    const lockPath = lockPathOf(filePath);
    if (heldPaths.has(lockPath)) throw lockedError(filePath, { pid: process.pid, hostname: hostname(), startedAt: '' });
    const info: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: now.toISOString(), id: randomBytes(6).toString('hex') };
    const content = JSON.stringify(info);
    // A young unreadable lock is one being written, or one a crash left half-written a moment ago: wait until
    // it is old enough to tell (a relaunch right after a crash then opens the file instead of refusing).
    const waitUntil = Date.now() + UNREADABLE_LOCK_GRACE_MS + 200;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS;) {
      if (await tryCreate(fs, lockPath, content)) return new FileLock(fs, lockPath, content);
      const holder = await readHolder(fs, lockPath);
      if (holder.kind === 'unreadable' && !holder.isOld) {
        // Past the wait, a lock that stays young is being rewritten: that counts as contention.
        if (Date.now() >= waitUntil) attempt += 1;
        await sleep(100);
        continue;
      }
      attempt += 1;
      if (holder.kind === 'gone') continue;
      if (holder.kind === 'valid' && isAlive(holder.info, holder.text)) throw lockedError(filePath, holder.info);
      await takeOver(fs, lockPath, holder.text);
    }
    throw new KithError('file-locked', `Could not take the lock ${lockPath}: other programs keep changing it. Try again.`);
  }

  /** Removes the lock file, if it is still ours. */
  async release(): Promise<void> {
    if (!this.isHeld) return;
    this.forget();
    try {
      const text = (await this.fs.readFile(this.lockPath)).toString('utf8');
      if (text === this.content) await this.fs.unlink(this.lockPath);
    } catch {
      // Already gone, or unreadable: nothing of ours to remove.
    }
  }

  /** At process exit only synchronous calls run; a close() that never came must not leave the lock behind. */
  private releaseSync(): void {
    if (!this.isHeld) return;
    this.forget();
    try {
      unlinkSync(this.lockPath);
    } catch {
      // Nothing to do at exit.
    }
  }

  private forget(): void {
    this.isHeld = false;
    heldPaths.delete(this.lockPath);
    heldContents.delete(this.content);
    process.off('exit', this.onExit);
  }
}

async function tryCreate(fs: FsLike, lockPath: string, content: string): Promise<boolean> {
  try {
    await writeNewFile(fs, lockPath, Buffer.from(content, 'utf8'));
    return true;
  } catch (err) {
    if (errorCode(err) === 'EEXIST') return false;
    if (errorCode(err) === 'ENOENT') throw new KithError('not-found', `The folder of ${lockPath} does not exist.`);
    throw new KithError('io', `Could not create the lock file ${lockPath}: ${describeFsError(err)}.`);
  }
}

type Holder = { kind: 'gone' } | { kind: 'valid'; info: LockInfo; text: string } | { kind: 'unreadable'; text: string; isOld: boolean };

async function readHolder(fs: FsLike, lockPath: string): Promise<Holder> {
  let text: string;
  let mtimeMs: number;
  try {
    text = (await fs.readFile(lockPath)).toString('utf8');
    mtimeMs = (await fs.stat(lockPath)).mtimeMs;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return { kind: 'gone' };
    throw new KithError('io', `Could not read the lock file ${lockPath}: ${describeFsError(err)}.`);
  }
  const parsed = LockInfoSchema.safeParse(safeJson(text));
  if (parsed.success) return { kind: 'valid', info: parsed.data, text };
  return { kind: 'unreadable', text, isOld: Date.now() - mtimeMs > UNREADABLE_LOCK_GRACE_MS };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether the lock's process may still be running. Another host's process cannot be checked, so it counts as alive. */
export function isAlive(info: LockInfo, text: string): boolean {
  if (info.hostname !== hostname()) return true;
  if (info.pid === process.pid) return heldContents.has(text);
  try {
    process.kill(info.pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return errorCode(err) === 'EPERM';
  }
}

/**
 * Removes a stale lock without racing another process that takes it over at
 * the same moment: the stale file is renamed aside (atomic, only one of the
 * two succeeds) and checked to be the one judged stale before it is deleted;
 * if a fresh lock was moved by mistake it is put back.
 */
async function takeOver(fs: FsLike, lockPath: string, staleText: string): Promise<void> {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fs.rename(lockPath, aside);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return;
    throw new KithError('io', `Could not remove the stale lock ${lockPath}: ${describeFsError(err)}.`);
  }
  const moved = (await fs.readFile(aside)).toString('utf8');
  if (moved === staleText) await fs.unlink(aside);
  else await fs.rename(aside, lockPath);
}

function lockedError(filePath: string, info: LockInfo): KithError {
  if (info.pid === process.pid && info.hostname === hostname()) {
    return new KithError('file-locked', `${filePath} is already open in this Kith process (pid ${info.pid}).`);
  }
  const since = info.startedAt ? `, since ${info.startedAt}` : '';
  const where = info.hostname === hostname() ? `process ${info.pid}` : `process ${info.pid} on the computer "${info.hostname}"`;
  const hint =
    info.hostname === hostname()
      ? 'Close Kith there first.'
      : `Close Kith there first. If that computer no longer runs Kith, delete ${lockPathOf(filePath)}.`;
  return new KithError('file-locked', `${filePath} is open in another Kith (${where}${since}). ${hint}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
