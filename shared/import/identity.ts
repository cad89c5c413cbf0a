/**
 * Identity keys of the import: a normalised profile URL, else name + date of
 * connection, else e-mail. Keys compare text as people read it: Unicode NFC,
 * case-folded, white space collapsed.
 */

const CANONICAL_PREFIX = 'https://www.linkedin.com/in/';
const LINKEDIN = /^(?:https?:\/\/)?((?:[a-z0-9-]+\.)*linkedin\.com)(?::\d+)?(\/[^?#]*)?(?:[?#].*)?$/i;

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The canonical form of a LinkedIn profile URL: `https://www.linkedin.com/in/<slug>`
 * with the slug percent-decoded, NFC, lower case (LinkedIn slugs ignore case),
 * without query, fragment or trailing slash, whatever the country subdomain.
 * Other LinkedIn paths keep their path in lower case; a URL that is not
 * LinkedIn's is kept as written (trimmed). Returns undefined for blank input.
 */
export function normaliseProfileUrl(raw: string): string | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  // Nearly every URL of an export is already canonical.
  const canonical = canonicalLength(s);
  if (canonical > 0) return canonical === s.length ? s : s.slice(0, canonical);
  const m = LINKEDIN.exec(s);
  if (!m) return s;
  const segments = (m[2] ?? '/')
    .split('/')
    .filter((x) => x !== '')
    .map((x) => safeDecode(x).normalize('NFC').toLowerCase());
  const inAt = segments.indexOf('in');
  if (inAt >= 0 && segments[inAt + 1]) return `https://www.linkedin.com/in/${segments[inAt + 1]}`;
  return `https://www.linkedin.com/${segments.join('/')}`.replace(/\/$/, '');
}

/**
 * The length of `s` without its trailing slash when `s` is already canonical
 * (`https://www.linkedin.com/in/` + one or more of `a-z 0-9 _ -`, then at most
 * one `/`), else 0. A loop, not a regular expression: it runs for every row.
 */
function canonicalLength(s: string): number {
  const n = s.length;
  const prefix = CANONICAL_PREFIX.length;
  if (n <= prefix || !s.startsWith(CANONICAL_PREFIX)) return 0;
  const end = s.charCodeAt(n - 1) === 0x2f ? n - 1 : n;
  if (end === prefix) return 0;
  for (let i = prefix; i < end; i++) {
    const c = s.charCodeAt(i);
    // a-z, 0-9, '-', '_'
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f)) return 0;
  }
  return end;
}

/** The key a URL is matched by; works on stored URLs that were typed by hand too. */
export function urlKey(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const n = normaliseProfileUrl(url);
  return n === undefined ? undefined : keyOfNormalisedUrl(n);
}

/** `urlKey` of a URL that `normaliseProfileUrl` returned. */
export function keyOfNormalisedUrl(n: string): string {
  if (n.startsWith('https://www.linkedin.com/')) return n.slice(12);
  return n
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/** A name as a key: NFC, case-folded, inner white space collapsed, no surrounding punctuation spaces. */
export function nameKey(name: string): string {
  const n = isPrintableAscii(name) ? name : name.normalize('NFC');
  const lower = n.toLowerCase();
  return hasMessySpace(lower) ? lower.replace(/\s+/g, ' ').trim() : lower;
}

/** True when every character is in U+0020–U+007E (such text is NFC already). */
export function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** Whether `c` is a character of the regular expression class `\s` (and so of what `String.prototype.trim` removes). */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Whether `s` has white space to tidy: at its start or end, two in a row, or
 * any but a plain space (the regular expression `/\s\s|^\s|\s$|[^\S ]/`,
 * as a loop because it runs for every cell of an import).
 */
export function hasMessySpace(s: string): boolean {
  const n = s.length;
  let previousWasSpace = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    // The common case first: printable ASCII other than the space.
    if (c > 0x20 && c < 0x7f) {
      previousWasSpace = false;
      continue;
    }
    if (c === 0x20) {
      if (previousWasSpace) return true;
      previousWasSpace = true;
      continue;
    }
    if (isSpaceCode(c)) return true;
    previousWasSpace = false;
  }
  return previousWasSpace && n > 0;
}

export function emailKey(email: string | undefined): string | undefined {
  const e = email?.trim().toLowerCase();
  return e && e.includes('@') ? e : undefined;
}

/** Name + date of connection, the identity of a row in exports without URLs. */
export function nameDateKey(name: string, connectedOn: string | undefined, key = nameKey(name)): string | undefined {
  return connectedOn ? `${key}|${connectedOn}` : undefined;
}
