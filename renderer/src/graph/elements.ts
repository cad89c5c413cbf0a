import type { KithFile, Origin, PersonId, TieId } from '../../../shared/domain/model';

/** What is selected in the UI; the graph highlights it through classes. */
export type Selection = { readonly kind: 'person'; readonly id: PersonId } | { readonly kind: 'tie'; readonly id: TieId } | null;

/** Classes a feature lays over the graph (a path, a reach overlay), by person and tie id; `rest` goes on every other element. */
export interface GraphHighlight {
  readonly nodes: ReadonlyMap<string, string>;
  readonly edges: ReadonlyMap<string, string>;
  readonly rest: string;
}

/** Flat, primitive data only: Cytoscape copies it and compares nothing deeper. */
export interface NodeData {
  readonly id: string;
  /** The person's id in the data file. */
  readonly ref: string;
  readonly label: string;
  readonly isMe: boolean;
  readonly degree: number;
  /** Diameter in model pixels. */
  readonly size: number;
}

export interface EdgeData {
  readonly id: string;
  /** The tie's id in the data file. */
  readonly ref: string;
  readonly source: string;
  readonly target: string;
  readonly origin: Origin;
  /** 0 when the tie has no strength. */
  readonly strength: number;
  readonly width: number;
}

export type GraphElement =
  | { readonly group: 'nodes'; readonly data: NodeData; readonly classes: string }
  | { readonly group: 'edges'; readonly data: EdgeData; readonly classes: string };

/** Person and tie ids live in separate namespaces in the file; in Cytoscape they share one. */
export const nodeId = (person: string): string => `p:${person}`;
export const edgeId = (tie: string): string => `t:${tie}`;

export const ME_SIZE = 46;

/** Above this many people plus ties, a selection highlights its neighbourhood without fading everything else. */
export const FADE_LIMIT = 2500;

/** Line width for a strength of 1..5 (2 when unknown). */
export function strengthWidth(strength: number | undefined): number {
  if (strength === undefined || strength < 1) return 2;
  return 1 + Math.min(5, Math.round(strength)) * 0.9;
}

/** Hubs read better a little larger; the growth flattens so that a 30k-spoke hub stays sane. */
export function nodeSize(degree: number): number {
  return Math.round(24 + Math.min(16, 4 * Math.log2(1 + degree)));
}

/**
 * Turns the network into Cytoscape elements: stable ids, flat data,
 * highlighting as classes. Pure: the same input gives equal output.
 *
 * Ties are undirected, but Cytoscape charges O(degree²) to an edge's source
 * node when edges are added, so the hub always takes the target end: me
 * first, then the end with more ties (ties broken by id, for stability).
 */
export function toElements(file: KithFile, selection: Selection = null, overlay: GraphHighlight | null = null): GraphElement[] {
  const degree = new Map<string, number>();
  for (const t of file.ties) {
    degree.set(t.a, (degree.get(t.a) ?? 0) + 1);
    degree.set(t.b, (degree.get(t.b) ?? 0) + 1);
  }
  const present = new Set(file.people.map((p) => p.id as string));
  const hl = highlight(file, selection);
  // Fading the rest restyles every element on each click: worth it on a small graph only.
  const rest = hl && file.people.length + file.ties.length <= FADE_LIMIT ? 'faded' : '';
  const out: GraphElement[] = [];
  for (const p of file.people) {
    const isMe = p.id === file.meId;
    const d = degree.get(p.id) ?? 0;
    const mark = hl?.nodes.get(p.id) ?? rest;
    out.push({
      group: 'nodes',
      data: { id: nodeId(p.id), ref: p.id, label: p.name, isMe, degree: d, size: isMe ? ME_SIZE : nodeSize(d) },
      classes: joinClasses(['person', isMe ? 'me' : '', mark, overlay ? (overlay.nodes.get(p.id) ?? overlay.rest) : '']),
    });
  }
  for (const t of file.ties) {
    if (!present.has(t.a) || !present.has(t.b)) continue;
    const [source, target] = orient(t.a, t.b, file.meId, degree);
    const mark = hl?.edges.get(t.id) ?? rest;
    out.push({
      group: 'edges',
      data: {
        id: edgeId(t.id),
        ref: t.id,
        source: nodeId(source),
        target: nodeId(target),
        origin: t.origin,
        strength: t.strength ?? 0,
        width: strengthWidth(t.strength),
      },
      classes: joinClasses(['tie', t.origin, mark, overlay ? (overlay.edges.get(t.id) ?? overlay.rest) : '']),
    });
  }
  return out;
}

/** [source, target] of a tie: the hub at the target end. */
export function orient(a: string, b: string, meId: string, degree: ReadonlyMap<string, number>): [string, string] {
  if (a === meId) return [b, a];
  if (b === meId) return [a, b];
  const da = degree.get(a) ?? 0;
  const db = degree.get(b) ?? 0;
  if (da !== db) return da > db ? [b, a] : [a, b];
  return a > b ? [b, a] : [a, b];
}

interface Highlight {
  readonly nodes: Map<string, string>;
  readonly edges: Map<string, string>;
}

function highlight(file: KithFile, selection: Selection): Highlight | null {
  if (!selection) return null;
  const nodes = new Map<string, string>();
  const edges = new Map<string, string>();
  if (selection.kind === 'person') {
    if (!file.people.some((p) => p.id === selection.id)) return null;
    nodes.set(selection.id, 'selected');
    for (const t of file.ties) {
      if (t.a !== selection.id && t.b !== selection.id) continue;
      edges.set(t.id, 'neighbourhood');
      const other = t.a === selection.id ? t.b : t.a;
      nodes.set(other, 'neighbour');
    }
    return { nodes, edges };
  }
  const tie = file.ties.find((t) => t.id === selection.id);
  if (!tie) return null;
  edges.set(tie.id, 'selected');
  nodes.set(tie.a, 'neighbour');
  nodes.set(tie.b, 'neighbour');
  return { nodes, edges };
}

function joinClasses(parts: readonly string[]): string {
  return parts.filter((p) => p !== '').join(' ');
}

export interface ElementDiff {
  readonly add: GraphElement[];
  readonly remove: string[];
  readonly data: Array<{ id: string; data: NodeData | EdgeData }>;
  readonly classes: Array<{ id: string; classes: string }>;
}

/**
 * What to change in Cytoscape to go from `previous` to `next`, by id.
 * An edge whose ends changed is removed and added again (Cytoscape keeps
 * source and target fixed).
 */
export function diffElements(previous: ReadonlyMap<string, GraphElement>, next: readonly GraphElement[]): ElementDiff {
  const add: GraphElement[] = [];
  const remove: string[] = [];
  const data: ElementDiff['data'] = [];
  const classes: ElementDiff['classes'] = [];
  const seen = new Set<string>();
  for (const el of next) {
    const id = el.data.id;
    seen.add(id);
    const old = previous.get(id);
    if (!old || old.group !== el.group) {
      if (old) remove.push(id);
      add.push(el);
      continue;
    }
    if (el.group === 'edges' && old.group === 'edges' && (el.data.source !== old.data.source || el.data.target !== old.data.target)) {
      remove.push(id);
      add.push(el);
      continue;
    }
    if (!shallowEqual(old.data, el.data)) data.push({ id, data: el.data });
    if (old.classes !== el.classes) classes.push({ id, classes: el.classes });
  }
  for (const id of previous.keys()) if (!seen.has(id)) remove.push(id);
  return { add, remove, data, classes };
}

function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}
