import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { KithError } from '../../../shared/api/envelope.js';
import type { ImportSource } from '../../../shared/api/contract/import.js';
import { kindByFileName } from '../../../shared/import/columns.js';
import { checkFileBytes, checkSourceBytes, MAX_SOURCE_BYTES, MAX_UPLOAD_BYTES } from '../../../shared/import/limits.js';
import { DEFAULT_ZIP_LIMITS, exportFilesOf, type ExportFile, type ZipLimits } from '../../../shared/import/zip.js';

/** How deep an unpacked export folder is searched (LinkedIn nests at most one level). */
const MAX_FOLDER_DEPTH = 3;

export interface SourceFiles {
  /** Display name: the file or folder name. */
  readonly name: string;
  readonly files: ExportFile[];
  readonly isLoneFile: boolean;
}

/** The bytes of a Buffer as a plain Uint8Array, without copying them (`new Uint8Array(buffer)` copies). */
function viewOf(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'there is no file or folder there';
  if (code === 'EACCES' || code === 'EPERM') return 'Kith may not read it (permissions)';
  if (code === 'EISDIR') return 'it is a folder';
  return err instanceof Error ? err.message : String(err);
}

/**
 * Reads what the user chose: a ZIP, an unpacked export folder, or one CSV,
 * by path (Electron, CLI) or as uploaded bytes (browser fallback). Only the
 * files the import reads are loaded.
 * @throws KithError `not-found`, `io`, `rejected` (too large, damaged ZIP, nothing to import).
 */
export async function readSource(source: ImportSource, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<SourceFiles> {
  if (source.kind === 'upload') {
    const bytes = viewOf(Buffer.from(source.dataBase64, 'base64'));
    checkSourceBytes(source.name, bytes.length, MAX_UPLOAD_BYTES);
    return { name: source.name, ...exportFilesOf(source.name, bytes, limits) };
  }
  const path = source.path;
  const name = basename(path) || path;
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw new KithError((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not-found' : 'io', `Cannot read ${path}: ${describe(err)}.`);
  }
  if (info.isDirectory()) return { name, files: await readFolder(path), isLoneFile: false };
  if (!info.isFile()) throw new KithError('rejected', `${path} is neither a file nor a folder.`);
  checkSourceBytes(name, info.size, MAX_SOURCE_BYTES);
  let bytes: Uint8Array;
  try {
    bytes = viewOf(await readFile(path));
  } catch (err) {
    throw new KithError('io', `Cannot read ${path}: ${describe(err)}.`);
  }
  return { name, ...exportFilesOf(name, bytes, limits) };
}

/** The export files of an unpacked folder: the shallowest Connections.csv, Invitations.csv, messages.csv and Profile.csv. */
async function readFolder(root: string): Promise<ExportFile[]> {
  const found = new Map<string, { path: string; depth: number }>();
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      throw new KithError('io', `Cannot read the folder ${dir}: ${describe(err)}.`);
    }
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory() && depth < MAX_FOLDER_DEPTH && e.name !== '__MACOSX') await walk(full, depth + 1);
      else if (e.isFile()) {
        const kind = kindByFileName(e.name);
        const seen = kind ? found.get(kind) : undefined;
        if (kind && (!seen || depth < seen.depth)) found.set(kind, { path: full, depth });
      }
    }
  };
  await walk(root, 0);
  const files: ExportFile[] = [];
  let total = 0;
  for (const { path } of found.values()) {
    const size = (await stat(path)).size;
    total += size;
    checkFileBytes(relative(root, path), size);
    checkFileBytes(`${basename(root)} (its export files together)`, total, DEFAULT_ZIP_LIMITS.maxTotalBytes);
    try {
      files.push({ path: relative(root, path), bytes: viewOf(await readFile(path)) });
    } catch (err) {
      throw new KithError('io', `Cannot read ${path}: ${describe(err)}.`);
    }
  }
  return files;
}
