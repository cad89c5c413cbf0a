import { KithError } from '../api/envelope.js';
import { describeBytes, MAX_DATA_FILE_BYTES } from '../data/fileFormat.js';

/*
 * How much one import may read, checked before anything is written. Chosen
 * from peak memory measured in a process of its own (`npm run stress`,
 * tests/stress/memory.ts): reading costs about 7 bytes of memory per byte of
 * CSV text, and an import of the largest accepted export into the largest
 * accepted data file stays under ~1.5 GB. The README's Limits section lists
 * them.
 */

const MB = 1024 * 1024;

/** Data rows of Connections.csv one import reads: LinkedIn caps connections at 30,000, so 100,000 leaves room for merged or hand-made files. */
export const MAX_IMPORT_ROWS = 100_000;
/** Largest export file Kith reads: one CSV, a ZIP entry, a file of an unpacked export folder. */
export const MAX_FILE_BYTES = 100 * MB;
/** Largest total of the export files one import reads (Connections, Invitations, messages, Profile). */
export const MAX_EXPORT_BYTES = 120 * MB;
/**
 * Largest ZIP or CSV picked by path. Only the four files above are inflated
 * from a ZIP; the rest of it is never read beyond its table of contents.
 */
export const MAX_SOURCE_BYTES = 512 * MB;
/**
 * Largest file sent through the browser fallback. It travels base64-encoded
 * in a JSON body, and the server holds it several times over while decoding:
 * a LinkedIn export ZIP of 150 MB of CSV is some 20 MB.
 */
export const MAX_UPLOAD_BYTES = 64 * MB;

/** Refuses one export file over `MAX_FILE_BYTES`, naming it and the limit. */
export function checkFileBytes(name: string, bytes: number, limit = MAX_FILE_BYTES): void {
  if (bytes > limit) {
    throw new KithError(
      'rejected',
      `${name} is ${describeBytes(bytes)}; Kith reads export files up to ${describeBytes(limit)} each, so that an import never runs out of memory. Nothing was imported.`,
    );
  }
}

/** Refuses a picked file or upload over `limit`, before it is read. */
export function checkSourceBytes(name: string, bytes: number, limit: number): void {
  if (bytes > limit) {
    throw new KithError(
      'rejected',
      `${name} is ${describeBytes(bytes)}; Kith imports files up to ${describeBytes(limit)}. Nothing was imported.`,
    );
  }
}

/** Refuses a Connections.csv with more than `MAX_IMPORT_ROWS` data rows, naming the count and the limit. */
export function checkImportRows(fileName: string, rows: number, limit = MAX_IMPORT_ROWS): void {
  if (rows > limit) {
    throw new KithError(
      'rejected',
      `${fileName} has ${rows.toLocaleString('en')} rows; Kith imports up to ${limit.toLocaleString('en')} connections at once (LinkedIn itself keeps at most 30,000). Nothing was imported: split the file and import it in parts.`,
    );
  }
}

/** Rows after `headerRow` that hold anything: the data rows, before they are validated. */
export function dataRowsAfter(rows: readonly (readonly string[])[], headerRow: number): number {
  let n = 0;
  for (let i = headerRow + 1; i < rows.length; i++) {
    const row = rows[i] as readonly string[];
    if (row.length > 1 || (row[0] ?? '').trim() !== '') n += 1;
  }
  return n;
}

/** UTF-8 bytes of `text`, without encoding it. */
export function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    // Two bytes below U+0800, three above; a surrogate pair is 4 bytes for its 2 units.
    n += c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 1 : 2;
  }
  return n;
}

/** The bytes a change of one entity adds to the compact data file (negative when it shrinks it), with its comma. */
function delta(before: unknown, after: unknown): number {
  const size = (x: unknown) => (x === undefined ? 0 : utf8Length(JSON.stringify(x)) + 1);
  return size(after) - size(before);
}

/**
 * Refuses an import whose result would make the data file larger than Kith
 * reads back (`MAX_DATA_FILE_BYTES`): the file as last saved, plus what the
 * import's changes add.
 */
export function checkImportFits(
  savedBytes: number,
  changes: ReadonlyArray<{ readonly before?: unknown; readonly after?: unknown }>,
  limit = MAX_DATA_FILE_BYTES,
): void {
  let projected = savedBytes;
  for (const c of changes) projected += delta(c.before, c.after);
  if (projected > limit) {
    throw new KithError(
      'rejected',
      `This import would make the data file about ${describeBytes(projected)}; Kith keeps data files under ${describeBytes(limit)} so that it can always read them back. Nothing was imported.`,
    );
  }
}
