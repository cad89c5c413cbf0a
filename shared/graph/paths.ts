import type { Activity, Origin, Person, PersonId, Tie, TieId } from '../domain/model.js';
import { explainHop } from './explain.js';
import type { GraphIndex } from './graphIndex.js';
import { PathSearcher, type RawPath } from './kShortest.js';
import { firstName } from './labels.js';
import { resolveTarget, type ResolvedTarget, type TargetKind, type TargetRef } from './targets.js';

/** One tie walked in a path, from the side nearer to me. */
export interface Hop {
  readonly from: PersonId;
  readonly to: PersonId;
  readonly fromName: string;
  readonly toName: string;
  readonly tie: TieId;
  readonly origin: Origin;
  readonly activity?: Activity;
  readonly strength?: number;
  readonly since?: string;
  readonly lastInteraction?: string;
  /** This hop's share of the path cost (first-hop weight included). */
  readonly cost: number;
  readonly explanation: string;
}

/** `self` is the empty path to a target that is me. */
export type PathMode = 'living' | 'doing' | 'unknown' | 'mixed' | 'self';

export interface Path {
  readonly cost: number;
  /** Me first, the target person last. */
  readonly nodes: readonly PersonId[];
  readonly hops: readonly Hop[];
  readonly mode: PathMode;
  /** "Living all the way, 2 hops", "Mixed: 1 Living, 1 Doing". */
  readonly summary: string;
}

export interface PathsResult {
  readonly target: { readonly kind: TargetKind; readonly value: string; readonly label: string; readonly people: number };
  readonly paths: readonly Path[];
  /** Set when there is nothing to show and why ("No chain of ties leads…"). */
  readonly note?: string;
}

const searchers = new WeakMap<GraphIndex, PathSearcher>();

/** The index's searcher, made on first use (its scratch arrays are sized to the network). */
export function searcherFor(index: GraphIndex): PathSearcher {
  let s = searchers.get(index);
  if (!s) {
    s = new PathSearcher(index);
    searchers.set(index, s);
  }
  return s;
}

/** Rounds a cost for display and transport (3 decimals). */
export const roundCost = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The top `k` planned-happenstance paths from me to a target, cheapest first
 * (see `cost.ts` for the cost model). A target that includes me among others
 * leads to the others; a target that is only me gives one empty path.
 */
export function findPaths(index: GraphIndex, ref: TargetRef, k: number): PathsResult {
  const target = resolveTarget(index, ref);
  const head = { kind: target.kind, value: target.value, label: target.label, people: target.people.length };
  if (index.me < 0) return { target: head, paths: [], note: 'The network has no owner.' };
  const others = target.people.filter((p) => p !== index.me);
  if (others.length === 0) {
    return {
      target: head,
      paths: [
        { cost: 0, nodes: [index.ids[index.me] as PersonId], hops: [], mode: 'self', summary: 'That is you: no introduction needed.' },
      ],
    };
  }
  const raw = searcherFor(index).kShortest(index.me, others, k);
  const paths = raw.map((r) => describePath(index, r));
  if (paths.length > 0) return { target: head, paths };
  return { target: head, paths, note: noPathNote(target) };
}

function noPathNote(target: ResolvedTarget): string {
  const who = target.kind === 'person' ? target.label : `anyone at ${target.label}`;
  return `No chain of ties leads from you to ${who} yet.`;
}

/** Turns a path of indexes into hops with names and explanations. */
export function describePath(index: GraphIndex, raw: RawPath): Path {
  const names = shortNames(index, raw.nodes);
  const hops: Hop[] = raw.ties.map((t, i) => {
    const from = raw.nodes[i] as number;
    const to = raw.nodes[i + 1] as number;
    const tie = index.ties[t] as Tie;
    const hop: Hop = {
      from: index.ids[from] as PersonId,
      to: index.ids[to] as PersonId,
      fromName: (index.people[from] as Person).name,
      toName: (index.people[to] as Person).name,
      tie: tie.id,
      origin: tie.origin,
      cost: roundCost(index.cost[t] as number),
      explanation: explainHop(index, from, to, t, names),
      ...(tie.activity ? { activity: tie.activity } : {}),
      ...(tie.strength !== undefined ? { strength: tie.strength } : {}),
      ...(tie.since ? { since: tie.since } : {}),
      ...(tie.lastInteraction ? { lastInteraction: tie.lastInteraction } : {}),
    };
    return hop;
  });
  const { mode, summary } = summarise(hops);
  return { cost: roundCost(raw.cost), nodes: raw.nodes.map((i) => index.ids[i] as PersonId), hops, mode, summary };
}

function summarise(hops: readonly Hop[]): { mode: PathMode; summary: string } {
  if (hops.length === 0) return { mode: 'self', summary: 'That is you.' };
  const counts = { living: 0, doing: 0, unknown: 0 };
  for (const h of hops) counts[h.origin] += 1;
  const n = hops.length;
  const hopsWord = `${n} ${n === 1 ? 'hop' : 'hops'}`;
  if (counts.living === n) return { mode: 'living', summary: n === 1 ? 'Living, 1 hop' : `Living all the way, ${hopsWord}` };
  if (counts.doing === n) return { mode: 'doing', summary: n === 1 ? 'Doing, 1 hop' : `Doing all the way, ${hopsWord}` };
  if (counts.unknown === n) return { mode: 'unknown', summary: `Unclassified ties, ${hopsWord}` };
  const parts = (['living', 'doing', 'unknown'] as const)
    .filter((o) => counts[o] > 0)
    .map((o) => `${counts[o]} ${o === 'living' ? 'Living' : o === 'doing' ? 'Doing' : 'unclassified'}`);
  return { mode: 'mixed', summary: `Mixed: ${parts.join(', ')}` };
}

/** First names, or full names where two people in the path share a first name. */
function shortNames(index: GraphIndex, nodes: readonly number[]): (i: number) => string {
  const firsts = new Map<string, number>();
  for (const i of nodes) {
    const f = firstName((index.people[i] as Person).name);
    firsts.set(f, (firsts.get(f) ?? 0) + 1);
  }
  return (i) => {
    const p = index.people[i];
    if (!p) return '?';
    const f = firstName(p.name);
    return (firsts.get(f) ?? 0) > 1 || !nodes.includes(i) ? p.name : f;
  };
}
