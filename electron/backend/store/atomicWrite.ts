import { randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errorCode, type FsLike, type StatLike } from './fsLike.js';
import { escapeRegExp } from './names.js';

/** The data file holds personal data: new files are readable by their owner only. */
const FILE_MODE = 0o600;

/** A temp file's name: hidden, beside the target, unique per process and write. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** Matches the temp files `tempPathFor` makes for `target`, whoever made them. */
export function isTempFileOf(target: string, name: string): boolean {
  return new RegExp(`^\\.${escapeRegExp(basename(target))}\\.\\d+-[0-9a-f]{8}\\.tmp$`).test(name);
}

/**
 * Replaces `target` with `data` so that a crash or power cut leaves either the
 * old or the new content, never a mix: write a temp file in the same folder,
 * fsync it, rename it over the target, fsync the folder. (steno, lowdb's
 * writer, skips both fsyncs, which is how empty or NUL-filled files appear
 * after a power cut: lowdb issues #139 and #549.) On failure the temp file is
 * removed and the target is untouched. Returns the metadata of the written
 * file, taken from the temp file's handle so that no other writer can slip in
 * between the rename and the stat.
 */
export async function writeFileAtomic(fs: FsLike, target: string, data: Uint8Array): Promise<StatLike> {
  const temp = tempPathFor(target);
  let stat: StatLike;
  try {
    stat = await writeDurably(fs, temp, data, 'wx');
    await renameWithRetry(fs, temp, target);
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
  await fsyncFolder(fs, dirname(target));
  return stat;
}

/** Writes a new file that must not exist yet (`wx`), fsynced. Used for side copies and the lock. */
export async function writeNewFile(fs: FsLike, path: string, data: Uint8Array): Promise<void> {
  try {
    await writeDurably(fs, path, data, 'wx');
  } catch (err) {
    // EEXIST means the file is someone else's: only remove what this call created.
    if (errorCode(err) !== 'EEXIST') await fs.unlink(path).catch(() => undefined);
    throw err;
  }
}

async function writeDurably(fs: FsLike, path: string, data: Uint8Array, flags: string): Promise<StatLike> {
  const handle: FileHandle = await fs.open(path, flags, FILE_MODE);
  try {
    await fs.write(handle, data);
    await fs.fsync(handle);
    return await fs.fstat(handle);
  } finally {
    await fs.close(handle).catch(() => undefined);
  }
}

/** Windows refuses a rename while a virus scanner or indexer has the target open; that passes within moments. */
async function renameWithRetry(fs: FsLike, from: string, to: string): Promise<void> {
  const transient = process.platform === 'win32' ? ['EPERM', 'EACCES', 'EBUSY'] : [];
  for (let attempt = 1; ; attempt += 1) {
    try {
      await fs.rename(from, to);
      return;
    } catch (err) {
      if (attempt >= 10 || !transient.includes(errorCode(err) ?? '')) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/**
 * Makes the rename itself durable. Best effort: Windows cannot open a folder
 * and some file systems refuse to fsync one; by then the new content is
 * already in place, so failing the save would report a loss that did not
 * happen.
 */
async function fsyncFolder(fs: FsLike, folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle: FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await fs.fsync(handle);
  } catch {
    return;
  } finally {
    if (handle) await fs.close(handle).catch(() => undefined);
  }
}
