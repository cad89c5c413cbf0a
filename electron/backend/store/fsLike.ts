import * as fsp from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/** The parts of a file's metadata the store compares to notice changes. */
export interface StatLike {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
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
};
