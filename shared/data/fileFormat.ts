import { KithError, describeZodError } from '../api/envelope.js';
import { KithFileSchema, SCHEMA_VERSION, type KithFile, type PersonId } from '../domain/model.js';
import { migrateToCurrent } from './migrations.js';

/**
 * Largest data file Kith reads, in bytes, and so the largest it writes: a save
 * that would be larger is refused, and so is an import that would make it so.
 * Loading costs about 8 bytes of memory per byte of file (measured in
 * `npm run stress`), so this keeps a load, an edit and its save under ~1.1 GB,
 * and far from the longest string JavaScript can hold (~512 M characters).
 * The 30,000-person reference network with 100,000 ties is about 16 MB.
 */
export const MAX_DATA_FILE_BYTES = 128 * 1024 * 1024;

/** A size for people: `588 MB`, `1.5 MB`, `12 KB`. */
export function describeBytes(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= 10 * mb) return `${Math.round(bytes / mb)} MB`;
  if (bytes >= mb) return `${(bytes / mb).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The refusal of a data file over `limit` bytes, naming its size and the limit. */
export function tooLargeMessage(source: string, bytes: number, limit = MAX_DATA_FILE_BYTES): string {
  return `${source} is ${describeBytes(bytes)}; Kith reads data files up to ${describeBytes(limit)} (and never writes a larger one, so that it can always read its files back).`;
}

/**
 * Reads a data file's text: JSON, then version check and migrations, then the
 * schema, then referential integrity. Anything wrong throws
 * `KithError('file-corrupt')` with a message that names the problem and where;
 * it never returns a default in place of a broken file.
 */
export function parseKithFile(text: string, source: string): KithFile {
  const trimmed = text.replace(/^\uFEFF/, '');
  if (trimmed.trim() === '') {
    throw new KithError('file-corrupt', `${source} is empty (0 bytes of data). It may have been cut off by a crash or a full disk.`);
  }
  if (trimmed.includes('\u0000')) {
    throw new KithError('file-corrupt', `${source} holds NUL bytes, the mark of a write cut off by a power loss.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new KithError('file-corrupt', `${source} is not valid JSON (${why}). It may be truncated.`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new KithError(
      'file-corrupt',
      `${source} does not hold a Kith network (found ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}).`,
    );
  }
  const migrated = migrateToCurrent(raw as Record<string, unknown>, source);
  const parsed = KithFileSchema.safeParse(migrated);
  if (!parsed.success) {
    const details = describeZodError(parsed.error, 'file');
    throw new KithError('file-corrupt', `${source} is not a valid Kith network: ${details[0] ?? 'schema mismatch'}`, details);
  }
  checkIntegrity(parsed.data, source);
  // A migrated file has exactly the fields its migration gave it; a current one keeps what this build does not know.
  return migrated === raw ? (withUnknownFields(raw, parsed.data) as KithFile) : parsed.data;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `parsed` (the schema's output, which drops keys the schema does not name)
 * with the fields of `raw` it dropped put back, at every level, in the order
 * `raw` has them: a file written by a later Kith of the same schema version
 * keeps its extra fields through this build's saves. Objects and arrays
 * without unknown fields anywhere inside are returned as they are.
 */
function withUnknownFields(raw: unknown, parsed: unknown): unknown {
  if (Array.isArray(parsed)) {
    if (!Array.isArray(raw)) return parsed;
    let out: unknown[] | undefined;
    for (let i = 0; i < parsed.length; i++) {
      const merged = withUnknownFields(raw[i], parsed[i]);
      if (merged !== parsed[i]) (out ??= parsed.slice())[i] = merged;
    }
    return out ?? parsed;
  }
  if (!isObject(parsed) || !isObject(raw)) return parsed;
  const rawKeys = Object.keys(raw);
  let hasUnknown = false;
  let changed: JsonObject | undefined;
  for (const key of rawKeys) {
    if (!Object.hasOwn(parsed, key)) {
      hasUnknown = true;
      continue;
    }
    const merged = withUnknownFields(raw[key], parsed[key]);
    if (merged !== parsed[key]) (changed ??= {})[key] = merged;
  }
  if (!hasUnknown) return changed ? { ...parsed, ...changed } : parsed;
  const out: JsonObject = {};
  for (const key of rawKeys) {
    // A key JSON.parse made an own property of: assigning it would set the object's prototype instead.
    if (key === '__proto__') continue;
    out[key] = Object.hasOwn(parsed, key) ? (changed?.[key] ?? parsed[key]) : raw[key];
  }
  return out;
}

/** Compact JSON: every save rewrites the whole file, so no indentation. */
export function serializeKithFile(doc: KithFile): string {
  return JSON.stringify(doc);
}

/** A new network that holds only its owner. */
export function emptyKithFile(meName: string, newId: () => string): KithFile {
  const meId = newId() as PersonId;
  return { schemaVersion: SCHEMA_VERSION, meId, people: [{ id: meId, name: meName }], ties: [], communities: [], opportunities: [] };
}

function checkIntegrity(doc: KithFile, source: string): void {
  const fail = (where: string, what: string): never => {
    throw new KithError('file-corrupt', `${source} is inconsistent: ${where} ${what}`);
  };
  const people = new Set<string>();
  doc.people.forEach((p, i) => {
    if (people.has(p.id)) fail(`people[${i}]`, `repeats the id "${p.id}"`);
    people.add(p.id);
  });
  if (!people.has(doc.meId)) fail('meId', `"${doc.meId}" names nobody in people`);
  const communities = new Set(doc.communities.map((c) => c.id));
  doc.people.forEach((p, i) =>
    p.communities?.forEach((c) => {
      if (!communities.has(c)) fail(`people[${i}].communities`, `names an unknown community "${c}"`);
    }),
  );
  const ties = new Set<string>();
  const pairs = new Set<string>();
  doc.ties.forEach((t, i) => {
    if (ties.has(t.id)) fail(`ties[${i}]`, `repeats the id "${t.id}"`);
    ties.add(t.id);
    if (!people.has(t.a)) fail(`ties[${i}].a`, `names an unknown person "${t.a}"`);
    if (!people.has(t.b)) fail(`ties[${i}].b`, `names an unknown person "${t.b}"`);
    if (t.a === t.b) fail(`ties[${i}]`, 'ties a person to themself');
    if (t.introducedBy !== undefined && !people.has(t.introducedBy))
      fail(`ties[${i}].introducedBy`, `names an unknown person "${t.introducedBy}"`);
    const key = pairKey(t.a, t.b);
    if (pairs.has(key)) fail(`ties[${i}]`, `is a second tie between "${t.a}" and "${t.b}"`);
    pairs.add(key);
  });
  doc.opportunities.forEach((o, i) => {
    if (o.through !== undefined && !people.has(o.through)) fail(`opportunities[${i}].through`, `names an unknown person "${o.through}"`);
    if (o.community !== undefined && !communities.has(o.community))
      fail(`opportunities[${i}].community`, `names an unknown community "${o.community}"`);
  });
}

/** Unordered pair key: ties are undirected. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
