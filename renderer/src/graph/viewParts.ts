import type { Person, Tie } from '../../../shared/domain/model';
import type { Origin } from '../../../shared/domain/vocabulary';

/** Person and tie ids live in separate namespaces in the file; in Cytoscape they share one with groups and aggregates. */
export const personNode = (person: string): string => `p:${person}`;
export const tieEdge = (tie: string): string => `t:${tie}`;
export const groupNode = (key: string): string => `g:${key}`;

export const ME_SIZE = 46;

/** Hubs read better a little larger; the growth flattens so that a 30k-spoke hub stays sane. */
export function nodeSize(degree: number): number {
  return Math.round(24 + Math.min(16, 4 * Math.log2(1 + degree)));
}

/** A group's diameter grows with the square root of its members (area ∝ people), within bounds. */
export function groupSize(members: number): number {
  return Math.round(Math.min(170, 34 + 8 * Math.sqrt(members)));
}

/** Line width for a strength of 1..5 (2 when unknown). */
export function strengthWidth(strength: number | undefined): number {
  if (strength === undefined || strength < 1) return 2;
  return 1 + Math.min(5, Math.round(strength)) * 0.9;
}

/** An aggregated edge's width grows with the log of the ties it stands for. */
export function aggregateWidth(count: number): number {
  return Math.round((1.5 + 1.7 * Math.log2(count)) * 10) / 10;
}

/** One formatter for every count: `toLocaleString` builds a new one per call, ~0.3 ms each. */
export const formatCount = (n: number): string => COUNT_FORMAT.format(n);
const COUNT_FORMAT = new Intl.NumberFormat('en');

export type ViewNodeKind = 'me' | 'person' | 'group';

/** One drawn node: flat, primitive data (Cytoscape copies it and compares nothing deeper). */
export interface ViewNode {
  readonly id: string;
  readonly kind: ViewNodeKind;
  /** Person id, or group key. */
  readonly ref: string;
  readonly label: string;
  /** Group node id when this person is drawn inside an expanded group. */
  readonly parent?: string;
  /** Members of a group; drawn ties of a person. */
  readonly count: number;
  /** Diameter in model pixels. */
  readonly size: number;
  readonly expanded?: boolean;
  /** Share (0..100) of a group's ties to me by origin: the pie on a group node. */
  readonly living?: number;
  readonly doing?: number;
  readonly unknown?: number;
  /** Warmth of the tie to me (a person) or the mean over members (a group). */
  readonly warmth: number;
  readonly isTiedToMe: boolean;
}

export interface ViewEdge {
  readonly id: string;
  readonly kind: 'tie' | 'agg';
  /** Tie id for a tie; '' for an aggregate. */
  readonly ref: string;
  /** The hub end (me, the busier end): Cytoscape charges O(degree²) to an edge's source. */
  readonly source: string;
  readonly target: string;
  /** The tie's origin, or the most common origin among the aggregated ties. */
  readonly origin: Origin;
  readonly strength: number;
  /** Ties it stands for (1 for a tie). */
  readonly count: number;
  readonly living: number;
  readonly doing: number;
  readonly unknown: number;
  readonly width: number;
}

export function personViewNode(
  p: Person,
  kind: 'me' | 'person',
  degree: number,
  warmth: number,
  isTiedToMe: boolean,
  parent: string | undefined,
): ViewNode {
  return {
    id: personNode(p.id),
    kind,
    ref: p.id,
    label: p.name,
    count: degree,
    size: kind === 'me' ? ME_SIZE : nodeSize(degree),
    warmth,
    isTiedToMe,
    ...(parent ? { parent } : {}),
  };
}

export function tieViewEdge(t: Tie): ViewEdge {
  return {
    id: tieEdge(t.id),
    kind: 'tie',
    ref: t.id,
    source: personNode(t.a),
    target: personNode(t.b),
    origin: t.origin,
    strength: t.strength ?? 0,
    count: 1,
    living: t.origin === 'living' ? 1 : 0,
    doing: t.origin === 'doing' ? 1 : 0,
    unknown: t.origin === 'unknown' ? 1 : 0,
    width: strengthWidth(t.strength),
  };
}

/** The hub takes the target end: me first, then the end with more drawn edges, then the larger id (stable). */
export function orientEdge(e: ViewEdge, meNode: string, degree: ReadonlyMap<string, number>): ViewEdge {
  const { source: a, target: b } = e;
  let flip: boolean;
  if (a === meNode) flip = true;
  else if (b === meNode) flip = false;
  else {
    const da = degree.get(a) ?? 0;
    const db = degree.get(b) ?? 0;
    flip = da !== db ? da > db : a > b;
  }
  return flip ? { ...e, source: b, target: a } : e;
}
