import { Inflate, strFromU8, unzipSync, type UnzipFileInfo } from 'fflate';
import { KithError } from '../api/envelope.js';
import type { ExportFileKind } from '../api/contract/import.js';
import { kindByFileName } from './columns.js';
import { crc32 } from './crc32.js';
import { checkFileBytes, MAX_EXPORT_BYTES, MAX_FILE_BYTES } from './limits.js';

/** One file of an export, by its path inside the ZIP or folder. */
export interface ExportFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface ZipLimits {
  /** Largest size of one extracted file, as the ZIP declares it. */
  readonly maxEntryBytes: number;
  /** Largest total of the extracted files. */
  readonly maxTotalBytes: number;
}

/**
 * A real export's Connections.csv is ~6 MB at LinkedIn's 30,000-connection cap; messages.csv of a heavy
 * user can reach tens of MB. Reading costs ~7× the text in memory: see limits.ts for how these were chosen.
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntryBytes: MAX_FILE_BYTES, maxTotalBytes: MAX_EXPORT_BYTES };

const MB = 1024 * 1024;
const mb = (bytes: number) => `${bytes >= 10 * MB ? Math.round(bytes / MB) : (bytes / MB).toFixed(1)} MB`;

/** True when the bytes start like a ZIP archive (a local file header or an empty archive's end record). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

/**
 * Extracts the export files Kith reads (Connections.csv, Invitations.csv,
 * messages.csv, Profile.csv; the shallowest of each) and nothing else. The
 * sizes declared in the central directory are checked before anything is
 * inflated, and each file is inflated into a buffer of exactly its declared
 * size, a slice of its compressed bytes at a time, so a ZIP bomb cannot take
 * much more memory than the limits, and one that lies about its sizes is
 * refused after little more inflating than it declares (see `extract`), not
 * after seconds of CPU. fflate does not check the CRC-32s the ZIP stores, so each
 * extracted file is checked here against its central directory entry: a
 * flipped byte is refused, never imported as mangled contacts.
 * @throws KithError `rejected` for damaged or encrypted archives and files over the limits.
 */
export function readZip(bytes: Uint8Array, zipName: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ExportFile[] {
  const chosen = new Map<ExportFileKind, UnzipFileInfo>();
  const unreadable = (why: string) =>
    new KithError('rejected', `${zipName} is not a ZIP file Kith can read (${why}). Is it damaged, encrypted or cut short?`);
  const twice = (name: string) =>
    new KithError(
      'rejected',
      `${zipName} holds ${name} more than once, so Kith cannot tell which is the export's. Download the export again.`,
    );
  const tocDamaged = (why: string) =>
    new KithError('rejected', `${zipName} is damaged (its table of contents cannot be read: ${why}). Download the export again.`);
  // How often each export file's name occurs: fflate returns the last of a repeated name, the limits saw the first.
  const occurrences = new Map<string, number>();
  try {
    // Listing only: the filter returns false, so fflate inflates nothing.
    unzipSync(bytes, {
      filter: (info) => {
        const kind = kindByFileName(info.name);
        if (!kind || /(^|\/)__MACOSX\//.test(info.name)) return false;
        occurrences.set(info.name, (occurrences.get(info.name) ?? 0) + 1);
        const seen = chosen.get(kind);
        const depth = (name: string) => name.split('/').length;
        if (!seen || depth(info.name) < depth(seen.name)) chosen.set(kind, info);
        return false;
      },
    });
  } catch (err) {
    throw unreadable(err instanceof Error ? err.message : String(err));
  }
  for (const info of chosen.values()) {
    if ((occurrences.get(info.name) ?? 0) > 1) throw twice(info.name);
  }
  let total = 0;
  for (const info of chosen.values()) {
    if (info.originalSize > limits.maxEntryBytes) {
      throw new KithError(
        'rejected',
        `${info.name} in ${zipName} unpacks to ${mb(info.originalSize)}; Kith reads at most ${mb(limits.maxEntryBytes)} per file.`,
      );
    }
    total += info.originalSize;
  }
  if (total > limits.maxTotalBytes) {
    throw new KithError('rejected', `${zipName} unpacks to ${mb(total)}; Kith reads at most ${mb(limits.maxTotalBytes)}.`);
  }
  const sizes = new Map([...chosen.values()].map((info) => [info.name, info.originalSize]));
  if (sizes.size === 0) return [];
  // fflate found the central directory, so a table that cannot be read here means damage, not another format.
  let directory: CentralEntry[];
  try {
    directory = readCentralDirectory(bytes);
  } catch (err) {
    throw tocDamaged(err instanceof Error ? err.message : String(err));
  }
  // The chosen entries by name, in directory order; each chosen name occurs once (checked above, and again here).
  const entries = new Map<string, CentralEntry>();
  for (const entry of directory) {
    if (!sizes.has(entry.name)) continue;
    if (entries.has(entry.name)) throw twice(entry.name);
    // The size the limits checked is the size the entry is inflated to.
    if (entry.size !== sizes.get(entry.name)) throw tocDamaged(`it gives two sizes for ${entry.name}`);
    entries.set(entry.name, entry);
  }
  for (const name of sizes.keys()) if (!entries.has(name)) throw tocDamaged(`${name} is missing from it`);
  return [...entries.values()].map((entry) => {
    let data: Uint8Array;
    try {
      data = extract(bytes, entry, zipName);
    } catch (err) {
      if (err instanceof KithError) throw err;
      throw unreadable(err instanceof Error ? err.message : String(err));
    }
    if (crc32(data) !== entry.crc) {
      throw new KithError('rejected', `${entry.name} in ${zipName} is damaged (its checksum does not match). Download the export again.`);
    }
    return { path: entry.name, bytes: data };
  });
}

const LOCAL_HEADER = 0x04034b50;
/**
 * Deflate's greatest ratio: a literal/length code and a distance code of one bit each stand for 258 bytes,
 * so one compressed byte inflates to at most 1,032.
 */
const DEFLATE_MAX_RATIO = 1032;
/**
 * The largest slice of compressed bytes handed to the inflater at once. fflate inflates a whole slice before
 * it reports, into buffers it grows by doubling, so this bounds what one push can cost: 16 MB of output at
 * deflate's greatest ratio. Over a 200 MB stream declaring 5 MB, peak memory rose by 125 MB with 64 KB
 * slices, by 33 MB with 16 KB ones. Larger slices are no faster: fflate's cost follows the output.
 */
const SLICE_BYTES = 16 * 1024;

const inBytes = (bytes: number) => `${bytes} byte${bytes === 1 ? '' : 's'}`;
/** A size in bytes, KB or MB, for messages about files that can be a few bytes long. */
const amount = (bytes: number) => (bytes < 1024 ? inBytes(bytes) : bytes < MB ? `${(bytes / 1024).toFixed(1)} KB` : mb(bytes));
/** Two sizes for one message: as `amount` words them unless they would read the same, then in bytes. */
const amounts = (a: number, b: number) => (amount(a) === amount(b) ? [inBytes(a), inBytes(b)] : [amount(a), amount(b)]);

/**
 * The contents of one entry, exactly its declared size: stored bytes are copied, deflated ones inflated by
 * fflate's streaming `Inflate` a slice at a time (fflate's `unzipSync` inflates to the end of the stream
 * whatever the size declared: 1 GB behind a 1 KB declaration took 2 s). Each slice is at most 16 KB and,
 * even at deflate's greatest ratio, cannot inflate to much more than the bytes still expected plus
 * max(1 MB, 8 × the declared size) (fflate may hold back a few bytes of one slice for the next, or a stored
 * block of up to 64 KB), so an entry that unpacks to more than it declares is refused after that much more
 * inflating at most: about 1 MB for a small file, 17 MB at worst. A 3 MB Connections.csv takes 30 slices.
 * @throws KithError `rejected` for encrypted entries, entries not where the directory says, sizes that
 *   disagree with the data, and unknown compression methods; fflate's Error for a stream it cannot inflate.
 */
function extract(bytes: Uint8Array, entry: CentralEntry, zipName: string): Uint8Array {
  const { name, size } = entry;
  const damaged = (why: string) => new KithError('rejected', `${name} in ${zipName} is damaged (${why}). Download the export again.`);
  const encrypted = () =>
    new KithError(
      'rejected',
      `${name} in ${zipName} is encrypted, and Kith cannot read encrypted files. Use the export as LinkedIn sends it.`,
    );
  const u16 = (at: number) => (bytes[at] as number) | ((bytes[at + 1] as number) << 8);
  // General purpose flag bit 0: encrypted (in the central header or the local one).
  if (entry.flags & 1) throw encrypted();
  const local = entry.localOffset;
  if (local + 30 > bytes.length || (u16(local) | (u16(local + 2) << 16)) !== LOCAL_HEADER) {
    throw damaged('it is not where the table of contents says');
  }
  if (u16(local + 6) & 1) throw encrypted();
  // The local extra field's length can differ from the central one's.
  const start = local + 30 + u16(local + 26) + u16(local + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw damaged('it runs past the end of the ZIP');
  const data = bytes.subarray(start, end);
  if (entry.method === 0) {
    if (data.length !== size) {
      const [holds, declares] = amounts(data.length, size);
      throw damaged(`it holds ${holds} but declares ${declares}`);
    }
    return data.slice();
  }
  if (entry.method !== 8) {
    throw new KithError(
      'rejected',
      `${zipName} is not a ZIP file Kith can read (${name} uses unknown compression type ${entry.method}). Is it damaged, encrypted or cut short?`,
    );
  }
  const out = new Uint8Array(size);
  let produced = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    if (produced + chunk.length <= size) out.set(chunk, produced);
    produced += chunk.length;
    finished = final;
  });
  const slack = Math.max(MB, 8 * size);
  for (let at = 0; ;) {
    const next = Math.min(data.length, at + Math.min(SLICE_BYTES, Math.floor((size - produced + slack) / DEFLATE_MAX_RATIO)));
    inflater.push(data.subarray(at, next), next === data.length);
    at = next;
    if (produced > size) throw damaged(`it unpacks to more than the ${amount(size)} it declares`);
    if (at === data.length) break;
  }
  if (!finished) throw damaged('it is cut short');
  if (produced < size) {
    const [unpacks, declares] = amounts(produced, size);
    throw damaged(`it unpacks to ${unpacks}, less than the ${declares} it declares`);
  }
  return out;
}

/**
 * One entry of a ZIP's central directory: its name, decoded as fflate decodes it, the CRC-32 of its
 * contents, and what extracting it needs. Sizes and the offset are those of the ZIP64 extra field where
 * the 32-bit fields read 0xFFFFFFFF.
 */
export interface CentralEntry {
  readonly name: string;
  readonly crc: number;
  /** General purpose bit flags: bit 0 encrypted, bit 11 UTF-8 name. */
  readonly flags: number;
  /** Compression method: 0 stored, 8 deflated. */
  readonly method: number;
  readonly compressedSize: number;
  /** The uncompressed size it declares. */
  readonly size: number;
  /** Where its local file header starts. */
  readonly localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
/** The header id of the ZIP64 extended information extra field. */
const ZIP64_EXTRA = 0x0001;
const MAX32 = 0xffffffff;
/** The end record's fixed part; a comment of at most 65,535 bytes may follow it. */
const EOCD_SIZE = 22;

/**
 * The entries of a ZIP's central directory, in order. It finds the central
 * directory as fflate's `unzipSync` does, so the two agree on which entries
 * there are: the last end record (0x06054b50) within the final 65,535 + 22
 * bytes, and the ZIP64 end record instead when its locator (0x07064b50) sits
 * just before (writers then set the 32-bit count and offset to 0xFFFF /
 * 0xFFFFFFFF). An entry's uncompressed size, compressed size and local header
 * offset that read 0xFFFFFFFF are read from its ZIP64 extra field (id 0x0001,
 * holding 8 bytes for each of them that reads 0xFFFFFFFF, in that order), as
 * fflate reads them; without one they stay 0xFFFFFFFF. Everything read is
 * bounds-checked.
 * @throws Error naming what is wrong when the directory cannot be read.
 */
export function readCentralDirectory(bytes: Uint8Array): CentralEntry[] {
  const u16 = (at: number) => {
    if (at < 0 || at + 2 > bytes.length) throw new Error('it points past the end of the file');
    return (bytes[at] as number) | ((bytes[at + 1] as number) << 8);
  };
  const u32 = (at: number) => u16(at) + u16(at + 2) * 0x10000;
  const u64 = (at: number) => {
    const high = u32(at + 4);
    if (high >= 0x200000) throw new Error('it points past the end of the file'); // beyond 2^53: no file is that big
    return u32(at) + high * 0x1_0000_0000;
  };

  let end = -1;
  for (let at = bytes.length - EOCD_SIZE; at >= 0 && at >= bytes.length - EOCD_SIZE - 0xffff; at--) {
    if (u32(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error('no end of central directory record');
  let count = u16(end + 10);
  let offset = u32(end + 16);
  // The ZIP64 locator is the 20 bytes before the end record; it holds the ZIP64 end record's offset at +8.
  if (end >= 20 && u32(end - 20) === ZIP64_LOCATOR) {
    const zip64 = u64(end - 12);
    if (u32(zip64) === ZIP64_EOCD) {
      count = u64(zip64 + 32);
      offset = u64(zip64 + 48);
    }
  }

  const entries: CentralEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (u32(offset) !== CENTRAL_HEADER) throw new Error(`entry ${i + 1} of ${count} is not where the directory says`);
    const flags = u16(offset + 8);
    const method = u16(offset + 10);
    const crc = u32(offset + 16);
    let compressedSize = u32(offset + 20);
    let size = u32(offset + 24);
    const nameLength = u16(offset + 28);
    const extraLength = u16(offset + 30);
    const commentLength = u16(offset + 32);
    let localOffset = u32(offset + 42);
    const nameAt = offset + 46;
    if (nameAt + nameLength > bytes.length) throw new Error('it points past the end of the file');
    // Bit 11: the name is UTF-8; otherwise fflate reads it byte for byte (Latin-1, not CP437), and so does Kith.
    const name = strFromU8(bytes.subarray(nameAt, nameAt + nameLength), !(flags & 0x800));
    const wide = [size, compressedSize, localOffset].filter((value) => value === MAX32).length;
    if (wide > 0) {
      const extraEnd = nameAt + nameLength + extraLength;
      if (extraEnd > bytes.length) throw new Error('it points past the end of the file');
      // Each extra field: a 2-byte id, a 2-byte length, then its data. The first ZIP64 one counts, as in fflate.
      for (let at = nameAt + nameLength; at + 4 <= extraEnd; at += 4 + u16(at + 2)) {
        if (u16(at) !== ZIP64_EXTRA) continue;
        if (at + 4 + 8 * wide > Math.min(extraEnd, at + 4 + u16(at + 2))) throw new Error(`the ZIP64 sizes of ${name} are cut short`);
        let field = at + 4;
        if (size === MAX32) {
          size = u64(field);
          field += 8;
        }
        if (compressedSize === MAX32) {
          compressedSize = u64(field);
          field += 8;
        }
        if (localOffset === MAX32) localOffset = u64(field);
        break;
      }
    }
    entries.push({ name, crc, flags, method, compressedSize, size, localOffset });
    offset = nameAt + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The export files in one picked or dropped file: a ZIP's chosen entries, or the file itself (a lone CSV, `isLoneFile`). */
export function exportFilesOf(
  name: string,
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): { files: ExportFile[]; isLoneFile: boolean } {
  if (looksLikeZip(bytes)) return { files: readZip(bytes, name, limits), isLoneFile: false };
  if (/\.zip$/i.test(name))
    throw new KithError('rejected', `${name} is not a ZIP file (it does not start like one). Is it damaged or cut short?`);
  checkFileBytes(name, bytes.length, limits.maxEntryBytes);
  return { files: [{ path: name, bytes }], isLoneFile: true };
}
