import type { Adapter } from 'lowdb';
import { KithError } from '../../../shared/api/envelope.js';
import { parseKithFile, serializeKithFileChunks } from '../../../shared/data/fileFormat.js';
import type { KithFile } from '../../../shared/domain/model.js';
import { writeFileAtomic } from './atomicWrite.js';
import { fingerprintOf, readWithFingerprint, type Fingerprint } from './fingerprint.js';
import { errorCode, type FsLike } from './fsLike.js';

/**
 * lowdb adapter for the data file. Unlike lowdb's JSONFile it never hides a
 * broken file: `read()` validates through `parseKithFile` and throws
 * `KithError('file-corrupt')`, and returns `null` only when the file does not
 * exist. `write()` serialises once, in pieces that yield to the event loop, and saves atomically with fsync.
 * `fingerprint` always describes the bytes last read or written, including a
 * corrupt file's, so that the store can tell when another program changes it.
 */
export class KithFileAdapter implements Adapter<KithFile | null> {
  fingerprint: Fingerprint | undefined;

  constructor(
    private readonly fs: FsLike,
    readonly path: string,
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
    return parseKithFile(decodeUtf8(data, this.path), this.path);
  }

  async write(doc: KithFile | null): Promise<void> {
    if (!doc) return;
    const data = await serializeYielding(doc);
    const stat = await writeFileAtomic(this.fs, this.path, data);
    this.fingerprint = fingerprintOf(stat, data);
  }
}

/**
 * Serialises in pieces and lets the event loop run between them: the backend
 * thread keeps answering calls while a 30,000-person file is saved. The
 * document is immutable (edits replace it), so the pieces form one snapshot.
 */
async function serializeYielding(doc: KithFile): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const piece of serializeKithFileChunks(doc)) {
    parts.push(Buffer.from(piece, 'utf8'));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return Buffer.concat(parts);
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
