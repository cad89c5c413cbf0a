import { unzipSync, type UnzipFileInfo } from 'fflate';
import { KithError } from '../api/envelope.js';
import type { ExportFileKind } from '../api/contract/import.js';
import { kindByFileName } from './columns.js';

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
 * so a ZIP bomb cannot take more memory than the limits.
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
  unpack((info) => {
    const kind = kindByFileName(info.name);
    if (!kind || /(^|\/)__MACOSX\//.test(info.name)) return false;
    const seen = chosen.get(kind);
    const depth = (name: string) => name.split('/').length;
    if (!seen || depth(info.name) < depth(seen.name)) chosen.set(kind, info);
    return false;
  });
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
  const files = unpack((info) => names.has(info.name));
  return Object.entries(files).map(([path, data]) => ({ path, bytes: data }));
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
