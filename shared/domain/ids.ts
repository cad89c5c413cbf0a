import type { KithFile } from './model.js';

/** Fills `bytes` with random values. The default is Web Crypto's `crypto.getRandomValues` (Node 20+, browsers, workers). */
export type RandomFill = (bytes: Uint8Array<ArrayBuffer>) => void;

/** Makes a new id of the kind `prefix` names (`p` person, `t` tie, `c` community, `o` opportunity, `i` import). */
export type NewId = (prefix: string) => string;

/** Lower-case Crockford base-32: no i, l, o or u, so that an id read aloud or copied by hand stays the same id. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** Characters drawn per id: 20 × 5 bits = 100 bits, so a collision is not expected in the life of the universe's files. */
export const ID_RANDOM_CHARS = 20;
/** Draws in a row that may all be taken before the random source is called broken (a real one never gets past 2). */
const MAX_DRAWS = 64;
/** Random bytes fetched at once: an import of 30,000 rows needs 60,000 ids, and a call per id would cost more than the merge. */
const POOL_BYTES = ID_RANDOM_CHARS * 2048;

const webCrypto: RandomFill = (bytes) => {
  crypto.getRandomValues(bytes);
};

export interface IdGeneratorOptions {
  /** The random source; tests inject one that repeats itself. Default: `crypto.getRandomValues`. */
  readonly random?: RandomFill;
  /** Whether an id is already in use (in the document); a drawn id that is, is drawn again. */
  readonly isTaken?: (id: string) => boolean;
}

/**
 * Kith's one id generator: `<prefix>_` and 20 base-32 characters of
 * cryptographic randomness (100 bits). Each id is checked against `isTaken`
 * and against every id this generator made before, and drawn again on a
 * collision, so an id never silently replaces another entity.
 * @throws Error when `MAX_DRAWS` draws in a row collide: the random source is broken.
 */
export function createIdGenerator(options: IdGeneratorOptions = {}): NewId {
  const fill = options.random ?? webCrypto;
  const isTaken = options.isTaken ?? (() => false);
  const issued = new Set<string>();
  let pool = new Uint8Array(new ArrayBuffer(0));
  let at = 0;
  const draw = (): string => {
    if (at + ID_RANDOM_CHARS > pool.length) {
      pool = new Uint8Array(options.random ? ID_RANDOM_CHARS : POOL_BYTES);
      fill(pool);
      at = 0;
    }
    let s = '';
    // 256 is a multiple of 32: the low five bits of a uniform byte are uniform.
    for (let i = 0; i < ID_RANDOM_CHARS; i++) s += ALPHABET[(pool[at + i] as number) & 31];
    at += ID_RANDOM_CHARS;
    return s;
  };
  return (prefix) => {
    for (let attempt = 0; attempt < MAX_DRAWS; attempt++) {
      const id = `${prefix}_${draw()}`;
      if (issued.has(id) || isTaken(id)) continue;
      issued.add(id);
      return id;
    }
    throw new Error(`The random source gave ${MAX_DRAWS} ids in a row that are already in use; it is not random.`);
  };
}

/** The lists of the data file whose entities carry ids. */
const ID_LISTS = ['people', 'ties', 'communities', 'opportunities', 'imports'] as const;
type IdList = (typeof ID_LISTS)[number];

/** Which list holds the ids of each prefix. */
const LIST_OF_PREFIX: Readonly<Record<string, IdList>> = {
  p: 'people',
  t: 'ties',
  c: 'communities',
  o: 'opportunities',
  i: 'imports',
};

/**
 * `isTaken` for `createIdGenerator` against one document: the ids of the list
 * a prefix names (every list for another prefix), indexed on first use, so a
 * command that makes one person indexes the people only and an import of
 * 30,000 rows indexes each list once.
 */
export function idsTakenIn(doc: KithFile): (id: string) => boolean {
  const sets = new Map<IdList, Set<string>>();
  const setOf = (list: IdList): Set<string> => {
    let set = sets.get(list);
    if (!set) {
      set = new Set<string>();
      for (const entity of doc[list] ?? []) set.add(entity.id);
      sets.set(list, set);
    }
    return set;
  };
  return (id) => {
    const list = LIST_OF_PREFIX[id.slice(0, id.indexOf('_'))];
    if (list) return setOf(list).has(id);
    return ID_LISTS.some((name) => setOf(name).has(id));
  };
}

/** A random token for what is not an entity of the data file (a window, an import preview): 20 base-32 characters. */
export function randomToken(random: RandomFill = webCrypto): string {
  return createIdGenerator({ random })('x').slice(2);
}
