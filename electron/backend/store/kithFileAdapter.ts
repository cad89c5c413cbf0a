import type { Adapter } from 'lowdb';
import { KithError } from '../../../shared/api/envelope.js';
import { parseKithFile, serializeKithFileChunks } from '../../../shared/data/fileFormat.js';
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
  ) {}

  async read(): Promise<KithFile | null> {
    let data: Buffer;
    try {
      const read = await readWithFingerprint(this.fs, this.path);
      data = read.data;
      this.fingerprint = read.fingerprint;
    } catch (err) {
      if (errorCode(err) !== 'ENOENT') throw err;
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

  async write(doc: KithFile | null): Promise<void> {
    if (!doc) return;
    const data = await this.serializer.serialize(doc);
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

const utf8Encoder = new TextEncoder();

/**
 * A full serialisation, without remembering anything (the store saves with
 * `IncrementalSerializer`). Serialises in pieces and lets the event loop run between them: the backend
 * thread keeps answering calls while a 30,000-person file is saved. The
 * document is immutable (edits replace it), so the pieces form one snapshot.
 * Each piece is encoded straight into one growing buffer (no buffer per piece,
 * no pass to measure it, no copy to join them).
 */
export async function serializeYielding(doc: KithFile): Promise<Buffer> {
  let data = Buffer.allocUnsafe(1 << 20);
  let length = 0;
  for (const piece of serializeKithFileChunks(doc)) {
    let done = 0;
    for (;;) {
      const { read, written } = utf8Encoder.encodeInto(done === 0 ? piece : piece.slice(done), data.subarray(length));
      length += written;
      done += read;
      if (done >= piece.length) break;
      // Too small: at most 3 bytes per UTF-16 unit are left to write.
      const bigger = Buffer.allocUnsafe(Math.max(data.length * 2, length + (piece.length - done) * 3));
      data.copy(bigger, 0, 0, length);
      data = bigger;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return data.subarray(0, length);
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
