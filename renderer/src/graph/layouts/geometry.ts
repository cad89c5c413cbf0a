import { concentricLayout } from '../layout';
import { personNode } from '../viewParts';
import type { LayoutInput, LayoutItem, LayoutResult } from './types';

/** Distance between the centres of neighbouring people in a disc (node plus label room). */
export const MEMBER_SPACING = 64;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
const RING_GAP = 46;
const FIRST_RING = 240;

/** Radius of a sunflower disc holding `n` people, to the outer edge of the last one. */
export function discRadius(n: number): number {
  return (MEMBER_SPACING / Math.sqrt(Math.PI)) * Math.sqrt(Math.max(1, n)) + MEMBER_SPACING / 2;
}

/** Vogel's sunflower: the i-th of n points around (cx, cy), first ones in the middle, evenly dense. */
export function sunflower(ids: readonly string[], cx: number, cy: number, out: LayoutResult): void {
  const c = MEMBER_SPACING / Math.sqrt(Math.PI);
  ids.forEach((id, i) => {
    const r = ids.length === 1 ? 0 : c * Math.sqrt(i + 0.5);
    const a = i * GOLDEN_ANGLE;
    out.push([id, Math.round(cx + r * Math.cos(a)), Math.round(cy + r * Math.sin(a))]);
  });
}

/** Writes item centres, and their members around them, into a result. */
export function emit(items: readonly LayoutItem[], centres: ReadonlyArray<readonly [number, number]>): LayoutResult {
  const out: LayoutResult = [];
  items.forEach((item, i) => {
    const [x, y] = centres[i] ?? [0, 0];
    if (item.placeSelf) out.push([item.id, Math.round(x), Math.round(y)]);
    if (item.members && item.members.length > 0) sunflower(item.members, x, y, out);
  });
  return out;
}

/** Closest ties first, then warmer, then larger, then by id: the order items take the rings in. */
function ringOrder(items: readonly LayoutItem[], centre: number): number[] {
  return items
    .map((_, i) => i)
    .filter((i) => i !== centre)
    .sort((a, b) => {
      const x = items[a] as LayoutItem;
      const y = items[b] as LayoutItem;
      return Number(y.tied) - Number(x.tied) || y.warmth - x.warmth || y.radius - x.radius || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
    });
}

/**
 * "Around me" for groups: the centre in the middle, then rings of items
 * from warmest to coolest, each ring as tight as its widest item allows;
 * items not tied to the centre go on outer rings after a wider gap. The
 * warmest item of each ring sits at the top.
 */
export function ringLayout(input: LayoutInput): LayoutResult {
  const { items, centre } = input;
  const centres: Array<[number, number]> = items.map(() => [0, 0]);
  const order = ringOrder(items, centre);
  let outer = centre >= 0 ? Math.max(FIRST_RING - RING_GAP, (items[centre]?.radius ?? 40) + RING_GAP) : 0;
  let k = 0;
  let wasTied = true;
  while (k < order.length) {
    const first = items[order[k] as number] as LayoutItem;
    if (wasTied && !first.tied && k > 0) outer += RING_GAP * 2;
    wasTied = first.tied;
    let maxR = first.radius;
    let r = outer + RING_GAP + maxR;
    let used = 0;
    const ring: number[] = [];
    while (k < order.length) {
      const item = items[order[k] as number] as LayoutItem;
      if (ring.length > 0 && item.tied !== first.tied) break;
      const nextMax = Math.max(maxR, item.radius);
      const nextR = outer + RING_GAP + nextMax;
      const need = used + 2 * item.radius + RING_GAP;
      if (ring.length > 0 && need > 2 * Math.PI * nextR) break;
      ring.push(order[k] as number);
      used = need;
      maxR = nextMax;
      r = nextR;
      k += 1;
    }
    // Spread the ring's slack evenly between its items; the first (warmest) at the top.
    const slack = Math.max(0, 2 * Math.PI * r - used) / ring.length;
    let at = -Math.PI / 2 - (2 * (items[ring[0] as number]?.radius ?? 0) + RING_GAP + slack) / 2 / r;
    for (const i of ring) {
      const item = items[i] as LayoutItem;
      const arc = (2 * item.radius + RING_GAP + slack) / r;
      const mid = at + arc / 2;
      centres[i] = [r * Math.cos(mid), r * Math.sin(mid)];
      at += arc;
    }
    outer = r + maxR;
  }
  return emit(items, centres);
}

/**
 * "Around me" for people drawn one by one: the concentric rings of
 * layout.ts (distance from me, then Living/warmth order, neighbours side by
 * side).
 */
export function peopleRings(input: LayoutInput): LayoutResult {
  const people = input.people;
  if (!people) return ringLayout(input);
  const positions = concentricLayout(people);
  return [...positions].map(([id, p]) => [personNode(id), p.x, p.y] as const);
}

/**
 * Clusters: the centre in the middle, then each item (a group, a disc of
 * members) from largest to smallest at the first free place along a
 * sunflower spiral, so that big clusters sit near the middle and small ones
 * fill the gaps. A spatial hash keeps each free-place test near O(1).
 */
export function clusterLayout(input: LayoutInput): LayoutResult {
  const { items, centre } = input;
  const centres: Array<[number, number]> = items.map(() => [0, 0]);
  const order = items
    .map((_, i) => i)
    .filter((i) => i !== centre)
    .sort((a, b) => (items[b]?.radius ?? 0) - (items[a]?.radius ?? 0) || ((items[a]?.id ?? '') < (items[b]?.id ?? '') ? -1 : 1));
  const gap = 36;
  const maxR = Math.max(40, ...items.map((it) => it.radius));
  const cell = 2 * maxR + gap;
  const grid = new Map<string, number[]>();
  const placed: Array<{ x: number; y: number; r: number }> = [];
  const put = (x: number, y: number, r: number) => {
    placed.push({ x, y, r });
    const key = `${Math.floor(x / cell)},${Math.floor(y / cell)}`;
    const list = grid.get(key);
    if (list) list.push(placed.length - 1);
    else grid.set(key, [placed.length - 1]);
  };
  const free = (x: number, y: number, r: number) => {
    const gx = Math.floor(x / cell);
    const gy = Math.floor(y / cell);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const j of grid.get(`${gx + dx},${gy + dy}`) ?? []) {
          const q = placed[j] as { x: number; y: number; r: number };
          if (Math.hypot(q.x - x, q.y - y) < q.r + r + gap) return false;
        }
    return true;
  };
  if (centre >= 0) put(0, 0, items[centre]?.radius ?? 40);
  const step = Math.max(12, gap / 2);
  let start = 0;
  for (const i of order) {
    const r = (items[i] as LayoutItem).radius;
    for (let j = start; ; j++) {
      const rr = step * Math.sqrt(j) * 1.2;
      const a = j * GOLDEN_ANGLE;
      const x = rr * Math.cos(a);
      const y = rr * Math.sin(a);
      if (!free(x, y, r)) continue;
      put(x, y, r);
      centres[i] = [x, y];
      // Items come largest first: the smaller ones after may still fit nearer the middle, a little.
      start = Math.max(0, Math.floor(j * 0.6));
      break;
    }
  }
  return emit(items, centres);
}
