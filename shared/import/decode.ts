import { KithError } from '../api/envelope.js';
import type { TextEncoding } from '../api/contract/import.js';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
  /** Set when the bytes were not UTF-8 and were read as Windows-1252. */
  readonly warning?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true });
const latin1 = new TextDecoder('latin1');
/** Windows-1252 at 0x80–0x9F (some engines decode the label as ISO-8859-1 there); the five unassigned bytes stay C1 controls. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  return latin1.decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] as string);
}

/**
 * Decodes a CSV file strictly: a UTF-8 BOM or none means UTF-8, a UTF-16 BOM
 * (or the NUL pattern of BOM-less UTF-16) means UTF-16. Bytes that are not
 * valid UTF-8 are read as Windows-1252 with a warning that names the first bad
 * line, so that nothing is silently replaced by U+FFFD. A file that still
 * holds NUL characters is binary and refused.
 * @throws KithError `rejected` for invalid UTF-16 or binary data.
 */
export function decodeText(bytes: Uint8Array, fileName: string): DecodedText {
  let decoded: DecodedText;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    decoded = decodeUtf8OrLegacy(bytes.subarray(3), fileName, 'utf-8-bom');
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    decoded = { text: decodeUtf16(utf16le, bytes.subarray(2), fileName), encoding: 'utf-16le' };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    decoded = { text: decodeUtf16(utf16be, bytes.subarray(2), fileName), encoding: 'utf-16be' };
  } else {
    const guess = guessBomlessUtf16(bytes);
    decoded =
      guess === 'le'
        ? { text: decodeUtf16(utf16le, bytes, fileName), encoding: 'utf-16le' }
        : guess === 'be'
          ? { text: decodeUtf16(utf16be, bytes, fileName), encoding: 'utf-16be' }
          : decodeUtf8OrLegacy(bytes, fileName, 'utf-8');
  }
  if (decoded.text.includes('\u0000')) {
    throw new KithError('rejected', `${fileName} holds binary data (NUL bytes), not CSV text.`);
  }
  return decoded;
}

function decodeUtf8OrLegacy(bytes: Uint8Array, fileName: string, encoding: 'utf-8' | 'utf-8-bom'): DecodedText {
  try {
    return { text: utf8.decode(bytes), encoding };
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line += 1;
    return {
      text: decodeWindows1252(bytes),
      encoding: 'windows-1252',
      warning: `${fileName} is not valid UTF-8 (first at line ${line}); it was read as Windows-1252. Check names with accents or other scripts in the preview.`,
    };
  }
}

function decodeUtf16(decoder: { decode(bytes: Uint8Array): string }, bytes: Uint8Array, fileName: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new KithError('rejected', `${fileName} is marked as UTF-16 but is not valid UTF-16 text.`);
  }
}

/** CSV text is mostly ASCII, so UTF-16 without a BOM shows as a NUL in every other byte. */
function guessBomlessUtf16(bytes: Uint8Array): 'le' | 'be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros += 1;
    if (bytes[i + 1] === 0) oddZeros += 1;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.05) return 'le';
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.05) return 'be';
  return undefined;
}

/** Offset of the first byte that breaks UTF-8 (only called once decoding failed). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}
