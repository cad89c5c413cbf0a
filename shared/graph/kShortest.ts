import type { GraphIndex } from './graphIndex.js';
import { MinHeap } from './heap.js';

/** A path by index: `nodes[0]` is the source, the last node a target; `ties[i]` joins `nodes[i]` and `nodes[i+1]`. */
export interface RawPath {
  readonly nodes: readonly number[];
  readonly ties: readonly number[];
  readonly cost: number;
}

interface Candidate extends RawPath {
  /** Index of the spur node it deviated at (Lawler: later spurs start here). */
  readonly deviation: number;
  readonly key: string;
}

const keyOf = (nodes: readonly number[]) => nodes.join(',');

/**
 * k-shortest loopless paths from one source to the nearest of many targets,
 * on a `GraphIndex`. Targets are joined to a virtual sink by zero-cost edges,
 * so a path ends at the first target it reaches: paths never run through a
 * target to reach another one. Yen's algorithm (with Lawler's rule of spurring
 * only from the previous path's deviation node onward) over Dijkstra on a
 * binary heap; scratch arrays are reused across searches, stamped by a
 * generation number instead of being cleared.
 *
 * One instance per index; not re-entrant (single-threaded use).
 */
export class PathSearcher {
  private readonly dist: Float64Array;
  private readonly prevNode: Int32Array;
  private readonly prevTie: Int32Array;
  private readonly reached: Uint32Array;
  private readonly settled: Uint32Array;
  private readonly blocked: Uint32Array;
  private readonly target: Uint32Array;
  private readonly heap = new MinHeap(4096);
  private searchGen = 0;
  private blockGen = 0;
  private targetGen = 0;

  constructor(private readonly index: GraphIndex) {
    const n = index.n;
    this.dist = new Float64Array(n);
    this.prevNode = new Int32Array(n);
    this.prevTie = new Int32Array(n);
    this.reached = new Uint32Array(n);
    this.settled = new Uint32Array(n);
    this.blocked = new Uint32Array(n);
    this.target = new Uint32Array(n);
  }

  /**
   * Up to `k` distinct loopless paths from `source` to any of `targets`,
   * cheapest first (ties broken by node order, so results are stable).
   * `source` must not be among the targets.
   */
  kShortest(source: number, targets: readonly number[], k: number): RawPath[] {
    if (k < 1 || targets.length === 0) return [];
    this.targetGen += 1;
    for (const t of targets) this.target[t] = this.targetGen;
    this.target[source] = 0;

    const noTies = new Set<number>();
    const noSinks = new Set<number>();
    this.blockGen += 1;
    const first = this.dijkstra(source, noTies, noSinks);
    if (!first) return [];
    const accepted: Candidate[] = [{ ...first, deviation: 0, key: keyOf(first.nodes) }];
    const candidates: Candidate[] = [];
    const seen = new Set<string>([accepted[0]?.key as string]);

    while (accepted.length < k) {
      const last = accepted[accepted.length - 1] as Candidate;
      let rootCost = 0;
      for (let i = 0; i < last.deviation; i++) rootCost += this.index.cost[last.ties[i] as number] as number;
      for (let i = last.deviation; i < last.nodes.length - 1; i++) {
        const spur = last.nodes[i] as number;
        const blockedTies = new Set<number>();
        const blockedSinks = new Set<number>();
        for (const p of accepted) {
          if (!samePrefix(p.nodes, last.nodes, i)) continue;
          if (p.nodes.length > i + 1) blockedTies.add(p.ties[i] as number);
          else blockedSinks.add(spur);
        }
        this.blockGen += 1;
        for (let j = 0; j < i; j++) this.blocked[last.nodes[j] as number] = this.blockGen;
        const tail = this.dijkstra(spur, blockedTies, blockedSinks);
        if (tail) {
          const nodes = [...last.nodes.slice(0, i), ...tail.nodes];
          const key = keyOf(nodes);
          if (!seen.has(key)) {
            seen.add(key);
            candidates.push({ nodes, ties: [...last.ties.slice(0, i), ...tail.ties], cost: rootCost + tail.cost, deviation: i, key });
          }
        }
        rootCost += this.index.cost[last.ties[i] as number] as number;
      }
      if (candidates.length === 0) break;
      let best = 0;
      for (let c = 1; c < candidates.length; c++) {
        const x = candidates[c] as Candidate;
        const y = candidates[best] as Candidate;
        if (x.cost < y.cost - 1e-12 || (Math.abs(x.cost - y.cost) <= 1e-12 && x.key < y.key)) best = c;
      }
      accepted.push(candidates.splice(best, 1)[0] as Candidate);
    }
    return accepted.map(({ nodes, ties, cost }) => ({ nodes, ties, cost }));
  }

  /** Cheapest path from `source` to an unblocked target; `null` when none is reachable. */
  private dijkstra(source: number, blockedTies: ReadonlySet<number>, blockedSinks: ReadonlySet<number>): RawPath | null {
    const { adjStart, adjNode, adjTie, cost } = this.index;
    const { dist, prevNode, prevTie, reached, settled, blocked, target, heap } = this;
    const gen = ++this.searchGen;
    const blockGen = this.blockGen;
    const targetGen = this.targetGen;
    const checkTies = blockedTies.size > 0;
    heap.clear();
    dist[source] = 0;
    reached[source] = gen;
    prevNode[source] = -1;
    heap.push(0, source);
    while (heap.size > 0) {
      const d = heap.peekKey();
      const u = heap.pop();
      if (settled[u] === gen || d > (dist[u] as number)) continue;
      settled[u] = gen;
      if (target[u] === targetGen) {
        if (!blockedSinks.has(u)) return this.trace(source, u, d);
        if (u !== source) continue;
      }
      const end = adjStart[u + 1] as number;
      for (let s = adjStart[u] as number; s < end; s++) {
        const v = adjNode[s] as number;
        if (settled[v] === gen || blocked[v] === blockGen) continue;
        const t = adjTie[s] as number;
        if (checkTies && blockedTies.has(t)) continue;
        const nd = d + (cost[t] as number);
        if (reached[v] !== gen || nd < (dist[v] as number)) {
          reached[v] = gen;
          dist[v] = nd;
          prevNode[v] = u;
          prevTie[v] = t;
          heap.push(nd, v);
        }
      }
    }
    return null;
  }

  private trace(source: number, end: number, cost: number): RawPath {
    const nodes: number[] = [];
    const ties: number[] = [];
    for (let u = end; u !== source; u = this.prevNode[u] as number) {
      nodes.push(u);
      ties.push(this.prevTie[u] as number);
    }
    nodes.push(source);
    return { nodes: nodes.reverse(), ties: ties.reverse(), cost };
  }
}

function samePrefix(a: readonly number[], b: readonly number[], through: number): boolean {
  if (a.length <= through || b.length <= through) return false;
  for (let j = 0; j <= through; j++) if (a[j] !== b[j]) return false;
  return true;
}
