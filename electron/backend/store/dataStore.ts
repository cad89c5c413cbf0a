import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { Low } from 'lowdb';
import type { BackupInfo, FileProblem } from '../../../shared/api/contract/core.js';
import { KithError } from '../../../shared/api/envelope.js';
import { serializeKithFile } from '../../../shared/data/fileFormat.js';
import type { KithFile } from '../../../shared/domain/model.js';
import { isTempFileOf, writeFileAtomic, writeNewFile } from './atomicWrite.js';
import { Backups } from './backups.js';
import { compareWithDisk, readWithFingerprint, sha256 } from './fingerprint.js';
import { describeFsError, errorCode, nodeFs, realPathOf, type FsLike } from './fsLike.js';
import { KithFileAdapter } from './kithFileAdapter.js';
import { FileLock } from './lock.js';
import { sideCopyPath, type SideCopyKind } from './names.js';
import { whyReadOnly } from './writable.js';

export interface DataStoreOptions {
  /** Absolute path of the data file; a symlink is followed to the real file, which is what the store locks, saves and backs up. */
  path: string;
  /** Makes the network for a data file that does not exist yet; without it a missing file is refused (`not-found`). */
  createIfMissing?: () => KithFile;
  /** How many rotating backups to keep. Default 5. */
  backups?: number;
  /** Least time between two backups, in ms. Default 10 minutes. */
  backupIntervalMs?: number;
  /** Quiet time after the last `replace` before saving, in ms. Default 300; 0 saves on the next tick. */
  saveDebounceMs?: number;
  /** Longest a change waits while edits keep coming, in ms. Default 1000: under a stream of edits a save still starts every second. */
  saveMaxWaitMs?: number;
  /** Clock for backup times, side-copy names and `lastSavedAt`. */
  now?: () => Date;
  /** File-system calls; tests inject faults here. Default node:fs/promises. */
  fs?: FsLike;
  /** Watch the folder to notice other programs changing the file. Default true. */
  watch?: boolean;
  /** Quiet time after a folder event before comparing the file, in ms. Default 100. */
  watchDebounceMs?: number;
  /** Largest file read or written, in bytes. Default `MAX_DATA_FILE_BYTES`; tests make it small. */
  maxFileBytes?: number;
}

export type DataStoreEventKind = 'saved' | 'problem' | 'reloaded' | 'dirty';
export interface DataStoreEvent {
  readonly kind: DataStoreEventKind;
  /** A `reloaded` that another program's change caused (seen by the watcher), not a call of the store's. */
  readonly isExternal?: boolean;
}
export type DataStoreListener = (event: DataStoreEvent) => void;

interface Settings {
  readonly backupIntervalMs: number;
  readonly saveDebounceMs: number;
  readonly saveMaxWaitMs: number;
  readonly watch: boolean;
  readonly watchDebounceMs: number;
}

/**
 * The data file, held by one writer. Keeps the network in memory, saves it
 * debounced and atomically through lowdb with our adapter, rotates backups,
 * holds `<file>.lock` against other processes, and notices other programs
 * changing the file. It never overwrites what it cannot account for: a file
 * that does not validate is left byte for byte as it is (`corrupt`), a file
 * changed by another program stops saving (`external-change`), and a failed
 * save keeps the edits in memory and the old file intact (`save-failed`).
 *
 * All disk work runs one task at a time on an internal queue, so two writes
 * are never in flight and a folder event is never compared mid-write.
 */
export class DataStore {
  /** The data file's real path (symlinks resolved). */
  readonly path: string;
  private readonly fs: FsLike;
  private readonly clock: () => Date;
  private readonly settings: Settings;
  private readonly adapter: KithFileAdapter;
  private readonly db: Low<KithFile | null>;
  private readonly backups: Backups;
  private readonly listeners = new Set<DataStoreListener>();
  private lock: FileLock | undefined;
  private watcher: FSWatcher | undefined;
  private currentProblem: FileProblem | undefined;
  /** Why the file is open for viewing only, when it is. */
  private readOnlyReason: string | undefined;
  /** Increases with every replace; the disk holds `savedRevision`. -1 forces the next save (the disk holds someone else's version). */
  private revision = 0;
  private savedRevision = 0;
  private savedAt: string | undefined;
  private lastBackupAt: number | undefined;
  private saveTimer: NodeJS.Timeout | undefined;
  private firstPendingAt: number | undefined;
  private watchTimer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private isClosed = false;

  private constructor(options: DataStoreOptions, realPath: string) {
    this.path = realPath;
    this.fs = options.fs ?? nodeFs;
    this.clock = options.now ?? (() => new Date());
    this.settings = {
      backupIntervalMs: options.backupIntervalMs ?? 10 * 60_000,
      saveDebounceMs: options.saveDebounceMs ?? 300,
      saveMaxWaitMs: options.saveMaxWaitMs ?? 1_000,
      watch: options.watch ?? true,
      watchDebounceMs: options.watchDebounceMs ?? 100,
    };
    this.adapter = new KithFileAdapter(this.fs, this.path, 0, options.maxFileBytes);
    this.db = new Low<KithFile | null>(this.adapter, null);
    this.backups = new Backups(this.fs, this.path, options.backups ?? 5);
  }

  /**
   * Takes the lock and loads the file. Never throws for a corrupt file: the
   * store opens in the `corrupt` state instead. A missing file is created with
   * `createIfMissing` unless valid backups of it exist, in which case the store
   * opens `corrupt` and offers them (no silent reset to an empty network).
   * @throws KithError `file-locked` (another live process or store holds the file), `not-found`, `io`.
   */
  static async open(options: DataStoreOptions): Promise<DataStore> {
    if (!isAbsolute(options.path)) throw new KithError('invalid-input', `The data file path must be absolute: ${options.path}`);
    // One spelling per file (`a/../kith.json`, a symlinked folder, a symlink to the file): they all meet the same lock.
    const requested = resolve(options.path);
    const realPath = await realPathOf(options.fs ?? nodeFs, requested).catch((err: unknown) => {
      throw new KithError('io', `Could not find where ${requested} leads: ${describeFsError(err)}.`);
    });
    const store = new DataStore(options, realPath);
    await store.start(options.createIfMissing);
    return store;
  }

  /** The network in memory; undefined while the file is corrupt. */
  get doc(): KithFile | undefined {
    if (this.currentProblem?.kind === 'corrupt') return undefined;
    return this.db.data ?? undefined;
  }

  /** What the user must see and decide on, if anything. */
  get problem(): FileProblem | undefined {
    return this.currentProblem;
  }

  /**
   * Why the file is open for viewing only (it or its folder is read-only),
   * or undefined when it can be changed. A read-only file is never locked
   * and never written; edits are refused with `file-read-only`.
   */
  get readOnly(): string | undefined {
    return this.readOnlyReason;
  }

  /** Largest data file this store reads or writes, in bytes. */
  get maxFileBytes(): number {
    return this.adapter.maxBytes;
  }

  /** Bytes of the file as last read or written (0 before there is one). */
  get savedBytes(): number {
    return this.adapter.fingerprint?.size ?? 0;
  }

  /** True while a replaced network has not reached the disk. */
  get isDirty(): boolean {
    return this.savedRevision < this.revision;
  }

  /** ISO time of the last save in this session. */
  get lastSavedAt(): string | undefined {
    return this.savedAt;
  }

  /**
   * Sets the network in memory and schedules a debounced save. While another
   * program's change is unresolved the edit is kept but not saved.
   * @throws KithError `file-corrupt` while the file is corrupt (restore a backup first), `file-read-only` when it is open for viewing only.
   */
  replace(doc: KithFile): void {
    this.assertOpen();
    if (this.readOnlyReason) throw this.readOnlyError();
    if (this.currentProblem?.kind === 'corrupt') throw new KithError('file-corrupt', this.currentProblem.message);
    const wasDirty = this.isDirty;
    this.db.data = doc;
    this.revision += 1;
    if (this.currentProblem?.kind !== 'external-change') this.scheduleSave();
    if (!wasDirty) this.emit('dirty');
  }

  /**
   * Resolves once every network replaced before the call is durably on disk.
   * @throws KithError `io` when the save fails (the store is then `save-failed`), `file-changed-on-disk` while another program's change is unresolved.
   */
  async flush(): Promise<void> {
    if (this.isClosed) return;
    this.cancelSave();
    await this.enqueue(() => this.saveNow());
  }

  /** Backups that validate, newest first. */
  listBackups(): Promise<BackupInfo[]> {
    return this.backups.list();
  }

  /**
   * Replaces the data file with a backup (`name`, or the newest valid one).
   * The file it replaces is first copied aside as `<base>.corrupt-<stamp>.json`
   * (or `<base>.before-restore-<stamp>.json` when it was valid, after saving
   * pending edits into it); it is never deleted.
   * @returns the path of the copy set aside, if there was a file.
   * @throws KithError `not-found` (no such backup), `file-corrupt` (the backup is broken), `file-changed-on-disk`, `io`.
   */
  async restoreBackup(name?: string): Promise<{ asidePath?: string }> {
    this.assertOpen();
    if (this.readOnlyReason) throw this.readOnlyError();
    return this.enqueue(async () => {
      const kind = this.currentProblem?.kind;
      if (kind === 'external-change') throw this.externalChangeError();
      if (kind !== 'corrupt') await this.saveNow();
      const backup = await this.chooseBackup(name);
      const asidePath = await this.setAside(kind === 'corrupt' ? 'corrupt' : 'before-restore');
      await writeFileAtomic(this.fs, this.path, backup.data).catch((err: unknown) => {
        throw new KithError('io', `Could not restore the backup into ${this.path}: ${describeFsError(err)}. The file is unchanged.`);
      });
      const state = await this.load();
      this.emit(state === 'loaded' ? 'reloaded' : 'problem');
      return asidePath ? { asidePath } : {};
    });
  }

  /**
   * Ends the `external-change` state without losing either version.
   * `reload`: when my in-memory network differs from the disk's, it is first
   * written to `<base>.mine-<stamp>.json`; then the disk version is loaded.
   * `keep-mine-as-copy`: the disk version is copied to
   * `<base>.theirs-<stamp>.json`, then mine is saved over the file.
   * @returns the path of the copy written, if any.
   * @throws KithError `rejected` when there is nothing to resolve, `not-found` when reloading a file that was deleted, `io`.
   */
  async resolveExternalChange(choice: 'reload' | 'keep-mine-as-copy'): Promise<{ copyPath?: string }> {
    this.assertOpen();
    return this.enqueue(async () => {
      if (this.currentProblem?.kind !== 'external-change') {
        throw new KithError('rejected', `${this.path} has no change by another program to resolve.`);
      }
      return choice === 'reload' ? this.reloadKeepingMine() : this.keepMineKeepingTheirs();
    });
  }

  /** Calls `listener` on saves, problems, reloads and when the network becomes dirty. Returns the unsubscribe function. */
  on(listener: DataStoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Saves pending edits, stops watching and releases the lock. When the edits
   * cannot be saved they are written to `<base>.mine-<stamp>.json` if at all
   * possible, and the promise rejects with a message naming that copy.
   */
  async close(): Promise<void> {
    if (this.isClosed) return;
    let failure: unknown;
    try {
      await this.flush();
    } catch (err) {
      failure = await this.rescueUnsaved(err);
    }
    this.isClosed = true;
    this.cancelSave();
    this.adapter.serializer.forget();
    clearTimeout(this.watchTimer);
    this.watcher?.close();
    await this.enqueue(async () => undefined);
    await this.lock?.release();
    if (failure) throw failure;
  }

  private async start(createIfMissing: (() => KithFile) | undefined): Promise<void> {
    if (createIfMissing) {
      await this.fs.mkdir(dirname(this.path), { recursive: true }).catch((err: unknown) => {
        throw new KithError('io', `Could not create the folder ${dirname(this.path)}: ${describeFsError(err)}.`);
      });
    }
    const readOnly = await whyReadOnly(this.fs, this.path);
    if (readOnly) return this.startReadOnly(readOnly);
    const lock = await FileLock.acquire(this.fs, this.path, this.clock());
    this.lock = lock;
    try {
      await this.removeLeftoverTempFiles();
      if ((await this.load()) === 'missing') await this.createOrOfferBackups(createIfMissing);
    } catch (err) {
      this.cancelSave();
      await lock.release();
      throw err;
    }
    if (this.settings.watch) this.startWatching();
  }

  /** Opens the file for viewing only: no lock, no clean-up, no save; other programs' changes are reloaded. */
  private async startReadOnly(reason: string): Promise<void> {
    this.readOnlyReason = reason;
    if ((await this.load()) === 'missing') {
      throw new KithError('not-found', `There is no data file at ${this.path}, and Kith cannot create one there: ${reason}.`);
    }
    if (this.settings.watch) this.startWatching();
  }

  private readOnlyError(): KithError {
    return new KithError(
      'file-read-only',
      `${this.path} is open read-only, so this change was not made: ${this.readOnlyReason ?? 'it cannot be written'}. To change the network, make the file and its folder writable and open it again.`,
    );
  }

  private async createOrOfferBackups(createIfMissing: (() => KithFile) | undefined): Promise<void> {
    const backups = await this.backups.list();
    const newest = backups[0];
    if (newest) {
      this.currentProblem = {
        kind: 'corrupt',
        message: `${this.path} is missing, but ${backups.length} backup(s) of it exist; the newest is from ${newest.savedAt}. Restore it to continue.`,
        backups,
      };
      return;
    }
    if (!createIfMissing) throw new KithError('not-found', `There is no data file at ${this.path}.`);
    this.db.data = createIfMissing();
    this.revision += 1;
    await this.flush();
  }

  /**
   * Reads the file through lowdb. A file that does not validate puts the store
   * in the `corrupt` state. When the file is missing or cannot be read, the
   * in-memory state is left as it was (lowdb itself would keep its old data on
   * a missing file, silently).
   */
  private async load(): Promise<'loaded' | 'corrupt' | 'missing'> {
    // Read through the adapter, not `db.read()`: lowdb would set `data` to null while the read is under way,
    // and a call answered meanwhile would find no network.
    let next: KithFile | null;
    try {
      next = await this.adapter.read();
    } catch (err) {
      // parseKithFile throws KithError('file-corrupt'); anything else without an errno code is a broken file too.
      const isFsError = !(err instanceof KithError) && errorCode(err) !== undefined;
      if (!isFsError) {
        await this.enterCorrupt(err instanceof Error ? err.message : String(err));
        return 'corrupt';
      }
      throw new KithError('io', `Could not read ${this.path}: ${describeFsError(err)}.`);
    }
    if (next === null) return 'missing';
    this.db.data = next;
    this.cancelSave();
    this.currentProblem = undefined;
    this.savedRevision = this.revision;
    return 'loaded';
  }

  private async enterCorrupt(reason: string): Promise<void> {
    this.cancelSave();
    this.db.data = null;
    this.savedRevision = this.revision;
    const backups = await this.backups.list().catch(() => []);
    const newest = backups[0];
    const offer = newest
      ? `${backups.length} backup(s) can be restored; the newest is from ${newest.savedAt}.`
      : 'No valid backup of it was found.';
    this.currentProblem = { kind: 'corrupt', message: `${reason} Kith has left the file as it is. ${offer}`, backups };
  }

  /** One save of the current network, if it is dirty; runs on the queue only. */
  private async saveNow(): Promise<void> {
    if (!this.db.data || !this.isDirty) return;
    const kind = this.currentProblem?.kind;
    if (kind === 'corrupt') return;
    if (kind === 'external-change') throw this.externalChangeError();
    try {
      if (await this.isChangedOnDisk()) {
        this.enterExternalChange();
        throw this.externalChangeError();
      }
      await this.backupIfDue();
      // Read synchronously with the write below: the revision that lowdb's `data` holds.
      const revision = this.revision;
      await this.db.write();
      this.savedRevision = revision;
    } catch (err) {
      if (err instanceof KithError) throw err;
      throw this.enterSaveFailed(err);
    }
    this.savedAt = this.clock().toISOString();
    if (this.currentProblem?.kind === 'save-failed') this.currentProblem = undefined;
    this.emit('saved');
  }

  /** Whether another program wrote the file since we last read or wrote it. A deleted file is not a conflict: there is nothing to overwrite. */
  private async isChangedOnDisk(): Promise<boolean> {
    const known = this.adapter.fingerprint;
    if (!known) return this.exists();
    const result = await compareWithDisk(this.fs, this.path, known);
    if (result.kind === 'same') this.adapter.fingerprint = result.fingerprint;
    return result.kind === 'changed';
  }

  private async exists(): Promise<boolean> {
    try {
      await this.fs.stat(this.path);
      return true;
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return false;
      throw err;
    }
  }

  /** Copies the good file on disk before the first save of a session, then at most once per interval. */
  private async backupIfDue(): Promise<void> {
    if (!this.adapter.fingerprint) return;
    const now = this.clock();
    if (this.lastBackupAt !== undefined && now.getTime() - this.lastBackupAt < this.settings.backupIntervalMs) return;
    try {
      await this.backups.create(now);
      this.lastBackupAt = now.getTime();
    } catch {
      // A failed backup must not stop the save; the next save tries again.
    }
  }

  private enterSaveFailed(err: unknown): KithError {
    const message = `Could not save ${this.path}: ${describeFsError(err)}. The file on disk is unchanged and your edits are kept; Kith will try again with your next change.`;
    this.currentProblem = { kind: 'save-failed', message };
    this.emit('problem');
    return new KithError('io', message);
  }

  private enterExternalChange(): void {
    this.cancelSave();
    this.currentProblem = {
      kind: 'external-change',
      message: `${this.path} was changed by another program (a sync service or an editor). Kith stopped saving so that nothing is overwritten: reload it (your version is kept in a copy) or keep your version (theirs is kept in a copy).`,
    };
    this.emit('problem');
  }

  private externalChangeError(): KithError {
    return new KithError('file-changed-on-disk', this.currentProblem?.message ?? `${this.path} was changed by another program.`);
  }

  private async reloadKeepingMine(): Promise<{ copyPath?: string }> {
    const disk = await this.readDisk();
    if (!disk) throw new KithError('not-found', `${this.path} no longer exists, so there is nothing to reload; keep your version instead.`);
    const mine = this.db.data ? Buffer.from(serializeKithFile(this.db.data), 'utf8') : undefined;
    const copyPath = mine && sha256(mine) !== disk.fingerprint.sha256 ? await this.writeSideCopy('mine', mine) : undefined;
    const state = await this.load();
    if (state === 'missing') throw new KithError('not-found', `${this.path} disappeared while reloading; your version is kept in memory.`);
    this.emit(state === 'loaded' ? 'reloaded' : 'problem');
    return copyPath ? { copyPath } : {};
  }

  private async keepMineKeepingTheirs(): Promise<{ copyPath?: string }> {
    const disk = await this.readDisk();
    const copyPath = disk ? await this.writeSideCopy('theirs', disk.data) : undefined;
    // Their version is now safe in the copy: it is the one the next save may replace, and nothing newer.
    this.adapter.fingerprint = disk?.fingerprint;
    this.currentProblem = undefined;
    this.savedRevision = -1;
    await this.saveNow();
    return copyPath ? { copyPath } : {};
  }

  private async readDisk(): Promise<Awaited<ReturnType<typeof readWithFingerprint>> | undefined> {
    try {
      return await readWithFingerprint(this.fs, this.path);
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return undefined;
      throw new KithError('io', `Could not read ${this.path}: ${describeFsError(err)}.`);
    }
  }

  /** Writes `data` to a new `<base>.<kind>-<stamp>.json` beside the file, never over an existing one. */
  private async writeSideCopy(kind: SideCopyKind, data: Uint8Array): Promise<string> {
    const at = this.clock();
    for (let attempt = 0; ; attempt += 1) {
      const path = sideCopyPath(this.path, kind, at, attempt);
      try {
        await writeNewFile(this.fs, path, data);
        return path;
      } catch (err) {
        if (errorCode(err) !== 'EEXIST') throw new KithError('io', `Could not write the copy ${path}: ${describeFsError(err)}.`);
      }
    }
  }

  /** Copies the file as it is (even unreadable as JSON) aside before a restore replaces it. */
  private async setAside(kind: SideCopyKind): Promise<string | undefined> {
    const disk = await this.readDisk();
    return disk ? this.writeSideCopy(kind, disk.data) : undefined;
  }

  private async chooseBackup(name: string | undefined): Promise<{ data: Buffer; doc: KithFile }> {
    const chosen =
      name ??
      (
        await this.backups.list().catch((err: unknown) => {
          throw new KithError('io', `Could not list the backups in ${this.backups.dir}: ${describeFsError(err)}. The file is unchanged.`);
        })
      )[0]?.name;
    if (chosen === undefined) throw new KithError('not-found', `There is no valid backup of ${this.path} in ${this.backups.dir}.`);
    if (!this.backups.isBackupName(chosen)) throw new KithError('not-found', `"${chosen}" is not a backup of ${this.path}.`);
    try {
      return await this.backups.read(chosen);
    } catch (err) {
      if (err instanceof KithError) throw err;
      if (errorCode(err) === 'ENOENT') throw new KithError('not-found', `There is no backup "${chosen}" in ${this.backups.dir}.`);
      throw new KithError('io', `Could not read the backup ${chosen}: ${describeFsError(err)}.`);
    }
  }

  /** Last resort on close: unsaved edits go to a side copy rather than vanish with the process. */
  private async rescueUnsaved(failure: unknown): Promise<unknown> {
    const doc = this.db.data;
    if (!doc || !this.isDirty) return failure;
    const reason = failure instanceof Error ? failure.message : String(failure);
    try {
      const copyPath = await this.enqueue(() => this.writeSideCopy('mine', Buffer.from(serializeKithFile(doc), 'utf8')));
      return new KithError('io', `${reason} Your unsaved edits were written to ${copyPath}.`);
    } catch {
      return new KithError('io', `${reason} Your unsaved edits could not be written anywhere.`);
    }
  }

  private scheduleSave(): void {
    const now = Date.now();
    this.firstPendingAt ??= now;
    clearTimeout(this.saveTimer);
    const wait = Math.max(0, Math.min(this.settings.saveDebounceMs, this.firstPendingAt + this.settings.saveMaxWaitMs - now));
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.firstPendingAt = undefined;
      // The failure is already recorded as the `save-failed` problem and emitted.
      this.enqueue(() => this.saveNow()).catch(() => undefined);
    }, wait);
  }

  private cancelSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.firstPendingAt = undefined;
  }

  /** Folder events also come for our own renames; the comparison with the fingerprint tells them apart. */
  private startWatching(): void {
    const name = basename(this.path);
    try {
      this.watcher = watch(dirname(this.path), { persistent: false }, (_event, filename) => {
        if (filename === null || filename === name) this.scheduleDiskCheck();
      });
      // Watching is a convenience: the check before every save still guards the file.
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      this.watcher = undefined;
    }
  }

  private scheduleDiskCheck(): void {
    clearTimeout(this.watchTimer);
    this.watchTimer = setTimeout(() => {
      this.enqueue(() => this.checkDisk()).catch(() => undefined);
    }, this.settings.watchDebounceMs);
    this.watchTimer.unref();
  }

  private async checkDisk(): Promise<void> {
    if (this.isClosed) return;
    if (this.readOnlyReason) {
      // Nothing of ours can be lost: show what the other program wrote.
      if (!(await this.isChangedOnDisk())) return;
      const state = await this.load();
      if (state !== 'missing') this.emit(state === 'loaded' ? 'reloaded' : 'problem', true);
      return;
    }
    const kind = this.currentProblem?.kind;
    if (kind === 'external-change') return;
    if (!(await this.isChangedOnDisk())) return;
    if (kind !== 'corrupt') {
      this.enterExternalChange();
      return;
    }
    // A corrupt file replaced by another program (fixed by hand, synced back) may be good now.
    const state = await this.load();
    if (state !== 'missing') this.emit(state === 'loaded' ? 'reloaded' : 'problem', true);
  }

  private async removeLeftoverTempFiles(): Promise<void> {
    const folder = dirname(this.path);
    const names = await this.fs.readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      if (isTempFileOf(this.path, name)) await this.fs.unlink(join(folder, name)).catch(() => undefined);
    }
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private emit(kind: DataStoreEventKind, isExternal = false): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(isExternal ? { kind, isExternal } : { kind });
      } catch (err) {
        // A listener's bug must not break saving.
        process.emitWarning(`DataStore listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  private assertOpen(): void {
    if (this.isClosed) throw new KithError('internal', `${this.path} is closed.`);
  }
}
