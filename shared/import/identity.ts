/**
 * Identity keys of the import: a normalised profile URL, else name + date of
 * connection, else e-mail. Keys compare text as people read it: Unicode NFC,
 * case-folded, white space collapsed.
 */

const CANONICAL_PREFIX = 'https://www.linkedin.com/in/';
/** `https://www.linkedin.com/in/<slug>` with at most one trailing slash: a canonical slug, and any slug of one segment. */
const CANONICAL = /^https:\/\/www\.linkedin\.com\/in\/[a-z0-9_-]+\/?$/;
const ONE_SEGMENT = /^https:\/\/www\.linkedin\.com\/in\/[^/?#]+\/?$/;
const LINKEDIN_ORIGIN = 'https://www.linkedin.com/';
const LINKEDIN = /^(?:https?:\/\/)?((?:[a-z0-9-]+\.)*linkedin\.com)(?::\d+)?(\/[^?#]*)?(?:[?#].*)?$/i;

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A path segment as compared: percent-decoded (when it decodes), NFC, lower case. */
function normaliseSegment(x: string): string {
  // Without a `%`, decodeURIComponent returns its input.
  return (x.includes('%') ? safeDecode(x) : x).normalize('NFC').toLowerCase();
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
  // Nearly every URL of an export is written as `https://www.linkedin.com/in/<slug>`, most of them canonical already.
  const end = slugEnd(s);
  if (end > 0) return end === s.length ? s : s.slice(0, end);
  if (end < 0) return CANONICAL_PREFIX + normaliseSegment(s.slice(CANONICAL_PREFIX.length, -end));
  const m = LINKEDIN.exec(s);
  if (!m) return s;
  const segments = (m[2] ?? '/')
    .split('/')
    .filter((x) => x !== '')
    .map(normaliseSegment);
  const inAt = segments.indexOf('in');
  if (inAt >= 0 && segments[inAt + 1]) return `https://www.linkedin.com/in/${segments[inAt + 1]}`;
  return `https://www.linkedin.com/${segments.join('/')}`.replace(/\/$/, '');
}

/**
 * For a URL written `https://www.linkedin.com/in/<slug>` with at most one
 * trailing slash and a slug without `/`, `?` or `#`: where the slug ends,
 * positive when the slug is canonical already (only `a-z 0-9 _ -`), negative
 * when it needs decoding, NFC or lower case (what the general path would do
 * to its one segment). 0 for any other URL. (Anchored regular expressions:
 * faster than a loop over the characters of a two-byte string.)
 */
function slugEnd(s: string): number {
  const sign = CANONICAL.test(s) ? 1 : ONE_SEGMENT.test(s) ? -1 : 0;
  if (sign === 0) return 0;
  return sign * (s.charCodeAt(s.length - 1) === 0x2f ? s.length - 1 : s.length);
}

/** The key a URL is matched by; works on stored URLs that were typed by hand too. */
export function urlKey(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const s = url.trim();
  // The common case without building the URL first: the key of a canonical URL is a slice of it.
  const end = slugEnd(s);
  if (end > 0) return s.slice(12, end);
  const n = normaliseProfileUrl(s);
  return n === undefined ? undefined : keyOfNormalisedUrl(n);
}

/** A profile URL as `readProfileUrl` reads it. */
export interface ProfileUrl {
  url: string | undefined;
  key: string | undefined;
}

/**
 * `normaliseProfileUrl(raw)` and its `urlKey` at once, into `out` (which is
 * returned): for the rows of an import, without normalising twice.
 */
export function readProfileUrl(raw: string, out: ProfileUrl): ProfileUrl {
  const s = raw.trim();
  const end = slugEnd(s);
  if (end > 0) {
    out.url = end === s.length ? s : s.slice(0, end);
    out.key = s.slice(12, end);
  } else {
    const n = normaliseProfileUrl(s);
    out.url = n;
    out.key = n === undefined ? undefined : keyOfNormalisedUrl(n);
  }
  return out;
}

/** `urlKey` of a URL that `normaliseProfileUrl` returned. */
export function keyOfNormalisedUrl(n: string): string {
  if (n.startsWith(LINKEDIN_ORIGIN)) return n.slice(12);
  return n
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/**
 * A connection row's name as a key, computed on first use and kept on the row (rows matched by URL never
 * need it). Here rather than in rows.ts, so that the renderer's triage can use it without the CSV parser.
 */
export function rowNameKey(row: { readonly name: string; nameKey: string | undefined }): string {
  return (row.nameKey ??= nameKey(row.name));
}

/** A name as a key: NFC, case-folded, inner white space collapsed, no surrounding punctuation spaces. */
export function nameKey(name: string): string {
  if (ASCII.test(name)) {
    // Lower case keeps printable ASCII's spaces where they were.
    return hasMessySpace(name) ? name.toLowerCase().replace(/\s+/g, ' ').trim() : name.toLowerCase();
  }
  const lower = name.normalize('NFC').toLowerCase();
  return hasMessySpace(lower) ? lower.replace(/\s+/g, ' ').trim() : lower;
}

const ASCII = /^[\x20-\x7e]*$/;

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
