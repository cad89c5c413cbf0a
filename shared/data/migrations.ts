import { KithError } from '../api/envelope.js';
import { SCHEMA_VERSION } from '../domain/model.js';

type Json = Record<string, unknown>;

/**
 * Version 0 is the preview format: `{ version: 0, owner, contacts, links }`
 * with the owner written as the pseudo-id "owner", tags as one comma-separated
 * string and the origin called `mode` (null for unknown).
 */
function migrate0to1(v0: Json, source: string): Json {
  const contacts = asArray(v0['contacts'], `${source}: contacts`);
  const links = asArray(v0['links'], `${source}: links`);
  const ownerName = typeof v0['owner'] === 'string' && v0['owner'].trim() ? v0['owner'] : 'Me';
  const meId = 'me';
  const idOf = (raw: unknown) => (raw === 'owner' ? meId : String(raw));
  const people: Json[] = [{ id: meId, name: ownerName }];
  contacts.forEach((c, i) => {
    const contact = asObject(c, `${source}: contacts[${i}]`);
    const tags = typeof contact['tags'] === 'string' ? splitTags(contact['tags']) : undefined;
    people.push(
      compact({
        id: String(contact['id']),
        name: contact['name'],
        company: contact['company'],
        position: contact['title'],
        tags: tags && tags.length ? tags : undefined,
        notes: contact['notes'],
      }),
    );
  });
  const ties = links.map((l, i) => {
    const link = asObject(l, `${source}: links[${i}]`);
    return compact({
      id: `t${i + 1}`,
      a: idOf(link['from']),
      b: idOf(link['to']),
      origin: link['mode'] === 'living' || link['mode'] === 'doing' ? link['mode'] : 'unknown',
      activity: link['how'],
      strength: link['strength'],
      since: link['since'],
    });
  });
  return { schemaVersion: 1, meId, people, ties, communities: [], opportunities: [] };
}

const MIGRATIONS: ReadonlyArray<(doc: Json, source: string) => Json> = [migrate0to1];

/**
 * Brings a parsed data file to the current `schemaVersion`, one step at a
 * time. A file from a newer Kith is refused, never downgraded.
 */
export function migrateToCurrent(doc: Json, source: string): Json {
  let version = versionOf(doc, source);
  if (version > SCHEMA_VERSION) {
    throw new KithError(
      'file-corrupt',
      `${source} was written by a newer Kith (schemaVersion ${version}; this build reads up to ${SCHEMA_VERSION}). Update Kith to open it; the file was not changed.`,
    );
  }
  let current = doc;
  while (version < SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) throw new KithError('file-corrupt', `${source}: no migration from schemaVersion ${version}`);
    current = step(current, source);
    version += 1;
  }
  return current;
}

function versionOf(doc: Json, source: string): number {
  const v = doc['schemaVersion'] ?? doc['version'];
  if (v === undefined && 'contacts' in doc) return 0;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new KithError(
      'file-corrupt',
      `${source} has no valid schemaVersion (found ${JSON.stringify(v) ?? 'nothing'}); it is not a Kith data file.`,
    );
  }
  return v;
}

function asArray(value: unknown, where: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new KithError('file-corrupt', `${where} should be a list`);
  return value;
}

function asObject(value: unknown, where: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new KithError('file-corrupt', `${where} should be an object`);
  return value as Json;
}

function splitTags(s: string): string[] {
  return s
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

function compact(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}
