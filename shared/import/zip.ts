import { strFromU8, unzipSync, type UnzipFileInfo } from 'fflate';
import { KithError } from '../api/envelope.js';
import type { ExportFileKind } from '../api/contract/import.js';
import { kindByFileName } from './columns.js';
import { crc32 } from './crc32.js';

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

/** A complete export's messages.csv of a very active member stays well below these. */
/**
 * A real export's Connections.csv is ~6 MB at LinkedIn's 30,000-connection cap; messages.csv of a heavy
 * user can reach tens of MB. Parsing costs ~12× the text in memory, so these caps keep the backend far
 * from its heap limit (a 400 MB CSV in a 1 MB ZIP once exhausted it).
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntryBytes: 160 * 1024 * 1024, maxTotalBytes: 320 * 1024 * 1024 };

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
 * inflated, and fflate inflates into a buffer of exactly the declared size,
 * so a ZIP bomb cannot take more memory than the limits. fflate does not
 * check the CRC-32s the ZIP stores, so each extracted file is checked here
 * against its central directory entry: a flipped byte is refused, never
 * imported as mangled contacts.
 * @throws KithError `rejected` for damaged or encrypted archives and files over the limits.
 */
export function readZip(bytes: Uint8Array, zipName: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ExportFile[] {
  const chosen = new Map<ExportFileKind, UnzipFileInfo>();
  const unpack = (filter: (info: UnzipFileInfo) => boolean) => {
    try {
      return unzipSync(bytes, { filter });
    } catch (err) {
      if (err instanceof KithError) throw err;
      const why = err instanceof Error ? err.message : String(err);
      throw new KithError('rejected', `${zipName} is not a ZIP file Kith can read (${why}). Is it damaged, encrypted or cut short?`);
    }
  };
  // How often each export file's name occurs: fflate returns the last of a repeated name, the limits saw the first.
  const occurrences = new Map<string, number>();
  unpack((info) => {
    const kind = kindByFileName(info.name);
    if (!kind || /(^|\/)__MACOSX\//.test(info.name)) return false;
    occurrences.set(info.name, (occurrences.get(info.name) ?? 0) + 1);
    const seen = chosen.get(kind);
    const depth = (name: string) => name.split('/').length;
    if (!seen || depth(info.name) < depth(seen.name)) chosen.set(kind, info);
    return false;
  });
  for (const info of chosen.values()) {
    if ((occurrences.get(info.name) ?? 0) > 1) {
      throw new KithError(
        'rejected',
        `${zipName} holds ${info.name} more than once, so Kith cannot tell which is the export's. Download the export again.`,
      );
    }
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
  const names = new Set([...chosen.values()].map((i) => i.name));
  if (names.size === 0) return [];
  // fflate found the central directory, so a table that cannot be read here means damage, not another format.
  let expected: Map<string, number>;
  try {
    // By name: each chosen name occurs once (checked above).
    expected = new Map(readCentralDirectory(bytes).map((entry) => [entry.name, entry.crc]));
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new KithError('rejected', `${zipName} is damaged (its table of contents cannot be read: ${why}). Download the export again.`);
  }
  const files = unpack((info) => names.has(info.name));
  return Object.entries(files).map(([path, data]) => {
    if (crc32(data) !== expected.get(path)) {
      throw new KithError('rejected', `${path} in ${zipName} is damaged (its checksum does not match). Download the export again.`);
    }
    return { path, bytes: data };
  });
}

/** One entry of a ZIP's central directory: its name, decoded as fflate decodes it, and the CRC-32 of its contents. */
export interface CentralEntry {
  readonly name: string;
  readonly crc: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
/** The end record's fixed part; a comment of at most 65,535 bytes may follow it. */
const EOCD_SIZE = 22;

/**
 * The names and CRC-32s of a ZIP's entries, in central directory order. It
 * finds the central directory as fflate's `unzipSync` does, so the two agree
 * on which entries there are: the last end record (0x06054b50) within the
 * final 65,535 + 22 bytes, and the ZIP64 end record instead when its locator
 * (0x07064b50) sits just before (writers then set the 32-bit count and offset
 * to 0xFFFF / 0xFFFFFFFF). Everything read is bounds-checked.
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
    const crc = u32(offset + 16);
    const nameLength = u16(offset + 28);
    const extraLength = u16(offset + 30);
    const commentLength = u16(offset + 32);
    const nameAt = offset + 46;
    if (nameAt + nameLength > bytes.length) throw new Error('it points past the end of the file');
    // Bit 11: the name is UTF-8; otherwise fflate reads it byte for byte (Latin-1, not CP437), and so does Kith.
    const name = strFromU8(bytes.subarray(nameAt, nameAt + nameLength), !(flags & 0x800));
    entries.push({ name, crc });
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
  return { files: [{ path: name, bytes }], isLoneFile: true };
}
