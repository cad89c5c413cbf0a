/**
 * Identity keys of the import: a normalised profile URL, else name + date of
 * connection, else e-mail. Keys compare text as people read it: Unicode NFC,
 * case-folded, white space collapsed.
 */

const CANONICAL = /^https:\/\/www\.linkedin\.com\/in\/[a-z0-9_-]+\/?$/;
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
  if (CANONICAL.test(s)) return s.endsWith('/') ? s.slice(0, -1) : s;
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
  const n = ASCII.test(name) ? name : name.normalize('NFC');
  const lower = n.toLowerCase();
  return MESSY_SPACE.test(lower) ? lower.replace(/\s+/g, ' ').trim() : lower;
}

const ASCII = /^[\x20-\x7e]*$/;
const MESSY_SPACE = /\s\s|^\s|\s$|[^\S ]/;

export function emailKey(email: string | undefined): string | undefined {
  const e = email?.trim().toLowerCase();
  return e && e.includes('@') ? e : undefined;
}

/** Name + date of connection, the identity of a row in exports without URLs. */
export function nameDateKey(name: string, connectedOn: string | undefined, key = nameKey(name)): string | undefined {
  return connectedOn ? `${key}|${connectedOn}` : undefined;
}
