import { basename, dirname, extname, join } from 'node:path';

/**
 * Names of the files kept beside the data file. For `/dir/kith.json`:
 * backups in `/dir/kith.backups/kith-<stamp>.json`, side copies as
 * `/dir/kith.<kind>-<stamp>.json`, the lock as `/dir/kith.json.lock`.
 */

/** The data file's name without its extension: `kith` for `kith.json`. */
export function baseName(filePath: string): string {
  return basename(filePath, extname(filePath));
}

/**
 * A UTC time stamp that sorts as text in time order and is safe in file names
 * on every platform (no colons): `2025-01-31T09-05-00-123Z`.
 */
export function timeStamp(at: Date): string {
  return at.toISOString().replace(/:/g, '-').replace('.', '-');
}

export const STAMP_PATTERN = '\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z';

/** Inverse of `timeStamp`, as an ISO-8601 string. */
export function stampToIso(stamp: string): string {
  return stamp.replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, 'T$1:$2:$3.$4Z');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function lockPathOf(filePath: string): string {
  return `${filePath}.lock`;
}

export function backupDirOf(filePath: string): string {
  return join(dirname(filePath), `${baseName(filePath)}.backups`);
}

/** Kinds of copy kept beside the data file so that nothing is ever lost. */
export type SideCopyKind = 'corrupt' | 'before-restore' | 'mine' | 'theirs';

/** `/dir/kith.<kind>-<stamp>.json`, or `…-<stamp>-<n>.json` for the n-th file within one millisecond. */
export function sideCopyPath(filePath: string, kind: SideCopyKind, at: Date, attempt = 0): string {
  const suffix = attempt > 0 ? `-${attempt + 1}` : '';
  return join(dirname(filePath), `${baseName(filePath)}.${kind}-${timeStamp(at)}${suffix}.json`);
}
