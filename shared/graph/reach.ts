import type { PersonId } from '../domain/model.js';
import { ORIGIN_CODE, type GraphIndex } from './graphIndex.js';

/** Whom I reach through ties of one origin only. */
export interface ReachSide {
  /** People reachable within 1, 2, 3… hops (cumulative counts; index 0 is 1 hop). */
  readonly within: readonly number[];
  /** The people first reached at each hop (index 0 is 1 hop), for the overlay. */
  readonly byHop: readonly (readonly PersonId[])[];
}

export interface HappenstanceReach {
  readonly maxHops: number;
  /** People in the network besides me. */
  readonly total: number;
  readonly living: ReachSide;
  readonly doing: ReachSide;
  /** Within `maxHops`: reached through Living ties but not Doing ones, the other way round, and both. */
  readonly livingOnly: number;
  readonly doingOnly: number;
  readonly both: number;
}

/**
 * Breadth-first search from me over Living ties alone and over Doing ties
 * alone, up to `maxHops` (1..3 in the product). O(n + m).
 */
export function happenstanceReach(index: GraphIndex, maxHops = 3): HappenstanceReach {
  const living = bfs(index, ORIGIN_CODE.living, maxHops);
  const doing = bfs(index, ORIGIN_CODE.doing, maxHops);
  let livingOnly = 0;
  let doingOnly = 0;
  let both = 0;
  for (let i = 0; i < index.n; i++) {
    const l = (living.depth[i] as number) > 0;
    const d = (doing.depth[i] as number) > 0;
    if (l && d) both += 1;
    else if (l) livingOnly += 1;
    else if (d) doingOnly += 1;
  }
  return { maxHops, total: Math.max(index.n - 1, 0), living: living.side, doing: doing.side, livingOnly, doingOnly, both };
}

function bfs(index: GraphIndex, origin: number, maxHops: number): { side: ReachSide; depth: Uint8Array } {
  const depth = new Uint8Array(index.n);
  const byHop: PersonId[][] = [];
  const within: number[] = [];
  if (index.me < 0) return { side: { within: Array(maxHops).fill(0), byHop: Array.from({ length: maxHops }, () => []) }, depth };
  let frontier = [index.me];
  depth[index.me] = 255;
  let total = 0;
  for (let hop = 1; hop <= maxHops; hop++) {
    const next: number[] = [];
    for (const u of frontier) {
      const end = index.adjStart[u + 1] as number;
      for (let s = index.adjStart[u] as number; s < end; s++) {
        const v = index.adjNode[s] as number;
        if (depth[v] !== 0 || index.origin[index.adjTie[s] as number] !== origin) continue;
        depth[v] = hop;
        next.push(v);
      }
    }
    total += next.length;
    within.push(total);
    byHop.push(next.map((i) => index.ids[i] as PersonId));
    frontier = next;
  }
  depth[index.me] = 0;
  return { side: { within, byHop }, depth };
}
