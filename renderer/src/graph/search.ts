import type Fuse from 'fuse.js';
import type { Person } from '../../../shared/domain/model';

/** fuse.js, once loaded: typo matching waits for the first search, it is no part of the first picture. */
let FuseClass: typeof Fuse | undefined;
let fuseLoad: Promise<void> | undefined;

/** Loads fuse.js (once); until it is in, searches find everything but typos. */
export function loadFuse(): Promise<void> {
  return (fuseLoad ??= import('fuse.js').then(
    (m) => {
      FuseClass = m.default;
    },
    (err: unknown) => {
      fuseLoad = undefined; // tried again on the next search
      throw err;
    },
  ));
}

/** Lower case, accents off: "Chloé" is found by "chloe". */
export function fold(text: string | undefined): string {
  return (text ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

interface Entry {
  readonly person: Person;
  readonly name: string;
  readonly words: readonly string[];
  readonly company: string;
  readonly position: string;
}

/** People ready to search: folded once per network, the fuzzy index built on first need (null before fuse.js is in). */
export interface SearchIndex {
  readonly entries: readonly Entry[];
  fuse(): Fuse<Entry> | null;
}

export function buildSearchIndex(people: readonly Person[]): SearchIndex {
  const entries = people.map((person) => {
    const name = fold(person.name);
    return {
      person,
      name,
      words: name.split(/[\s\-–.,']+/).filter(Boolean),
      company: fold(person.company),
      position: fold(person.position),
    };
  });
  let fuse: Fuse<Entry> | null = null;
  return {
    entries,
    fuse: () =>
      !FuseClass
        ? null
        : (fuse ??= new FuseClass(entries as Entry[], {
            keys: [
              { name: 'name', weight: 3 },
              { name: 'company', weight: 1 },
              { name: 'position', weight: 0.5 },
            ],
            threshold: 0.34,
            ignoreLocation: true,
          })),
  };
}

export type MatchKind = 'exact' | 'prefix' | 'word' | 'contains' | 'company' | 'fuzzy';
const RANK: Readonly<Record<MatchKind, number>> = { exact: 0, prefix: 1, word: 2, contains: 3, company: 4, fuzzy: 5 };

export interface SearchHit {
  readonly person: Person;
  readonly match: MatchKind;
}

/**
 * What someone typing a name expects first: the exact name, then names that
 * start with the text, then a word of the name that does (a surname), then
 * names containing it, then company or job; typos last, from fuse.js.
 * Within a kind, alphabetical. O(people) per query plus fuse.js when the
 * plain matches do not fill the list, if `typos` and fuse.js is loaded (`loadFuse`).
 */
export function searchPeople(index: SearchIndex, query: string, limit = 20, typos = true): SearchHit[] {
  const q = fold(query.trim());
  if (q === '') return [];
  const hits: Array<SearchHit & { key: string }> = [];
  for (const e of index.entries) {
    let match: MatchKind | null = null;
    if (e.name === q) match = 'exact';
    else if (e.name.startsWith(q)) match = 'prefix';
    else if (e.words.some((w) => w.startsWith(q))) match = 'word';
    else if (e.name.includes(q)) match = 'contains';
    else if (q.length >= 2 && (e.company.includes(q) || e.position.includes(q))) match = 'company';
    if (match) hits.push({ person: e.person, match, key: e.name });
  }
  // Folded names compare as plain strings: a one-letter query over 30,000 people sorts in a few ms.
  hits.sort((a, b) => RANK[a.match] - RANK[b.match] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const out: SearchHit[] = hits.slice(0, limit).map(({ person, match }) => ({ person, match }));
  const fuse = typos && out.length < limit && q.length >= 3 ? index.fuse() : null;
  if (fuse) {
    const seen = new Set(out.map((h) => h.person.id));
    for (const r of fuse.search(query.trim(), { limit })) {
      if (out.length >= limit) break;
      if (seen.has(r.item.person.id)) continue;
      seen.add(r.item.person.id);
      out.push({ person: r.item.person, match: 'fuzzy' });
    }
  }
  return out;
}
