import type { Adapter } from 'lowdb';
import { KithError } from '../../../shared/api/envelope.js';
import { describeBytes, MAX_DATA_FILE_BYTES, parseKithFile, tooLargeMessage } from '../../../shared/data/fileFormat.js';
import { deepFreeze } from '../../../shared/domain/changes.js';
import type { KithFile } from '../../../shared/domain/model.js';
import { writeFileAtomic } from './atomicWrite.js';
import { readWithFingerprint, sha256Async, type Fingerprint } from './fingerprint.js';
import { errorCode, type FsLike, type StatLike } from './fsLike.js';
import { IncrementalSerializer } from './incrementalSerializer.js';

/**
 * lowdb adapter for the data file. Unlike lowdb's JSONFile it never hides a
 * broken file: `read()` validates through `parseKithFile` and throws
 * `KithError('file-corrupt')`, and returns `null` only when the file does not
 * exist. `write()` serialises incrementally (only what changed since the
 * last document serialised is encoded; see `IncrementalSerializer`) and saves
 * atomically with fsync.
 * `fingerprint` always describes the bytes last read or written, including a
 * corrupt file's, so that the store can tell when another program changes it.
 *
 * A document read is deep-frozen, and serialised in the background after
 * `warmDelayMs`, so that the first save after opening the file is
 * incremental too.
 */
export class KithFileAdapter implements Adapter<KithFile | null> {
  fingerprint: Fingerprint | undefined;
  readonly serializer = new IncrementalSerializer();

  constructor(
    private readonly fs: FsLike,
    readonly path: string,
    private readonly warmDelayMs = 0,
    /** Largest file read or written: what Kith cannot read back, it does not write. */
    readonly maxBytes = MAX_DATA_FILE_BYTES,
  ) {}

  /**
   * @throws KithError `file-corrupt` for a file that does not validate, or that is larger than `maxBytes`
   *   (refused from its size, before a byte of it is read).
   */
  async read(): Promise<KithFile | null> {
    let data: Buffer;
    try {
      const info = await this.fs.stat(this.path);
      if (info.size > this.maxBytes) {
        // Its content is unknown (never read): any later change of size or time tells that another program rewrote it.
        this.fingerprint = { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, sha256: '' };
        this.serializer.forget();
        throw new KithError('file-corrupt', tooLargeMessage(this.path, info.size, this.maxBytes));
      }
      const read = await readWithFingerprint(this.fs, this.path, this.maxBytes);
      data = read.data;
      this.fingerprint = read.fingerprint;
    } catch (err) {
      if (err instanceof KithError || errorCode(err) !== 'ENOENT') throw err;
      this.fingerprint = undefined;
      return null;
    }
    let doc: KithFile;
    try {
      doc = parseKithFile(decodeUtf8(data, this.path), this.path);
    } catch (err) {
      this.serializer.forget();
      throw err;
    }
    // The values, not the document object: edits make a new document around the same values.
    for (const value of Object.values(doc)) deepFreeze(value);
    this.serializer.warm(doc, this.warmDelayMs);
    return doc;
  }

  /** @throws Error naming the sizes when the document would make a file larger than `maxBytes`; nothing is written then. */
  async write(doc: KithFile | null): Promise<void> {
    if (!doc) return;
    const data = await this.serializer.serialize(doc);
    if (data.length > this.maxBytes) {
      this.serializer.release(data);
      throw new Error(
        `the network would take ${describeBytes(data.length)} on disk, more than the ${describeBytes(this.maxBytes)} Kith reads back, so it was not written (undo the change that made it grow, or remove people, to save again)`,
      );
    }
    // Hashed off the thread while the bytes are written and fsynced; the fingerprint is set once both are done.
    const digest = sha256Async(data);
    try {
      const stat: StatLike = await writeFileAtomic(this.fs, this.path, data);
      this.fingerprint = { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, sha256: await digest };
    } finally {
      // Nothing reads the bytes after this: the serialiser may write its next output into them.
      await digest.catch(() => undefined);
      this.serializer.release(data);
    }
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes that are not UTF-8 would be silently replaced by U+FFFD and then saved back: refuse them instead. */
export function decodeUtf8(data: Uint8Array, source: string): string {
  try {
    return strictUtf8.decode(data);
  } catch {
    throw new KithError('file-corrupt', `${source} is not UTF-8 text; it may be damaged or not a Kith file.`);
  }
}
