import type { Adapter } from 'lowdb';
import { KithError } from '../../../shared/api/envelope.js';
import { parseKithFile, serializeKithFile } from '../../../shared/data/fileFormat.js';
import type { KithFile } from '../../../shared/domain/model.js';
import { writeFileAtomic } from './atomicWrite.js';
import { fingerprintOf, readWithFingerprint, type Fingerprint } from './fingerprint.js';
import { errorCode, type FsLike } from './fsLike.js';

/**
 * lowdb adapter for the data file. Unlike lowdb's JSONFile it never hides a
 * broken file: `read()` validates through `parseKithFile` and throws
 * `KithError('file-corrupt')`, and returns `null` only when the file does not
 * exist. `write()` serialises once and saves atomically with fsync.
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
    const data = Buffer.from(serializeKithFile(doc), 'utf8');
    const stat = await writeFileAtomic(this.fs, this.path, data);
    this.fingerprint = fingerprintOf(stat, data);
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
