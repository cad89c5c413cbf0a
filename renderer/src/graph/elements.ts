import type { Origin } from '../../../shared/domain/vocabulary';
import type { GraphHighlight, Selection } from '../store/selection';
import { FADE_LIMIT } from './lod';
import type { ViewGraph } from './viewGraph';
import { personNode } from './viewParts';

/** Flat, primitive data only: Cytoscape copies it and compares nothing deeper. */
export interface NodeData {
  readonly id: string;
  /** The person's id in the data file, or the group's key. */
  readonly ref: string;
  readonly label: string;
  readonly kind: 'me' | 'person' | 'group';
  readonly isMe: boolean;
  /** Drawn ties of a person; members of a group. */
  readonly degree: number;
  /** Diameter in model pixels. */
  readonly size: number;
  /** The expanded group a person is drawn in (a Cytoscape compound parent). */
  readonly parent?: string;
  /** A group's ties to me by origin, as pie slices in percent. */
  readonly living?: number;
  readonly doing?: number;
  readonly unknown?: number;
  /** A group's label size in px: big groups read from further out. */
  readonly fontSize?: number;
}

export interface EdgeData {
  readonly id: string;
  /** The tie's id in the data file; '' for an aggregate of several ties. */
  readonly ref: string;
  readonly source: string;
  readonly target: string;
  readonly origin: Origin;
  /** 0 when the tie has no strength; the mean for an aggregate. */
  readonly strength: number;
  readonly width: number;
  /** Ties this edge stands for. */
  readonly count: number;
}

export type GraphElement =
  | { readonly group: 'nodes'; readonly data: NodeData; readonly classes: string }
  | { readonly group: 'edges'; readonly data: EdgeData; readonly classes: string };

/** When several members of a collapsed group carry overlay classes, the group shows the first of these it has. */
const CLASS_PRIORITY = ['path', 'path-alt', 'reach-both', 'reach-living', 'reach-doing', 'keep'];
const rank = (cls: string) => {
  const at = CLASS_PRIORITY.indexOf(cls);
  return at < 0 ? CLASS_PRIORITY.length : at;
};

/**
 * Turns a view graph into Cytoscape elements: stable ids, flat data,
 * highlighting as classes. Pure: the same input gives equal output. A
 * selected person or tie marks itself, its drawn neighbourhood, and fades
 * the rest on a small drawing; an overlay marks the drawn node or edge that
 * stands for each person and tie (a collapsed group takes the strongest
 * class of its members).
 */
export function viewElements(view: ViewGraph, selection: Selection = null, overlay: GraphHighlight | null = null): GraphElement[] {
  const hl = highlight(view, selection);
  const rest = hl && view.nodes.length + view.edges.length <= FADE_LIMIT ? 'faded' : '';
  const overlayNodes = new Map<string, string>();
  const overlayEdges = new Map<string, string>();
  if (overlay) {
    for (const [person, cls] of overlay.nodes) {
      const node = view.repOf.get(person);
      if (node === undefined) continue;
      const cur = overlayNodes.get(node);
      if (cur === undefined || rank(cls) < rank(cur)) overlayNodes.set(node, cls);
    }
    for (const [tie, cls] of overlay.edges) {
      const edge = view.edgeOfTie.get(tie);
      if (edge === undefined) continue;
      const cur = overlayEdges.get(edge);
      if (cur === undefined || rank(cls) < rank(cur)) overlayEdges.set(edge, cls);
    }
  }
  const out: GraphElement[] = [];
  for (const n of view.nodes) {
    const isGroup = n.kind === 'group';
    const data: NodeData = {
      id: n.id,
      ref: n.ref,
      label: n.label,
      kind: n.kind,
      isMe: n.kind === 'me',
      degree: n.count,
      size: n.size,
      ...(n.parent ? { parent: n.parent } : {}),
      ...(isGroup ? { living: n.living ?? 0, doing: n.doing ?? 0, unknown: n.unknown ?? 0, fontSize: groupFontSize(n.size) } : {}),
    };
    const kindClasses = isGroup
      ? ['group', n.expanded ? 'expanded' : '', n.isTiedToMe ? '' : 'untied']
      : ['person', n.kind === 'me' ? 'me' : '', n.parent ? 'member' : ''];
    out.push({
      group: 'nodes',
      data,
      classes: joinClasses([...kindClasses, hl?.nodes.get(n.id) ?? rest, overlay ? (overlayNodes.get(n.id) ?? overlay.rest) : '']),
    });
  }
  for (const e of view.edges) {
    out.push({
      group: 'edges',
      data: {
        id: e.id,
        ref: e.ref,
        source: e.source,
        target: e.target,
        origin: e.origin,
        strength: e.strength,
        width: e.width,
        count: e.count,
      },
      classes: joinClasses([
        e.kind === 'agg' ? 'agg' : 'tie',
        e.origin,
        hl?.edges.get(e.id) ?? rest,
        overlay ? (overlayEdges.get(e.id) ?? overlay.rest) : '',
      ]),
    });
  }
  return out;
}

interface Highlight {
  readonly nodes: Map<string, string>;
  readonly edges: Map<string, string>;
}

function highlight(view: ViewGraph, selection: Selection): Highlight | null {
  if (!selection) return null;
  const nodes = new Map<string, string>();
  const edges = new Map<string, string>();
  if (selection.kind === 'person') {
    const node = personNode(selection.id);
    if (view.repOf.get(selection.id) !== node) return null;
    nodes.set(node, 'selected');
    for (const e of view.edges) {
      if (e.source !== node && e.target !== node) continue;
      edges.set(e.id, 'neighbourhood');
      nodes.set(e.source === node ? e.target : e.source, 'neighbour');
    }
    return { nodes, edges };
  }
  const edge = view.edgeOfTie.get(selection.id);
  const drawn = edge === undefined ? undefined : view.edges.find((e) => e.id === edge);
  if (!drawn) return null;
  edges.set(drawn.id, 'selected');
  nodes.set(drawn.source, 'neighbour');
  nodes.set(drawn.target, 'neighbour');
  return { nodes, edges };
}

/** Big groups read from further out: the label grows with the node. */
export function groupFontSize(size: number): number {
  return Math.round(12 + (size || 40) * 0.08);
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
 * An edge whose ends changed, or a node whose parent changed, is removed and
 * added again (Cytoscape keeps those fixed).
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
    if (el.group === 'nodes' && old.group === 'nodes' && el.data.parent !== old.data.parent) {
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
