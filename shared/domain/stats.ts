import { ORIGINS, type KithFile, type Origin } from './model.js';

export interface NetworkStats {
  readonly people: number;
  readonly ties: number;
  readonly origins: Readonly<Record<Origin, number>>;
}

/** Counts of people and ties by origin (the CLI's `stats`). */
export function networkStats(doc: KithFile): NetworkStats {
  const origins = Object.fromEntries(ORIGINS.map((o) => [o, 0])) as Record<Origin, number>;
  for (const t of doc.ties) origins[t.origin] += 1;
  return { people: doc.people.length, ties: doc.ties.length, origins };
}
