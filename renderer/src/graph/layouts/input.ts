import type { ConcentricInput } from '../layout';
import type { LayoutName } from '../../store/viewOptions';
import type { ViewGraph } from '../viewGraph';
import type { ViewNode } from '../viewParts';
import { discRadius } from './geometry';
import type { LayoutInput, LayoutItem, LayoutRequest } from './types';

/** Room below a node for its label, in model pixels. */
const LABEL_ROOM = 26;

export interface LayoutInputOptions {
  /** Drawn node id at the centre (me, or the ego view's person). */
  readonly centre: string;
  /** People view only: how people gather into clusters (company name, community…), by person id. */
  readonly clusterOf?: (personId: string) => string;
  /** Where nodes are now, by node id (force starts from there). */
  readonly seeds?: ReadonlyMap<string, { x: number; y: number }>;
}

const byWarmth = (a: ViewNode, b: ViewNode) => b.warmth - a.warmth || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);

/**
 * What a layout needs of the drawn graph, as plain data for the worker:
 * top-level items (me, groups — an expanded one as a disc of its members —,
 * people drawn on their own) and the edges between them, summed.
 */
export function layoutRequest(name: LayoutName, view: ViewGraph, opts: LayoutInputOptions): LayoutRequest {
  const items: LayoutItem[] = [];
  const itemOf = new Map<string, number>();
  const nodes = new Map(view.nodes.map((n) => [n.id, n]));
  const add = (item: LayoutItem, nodeIds: readonly string[]) => {
    items.push(item);
    for (const id of nodeIds) itemOf.set(id, items.length - 1);
  };
  const children = new Map<string, ViewNode[]>();
  for (const n of view.nodes) {
    if (!n.parent) continue;
    const list = children.get(n.parent);
    if (list) list.push(n);
    else children.set(n.parent, [n]);
  }
  const personItem = (n: ViewNode): LayoutItem => ({
    id: n.id,
    radius: n.size / 2 + LABEL_ROOM,
    warmth: n.warmth,
    tied: n.isTiedToMe,
    placeSelf: true,
  });

  if (view.mode === 'people' && name === 'clusters' && opts.clusterOf) {
    const clusters = new Map<string, ViewNode[]>();
    for (const n of view.nodes) {
      if (n.id === opts.centre) {
        add(personItem(n), [n.id]);
        continue;
      }
      const key = opts.clusterOf(n.ref);
      const list = clusters.get(key);
      if (list) list.push(n);
      else clusters.set(key, [n]);
    }
    for (const [key, members] of clusters) {
      members.sort(byWarmth);
      add(
        {
          id: `cluster:${key}`,
          radius: discRadius(members.length),
          warmth: members.reduce((s, m) => s + m.warmth, 0) / members.length,
          tied: members.some((m) => m.isTiedToMe),
          members: members.map((m) => m.id),
          placeSelf: false,
        },
        members.map((m) => m.id),
      );
    }
  } else {
    for (const n of view.nodes) {
      if (n.parent) continue;
      const kids = children.get(n.id);
      if (n.kind === 'group' && kids && kids.length > 0) {
        kids.sort(byWarmth);
        add(
          {
            id: n.id,
            radius: discRadius(kids.length) + LABEL_ROOM,
            warmth: n.warmth,
            tied: n.isTiedToMe,
            members: kids.map((k) => k.id),
            placeSelf: false,
          },
          [n.id, ...kids.map((k) => k.id)],
        );
      } else if (n.kind === 'group') {
        add({ id: n.id, radius: n.size / 2 + LABEL_ROOM, warmth: n.warmth, tied: n.isTiedToMe, placeSelf: true }, [n.id]);
      } else add(personItem(n), [n.id]);
    }
  }

  const centre = itemOf.get(opts.centre) ?? -1;
  const weights = new Map<string, number>();
  for (const e of view.edges) {
    const a = itemOf.get(e.source);
    const b = itemOf.get(e.target);
    if (a === undefined || b === undefined || a === b) continue;
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    weights.set(key, (weights.get(key) ?? 0) + e.count);
  }
  const edges = [...weights].map(([key, w]) => {
    const [a, b] = key.split(',').map(Number) as [number, number];
    return [a, b, w] as const;
  });
  // Tied to the centre: an edge to it (for the ego view, whoever is one hop from its person).
  if (centre >= 0 && opts.centre !== view.nodes.find((n) => n.kind === 'me')?.id) {
    const near = new Set<number>();
    for (const [a, b] of edges) {
      if (a === centre) near.add(b);
      if (b === centre) near.add(a);
    }
    items.forEach((it, i) => (items[i] = { ...it, tied: near.has(i) }));
  }

  const seeds: Record<string, [number, number]> = {};
  if (opts.seeds) {
    for (const it of items) {
      const p = opts.seeds.get(it.id);
      if (p) seeds[it.id] = [p.x, p.y];
    }
  }

  let people: ConcentricInput | undefined;
  if (view.mode === 'people' && name === 'around-me') {
    const centreRef = nodes.get(opts.centre)?.ref ?? '';
    const refOf = (id: string) => nodes.get(id)?.ref ?? id;
    people = {
      meId: centreRef,
      people: view.nodes.map((n) => ({ id: n.ref, name: n.label })),
      ties: view.edges.map((e) => ({ a: refOf(e.source), b: refOf(e.target), origin: e.origin, strength: e.strength || undefined })),
    };
  }
  const input: LayoutInput = { centre, items, edges, seeds, ...(people ? { people } : {}) };
  return { name, input };
}
