import { constants } from 'node:fs';
import { dirname } from 'node:path';
import { describeFsError, errorCode, type FsLike } from './fsLike.js';

/** Errors that mean the file or folder cannot be written by this process, ever (not a passing failure). */
const READ_ONLY_CODES: ReadonlySet<string> = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * Why Kith could not save the data file at `path`, checked before anything
 * is written, or undefined when it can: the file has no write permission
 * (chmod a-w, Windows' read-only attribute; honoured even where the process
 * could write regardless, as root can), or the process may not write the file
 * or its folder (an atomic save writes a temp file there and renames it; the
 * lock and the backups are files there too).
 */
export async function whyReadOnly(fs: FsLike, path: string): Promise<string | undefined> {
  let exists = true;
  try {
    const info = await fs.stat(path);
    if (info.mode !== undefined && (info.mode & 0o222) === 0) return `${path} is marked read-only`;
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') return undefined;
    exists = false;
  }
  const file = exists ? await notWritable(fs, path) : undefined;
  if (file) return `Kith may not write ${path}: ${file}`;
  const folder = dirname(path);
  const dir = await notWritable(fs, folder);
  return dir ? `Kith may not write in its folder ${folder}: ${dir}` : undefined;
}

async function notWritable(fs: FsLike, path: string): Promise<string | undefined> {
  try {
    await fs.access(path, constants.W_OK);
    return undefined;
  } catch (err) {
    return READ_ONLY_CODES.has(errorCode(err) ?? '') ? describeFsError(err) : undefined;
  }
}
