import { constants } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo } from '../../../shared/api/contract/core.js';
import { parseKithFile } from '../../../shared/data/fileFormat.js';
import type { KithFile } from '../../../shared/domain/model.js';
import { errorCode, type FsLike } from './fsLike.js';
import { decodeUtf8 } from './kithFileAdapter.js';
import { backupDirOf, baseName, escapeRegExp, STAMP_PATTERN, stampToIso, timeStamp } from './names.js';

/** The backup being copied, until it is whole and on disk (never a backup name: `list` and `prune` ignore it). */
const PARTIAL_SUFFIX = '.backup-in-progress';

interface BackupName {
  readonly name: string;
  readonly stamp: string;
  readonly n: number;
}

/**
 * Rotating copies of the data file in `<dir>/<base>.backups/`, named
 * `<base>-<stamp>.json` (or `<base>-<stamp>-<n>.json` within one millisecond)
 * so that names sort by time. Only the newest `keep` are kept.
 */
export class Backups {
  readonly dir: string;
  private readonly pattern: RegExp;

  constructor(
    private readonly fs: FsLike,
    private readonly filePath: string,
    private readonly keep: number,
  ) {
    this.dir = backupDirOf(filePath);
    this.pattern = new RegExp(`^${escapeRegExp(baseName(filePath))}-(${STAMP_PATTERN})(?:-(\\d+))?\\.json$`);
  }

  /**
   * Copies the data file as it is on disk into a new backup, then drops the oldest beyond `keep`. The copy
   * is made under a temporary name, fsynced, and only then given its backup name: a crash or a full disk
   * during the copy leaves no partial file under a backup name (the temporary one is cleared next time).
   */
  async create(at: Date): Promise<string> {
    await this.fs.mkdir(this.dir, { recursive: true });
    const partial = join(this.dir, `${baseName(this.filePath)}${PARTIAL_SUFFIX}`);
    await this.fs.unlink(partial).catch(() => undefined);
    try {
      await this.fs.copyFile(this.filePath, partial, constants.COPYFILE_EXCL);
      await this.flush(partial);
      // The store holds the file's lock, so no one else names a backup between this check and the rename.
      const name = await this.freeName(at);
      await this.fs.rename(partial, join(this.dir, name));
      await this.prune();
      return name;
    } catch (err) {
      await this.fs.unlink(partial).catch(() => undefined);
      throw err;
    }
  }

  /** The first name for a backup made at `at` that no backup has yet (`-2`, `-3`… within one millisecond). */
  private async freeName(at: Date): Promise<string> {
    for (let n = 1; ; n += 1) {
      const name = `${baseName(this.filePath)}-${timeStamp(at)}${n > 1 ? `-${n}` : ''}.json`;
      try {
        await this.fs.stat(join(this.dir, name));
      } catch (err) {
        if (errorCode(err) === 'ENOENT') return name;
        throw err;
      }
    }
  }

  /** Backups that parse and validate, newest first. Broken ones are skipped, never deleted here. */
  async list(): Promise<BackupInfo[]> {
    const infos: BackupInfo[] = [];
    for (const entry of await this.names()) {
      const doc = await this.tryRead(entry.name);
      if (doc) infos.push({ name: entry.name, savedAt: stampToIso(entry.stamp), people: doc.people.length, ties: doc.ties.length });
    }
    return infos;
  }

  /** Whether `name` is a backup name of this file (and so names no other path). */
  isBackupName(name: string): boolean {
    return this.pattern.test(name);
  }

  pathOf(name: string): string {
    return join(this.dir, name);
  }

  /** The raw bytes and the validated document of one backup; throws `KithError('file-corrupt')` naming it. */
  async read(name: string): Promise<{ data: Buffer; doc: KithFile }> {
    const path = this.pathOf(name);
    const data = await this.fs.readFile(path);
    return { data, doc: parseKithFile(decodeUtf8(data, path), `The backup ${path}`) };
  }

  private async tryRead(name: string): Promise<KithFile | undefined> {
    try {
      return (await this.read(name)).doc;
    } catch {
      return undefined;
    }
  }

  /** On disk before the save that follows it: after a power cut the newest backup is whole, not an empty file. */
  private async flush(path: string): Promise<void> {
    const handle = await this.fs.open(path, 'r+');
    try {
      await this.fs.fsync(handle);
    } finally {
      await this.fs.close(handle);
    }
  }

  private async prune(): Promise<void> {
    const names = await this.names();
    for (const old of names.slice(this.keep)) {
      await this.fs.unlink(this.pathOf(old.name)).catch(() => undefined);
    }
  }

  /** Backup file names, newest first. */
  private async names(): Promise<BackupName[]> {
    let entries: string[];
    try {
      entries = await this.fs.readdir(this.dir);
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return [];
      throw err;
    }
    const found: BackupName[] = [];
    for (const name of entries) {
      const match = this.pattern.exec(name);
      if (match?.[1]) found.push({ name, stamp: match[1], n: Number(match[2] ?? 1) });
    }
    return found.sort((a, b) => (a.stamp === b.stamp ? b.n - a.n : a.stamp < b.stamp ? 1 : -1));
  }
}
