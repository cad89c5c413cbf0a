import * as fsp from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** The parts of a file's metadata the store compares to notice changes. */
export interface StatLike {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  /** Permission bits and file type, as `stat(2)` gives them (read-only files have no write bit). */
  readonly mode?: number;
}

/**
 * Every file-system call the store makes, so that tests can fail any one of
 * them (ENOSPC at write, EPERM at fsync, …) and check that nothing is lost.
 * Paths are absolute. Errors are Node's (`err.code`).
 */
export interface FsLike {
  open(path: string, flags: string, mode?: number): Promise<FileHandle>;
  /** Writes all of `data` at the handle's position. */
  write(handle: FileHandle, data: Uint8Array): Promise<void>;
  fsync(handle: FileHandle): Promise<void>;
  fstat(handle: FileHandle): Promise<StatLike>;
  close(handle: FileHandle): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** `mode` takes `fs.constants.COPYFILE_EXCL` to refuse overwriting. */
  copyFile(from: string, to: string, mode?: number): Promise<void>;
  unlink(path: string): Promise<void>;
  readFile(path: string): Promise<Buffer>;
  stat(path: string): Promise<StatLike>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  readdir(path: string): Promise<string[]>;
  /** The path with every symlink and `..` resolved; ENOENT when something along it is missing. */
  realpath(path: string): Promise<string>;
  /** The target a symlink names, as written in it (maybe relative); EINVAL when the path is not a link. */
  readlink(path: string): Promise<string>;
  /** Resolves when this process may access the path in `mode` (`fs.constants.W_OK`…); EACCES, EROFS… otherwise. */
  access(path: string, mode: number): Promise<void>;
}

/** The real file system (node:fs/promises). */
export const nodeFs: FsLike = {
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  write: async (handle, data) => {
    await handle.writeFile(data);
  },
  fsync: (handle) => handle.sync(),
  fstat: (handle) => handle.stat(),
  close: (handle) => handle.close(),
  rename: (from, to) => fsp.rename(from, to),
  copyFile: (from, to, mode) => fsp.copyFile(from, to, mode),
  unlink: (path) => fsp.unlink(path),
  readFile: (path) => fsp.readFile(path),
  stat: (path) => fsp.stat(path),
  mkdir: (path, options) => fsp.mkdir(path, options),
  readdir: (path) => fsp.readdir(path),
  realpath: (path) => fsp.realpath(path),
  readlink: (path) => fsp.readlink(path),
  access: (path, mode) => fsp.access(path, mode),
};

/** The `code` of a Node file-system error (`ENOENT`, `ENOSPC`, …), if any. */
export function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}

/** A short human reason for a file-system error, e.g. `no space left on device (ENOSPC)`. */
export function describeFsError(err: unknown): string {
  const code = errorCode(err);
  const reason = code ? FS_REASONS[code] : undefined;
  if (reason && code) return `${reason} (${code})`;
  return err instanceof Error ? err.message : String(err);
}

const FS_REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'the operation was not permitted; the file may be read-only or in use',
  EROFS: 'the disk is read-only',
  EBUSY: 'the file is in use by another program',
  EIO: 'the disk reported an input/output error',
  ENOENT: 'the file or folder does not exist',
  EISDIR: 'the path is a folder, not a file',
  EMFILE: 'too many files are open',
  ELOOP: 'it is a loop of symbolic links',
};

/** Links followed before a chain is called a loop (Linux's own limit). */
const MAX_LINKS = 40;

/**
 * The real path of a data file, even one that does not exist yet: every
 * symlink and `..` resolved. A link to a missing file resolves to the file it
 * names (so that creating it writes where the link points and the link stays
 * a link); a missing file resolves to its folder's real path and its name.
 * Saving, locking and backing up all use this path: a save that renamed a
 * temp file over the link would replace the link with a copy, and a lock
 * keyed on the link would not meet a lock taken through the real path.
 */
export async function realPathOf(fs: FsLike, path: string, links = 0): Promise<string> {
  try {
    return await fs.realpath(path);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err;
  }
  let target: string | undefined;
  try {
    target = await fs.readlink(path);
  } catch (err) {
    // EINVAL: not a link; ENOENT: nothing there at all.
    if (errorCode(err) !== 'EINVAL' && errorCode(err) !== 'ENOENT') throw err;
  }
  if (target !== undefined) {
    if (links >= MAX_LINKS) throw Object.assign(new Error(`${path}: too many levels of symbolic links`), { code: 'ELOOP' });
    return realPathOf(fs, resolve(dirname(path), target), links + 1);
  }
  const parent = dirname(path);
  if (parent === path) return path;
  return join(await realPathOf(fs, parent, links), basename(path));
}
