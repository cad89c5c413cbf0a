import { createHash, webcrypto } from 'node:crypto';
import { KithError } from '../../../shared/api/envelope.js';
import { tooLargeMessage } from '../../../shared/data/fileFormat.js';
import { errorCode, type FsLike, type StatLike } from './fsLike.js';

/** What the store last read or wrote, to tell its own file from one another program wrote. */
export interface Fingerprint extends StatLike {
  readonly sha256: string;
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * `sha256(data)` computed on libuv's thread pool, so that a save hashes the
 * bytes while they are written and fsynced instead of after.
 */
export async function sha256Async(data: Uint8Array): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', data)).toString('hex');
}

export function fingerprintOf(stat: StatLike, data: Uint8Array): Fingerprint {
  return { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, sha256: sha256(data) };
}

/** An atomic replace by another program changes the inode even when size and time look the same. */
export function sameStat(a: StatLike, b: StatLike): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

/**
 * Reads a file and its fingerprint. The file is stat'ed before and after the
 * read and read again if it changed meanwhile, so that the fingerprint always
 * describes the bytes returned (a later stat-only comparison relies on it).
 * @throws KithError `file-corrupt` for a file over `maxBytes`, before reading it.
 */
export async function readWithFingerprint(
  fs: FsLike,
  path: string,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<{ data: Buffer; fingerprint: Fingerprint }> {
  for (let attempt = 1; ; attempt += 1) {
    const before = await fs.stat(path);
    if (before.size > maxBytes) throw new KithError('file-corrupt', tooLargeMessage(path, before.size, maxBytes));
    const data = await fs.readFile(path);
    const after = await fs.stat(path);
    if ((sameStat(before, after) && data.length === after.size) || attempt >= 5) {
      return { data, fingerprint: fingerprintOf(after, data) };
    }
  }
}

/**
 * Whether the file on disk still holds what `known` describes. Equal metadata
 * is trusted without reading; different metadata with equal content (a
 * `touch`, a sync tool rewriting the same bytes) is not a change, and the
 * returned fingerprint carries the new metadata. A missing file is reported
 * as such.
 */
export async function compareWithDisk(
  fs: FsLike,
  path: string,
  known: Fingerprint,
): Promise<{ kind: 'same'; fingerprint: Fingerprint } | { kind: 'changed' } | { kind: 'missing' }> {
  let stat: StatLike;
  try {
    stat = await fs.stat(path);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return { kind: 'missing' };
    throw err;
  }
  if (sameStat(stat, known)) return { kind: 'same', fingerprint: known };
  if (stat.size !== known.size) return { kind: 'changed' };
  const { fingerprint } = await readWithFingerprint(fs, path);
  return fingerprint.sha256 === known.sha256 ? { kind: 'same', fingerprint } : { kind: 'changed' };
}
