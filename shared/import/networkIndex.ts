import type { KithFile, Person, PersonId, Tie } from '../domain/model.js';
import { emailKey, nameKey, urlKey } from './identity.js';

/**
 * The network's identity keys as the merge looks people up: built once per
 * network and reused while the network holds the same people and ties (a
 * second preview, the commit's re-plan, a preview after an undo). People and
 * ties are immutable data: a change replaces the object, so that an array
 * holding the same objects in the same order has the same keys.
 */
export interface NetworkIndex {
  readonly people: readonly Person[];
  readonly ties: readonly Tie[];
  readonly meId: PersonId;
  /** `urlKey` of a person's URL -> index of the first person (in file order) with it. */
  readonly byUrl: ReadonlyMap<string, number>;
  /** `emailKey` of a person's e-mail -> index of the first person with it. */
  readonly byEmail: ReadonlyMap<string, number>;
  /** By person index: their tie with me (the last one in file order when there are several), if any. */
  readonly tieWithMe: ReadonlyArray<Tie | undefined>;
  /** Index of the first person whose name key is `nameKey` and who connected on `connectedOn`. */
  readonly byNameDate: (nameKey: string, connectedOn: string | undefined) => number | undefined;
}

interface PeopleKeys {
  readonly byUrl: ReadonlyMap<string, number>;
  readonly byEmail: ReadonlyMap<string, number>;
  readonly byNameDate: NetworkIndex['byNameDate'];
}

/** Whether two arrays hold the very same objects in the same order. */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function peopleKeys(people: readonly Person[]): PeopleKeys {
  // Filled from the end, so that the first person with a key (in file order) is the one that stays.
  const byUrl = new Map<string, number>();
  const byEmail = new Map<string, number>();
  for (let i = people.length - 1; i >= 0; i--) {
    const p = people[i] as Person;
    if (p.url !== undefined) {
      const u = urlKey(p.url);
      if (u) byUrl.set(u, i);
    }
    if (p.email !== undefined) {
      const e = emailKey(p.email);
      if (e) byEmail.set(e, i);
    }
  }
  return { byUrl, byEmail, byNameDate: nameDateIndex(people) };
}

function tiesWithMe(people: readonly Person[], ties: readonly Tie[], meId: PersonId): Array<Tie | undefined> {
  // By id first, as a later tie for the same contact replaces an earlier one.
  const byContact = new Map<string, Tie>();
  for (const t of ties) {
    if (t.b === meId) byContact.set(t.a, t);
    else if (t.a === meId) byContact.set(t.b, t);
  }
  const out = new Array<Tie | undefined>(people.length);
  for (let i = 0; i < people.length; i++) out[i] = byContact.get((people[i] as Person).id);
  return out;
}

/**
 * Finds the first person (in file order) whose name + Connected On key is
 * `nameKey|connectedOn`: what a map from `nameDateKey` to the first person
 * would answer. People are listed by day on the first question (a re-import
 * whose rows all match by URL never asks), and their names are read into keys
 * only for the days asked about.
 */
function nameDateIndex(people: readonly Person[]): NetworkIndex['byNameDate'] {
  let index: { firstOfDay: Map<string, number>; nextSameDay: Int32Array; nameKeys: Array<string | undefined> } | undefined;
  const build = () => {
    const firstOfDay = new Map<string, number>();
    const nextSameDay = new Int32Array(people.length).fill(-1);
    for (let i = people.length - 1; i >= 0; i--) {
      const day = (people[i] as Person).connectedOn;
      if (!day) continue;
      const later = firstOfDay.get(day);
      if (later !== undefined) nextSameDay[i] = later;
      firstOfDay.set(day, i);
    }
    return { firstOfDay, nextSameDay, nameKeys: new Array<string | undefined>(people.length) };
  };
  return (key, connectedOn) => {
    if (!connectedOn) return undefined;
    index ??= build();
    const { firstOfDay, nextSameDay, nameKeys } = index;
    for (let i = firstOfDay.get(connectedOn) ?? -1; i >= 0; i = nextSameDay[i] as number) {
      const personKey = (nameKeys[i] ??= nameKey((people[i] as Person).name));
      if (personKey === key) return i;
    }
    return undefined;
  };
}

/**
 * The index of `doc`'s network, reusing the parts of `previous` whose people
 * or ties are the same objects in the same order (a pass of pointer
 * comparisons instead of 30,000 keys built and hashed again).
 */
export function indexNetwork(doc: KithFile, previous?: NetworkIndex): NetworkIndex {
  const people = doc.people;
  const samePeople = previous !== undefined && sameItems(previous.people, people);
  const keys: PeopleKeys = samePeople ? previous : peopleKeys(people);
  const tieWithMe =
    samePeople && previous.meId === doc.meId && sameItems(previous.ties, doc.ties)
      ? previous.tieWithMe
      : tiesWithMe(people, doc.ties, doc.meId);
  return { people, ties: doc.ties, meId: doc.meId, byUrl: keys.byUrl, byEmail: keys.byEmail, byNameDate: keys.byNameDate, tieWithMe };
}

/**
 * Keeps the index of the network last planned against, so that the next plan
 * against the same people and ties does not build it again. One per open data
 * file (the import runner keeps one per session).
 */
export class NetworkIndexCache {
  private last: NetworkIndex | undefined;

  indexOf(doc: KithFile): NetworkIndex {
    const last = this.last;
    if (last && last.people === doc.people && last.ties === doc.ties && last.meId === doc.meId) return last;
    this.last = indexNetwork(doc, last);
    return this.last;
  }
}
