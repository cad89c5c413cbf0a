import type { Origin } from '../../../shared/domain/vocabulary';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface LayoutOptions {
  /** Least distance between neighbours along a ring (room for a label). */
  readonly spacing: number;
  /** Distance between rings. */
  readonly ringGap: number;
  /** Radius of the first ring. */
  readonly firstRadius: number;
  /** Distance between the sub-rings of a crowded ring. */
  readonly subGap: number;
}

/** What the concentric layout reads: a KithFile is one, and so is the drawn part of it. */
export interface ConcentricInput {
  readonly meId: string;
  readonly people: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly ties: ReadonlyArray<{ readonly a: string; readonly b: string; readonly origin: Origin; readonly strength?: number }>;
}

export const DEFAULT_LAYOUT: LayoutOptions = { spacing: 104, ringGap: 190, firstRadius: 230, subGap: 64 };

const TAU = Math.PI * 2;
/** Living ties first, then unknown, then Doing: the first ring reads as sectors of the two modes. */
const ORIGIN_ORDER: Readonly<Record<Origin, number>> = { living: 0, unknown: 1, doing: 2 };

/**
 * Me at the centre, my direct ties on the first ring (grouped by origin,
 * strongest first), people two steps away on the next ring near whoever links
 * them to me, and so on; people with no path to me on the outermost ring.
 * Crowded rings become bands of sub-rings so that thousands of people fit.
 * O((people + ties) log people); returns positions by person id.
 */
export function concentricLayout(file: ConcentricInput, opts: LayoutOptions = DEFAULT_LAYOUT): Map<string, Point> {
  const adjacency = new Map<string, Array<{ other: string; origin: Origin; strength: number }>>();
  for (const p of file.people) adjacency.set(p.id, []);
  for (const t of file.ties) {
    const strength = t.strength ?? 0;
    adjacency.get(t.a)?.push({ other: t.b, origin: t.origin, strength });
    adjacency.get(t.b)?.push({ other: t.a, origin: t.origin, strength });
  }
  const names = new Map(file.people.map((p) => [p.id as string, p.name]));
  const byName = (a: string, b: string) => (names.get(a) ?? '').localeCompare(names.get(b) ?? '') || (a < b ? -1 : a > b ? 1 : 0);

  const positions = new Map<string, Point>();
  const angleOf = new Map<string, number>();
  const me = file.meId as string;
  if (!adjacency.has(me)) {
    evenRing([...adjacency.keys()].sort(byName), 0, opts.firstRadius, opts, positions, angleOf);
    return positions;
  }
  positions.set(me, { x: 0, y: 0 });

  const level = new Map<string, number>([[me, 0]]);
  let frontier = [me];
  const rings: string[][] = [];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const n of adjacency.get(id) ?? []) {
        if (level.has(n.other)) continue;
        level.set(n.other, rings.length + 1);
        next.push(n.other);
      }
    }
    if (next.length > 0) rings.push(next);
    frontier = next;
  }

  let radius = 0;
  rings.forEach((ring, i) => {
    const base = i === 0 ? opts.firstRadius : radius + opts.ringGap;
    if (i === 0) {
      const tieToMe = new Map((adjacency.get(me) ?? []).map((n) => [n.other, n]));
      ring.sort((a, b) => {
        const ta = tieToMe.get(a);
        const tb = tieToMe.get(b);
        const byOrigin = ORIGIN_ORDER[ta?.origin ?? 'unknown'] - ORIGIN_ORDER[tb?.origin ?? 'unknown'];
        return byOrigin || (tb?.strength ?? 0) - (ta?.strength ?? 0) || byName(a, b);
      });
      chainNeighbours(ring, adjacency, (id) => ORIGIN_ORDER[tieToMe.get(id)?.origin ?? 'unknown']);
      const livingShare = ring.filter((id) => tieToMe.get(id)?.origin === 'living').length / ring.length;
      // Centre the Living sector on top.
      const start = -Math.PI / 2 - (livingShare * TAU) / 2 + TAU / ring.length / 2;
      radius = evenRing(ring, start, base, opts, positions, angleOf);
      return;
    }
    const desired = ring.map((id) => {
      const parents = (adjacency.get(id) ?? []).filter((n) => level.get(n.other) === i).map((n) => angleOf.get(n.other) ?? 0);
      return circularMean(parents);
    });
    radius = spreadRing(ring, desired, base, opts, positions, angleOf);
  });

  const unreachable = file.people.map((p) => p.id as string).filter((id) => !level.has(id));
  if (unreachable.length > 0) {
    const component = components(unreachable, adjacency);
    unreachable.sort((a, b) => (component.get(a) ?? 0) - (component.get(b) ?? 0) || byName(a, b));
    evenRing(unreachable, -Math.PI / 2, rings.length === 0 ? opts.firstRadius : radius + opts.ringGap, opts, positions, angleOf);
  }
  return positions;
}

/**
 * Reorders a sorted ring in place so that people who know each other sit side
 * by side (fewer crossing lines), without leaving their group: after each
 * person comes, when there is one, the first later person of the same group
 * tied to them. O(ring × degree) with a cap on the look-ahead.
 */
function chainNeighbours(
  ring: string[],
  adjacency: ReadonlyMap<string, ReadonlyArray<{ other: string }>>,
  group: (id: string) => number,
): void {
  if (ring.length > 5000) return;
  const position = new Map(ring.map((id, i) => [id, i]));
  const used = new Set<string>();
  const out: string[] = [];
  let next = 0;
  while (out.length < ring.length) {
    while (next < ring.length && used.has(ring[next] ?? '')) next += 1;
    let cur = ring[next];
    while (cur !== undefined && !used.has(cur)) {
      used.add(cur);
      out.push(cur);
      const g = group(cur);
      let best: string | undefined;
      let bestAt = Infinity;
      for (const n of adjacency.get(cur) ?? []) {
        const at = position.get(n.other);
        if (at !== undefined && at < bestAt && !used.has(n.other) && group(n.other) === g) {
          best = n.other;
          bestAt = at;
        }
      }
      cur = best;
    }
  }
  out.forEach((id, i) => (ring[i] = id));
}

/** How many sub-rings a ring of `n` needs at `base`, and the radius of the innermost. */
function band(n: number, base: number, opts: LayoutOptions): { count: number; inner: number } {
  if (n * opts.spacing <= TAU * base) return { count: 1, inner: base };
  const count = Math.max(1, Math.round(Math.sqrt((n * opts.spacing) / (TAU * opts.subGap))));
  return { count, inner: Math.max(base, (n * opts.spacing) / (TAU * count)) };
}

/** Places `ids` evenly around a ring in the given order; returns the outermost radius used. */
function evenRing(
  ids: readonly string[],
  start: number,
  base: number,
  opts: LayoutOptions,
  out: Map<string, Point>,
  angles: Map<string, number>,
): number {
  const { count, inner } = band(ids.length, base, opts);
  // Whole turns of the sub-rings, so that the last and first people of a sub-ring are as far apart as any neighbours.
  const slots = Math.ceil(ids.length / count) * count;
  ids.forEach((id, i) => {
    const angle = start + (TAU * i) / slots;
    const r = inner + (i % count) * opts.subGap;
    out.set(id, polar(r, angle));
    angles.set(id, normalise(angle));
  });
  return inner + (count - 1) * opts.subGap;
}

/** Places `ids` near their desired angles, at least one spacing apart. */
function spreadRing(
  ids: readonly string[],
  desired: readonly number[],
  base: number,
  opts: LayoutOptions,
  out: Map<string, Point>,
  angles: Map<string, number>,
): number {
  const { count, inner } = band(ids.length, base, opts);
  if (count > 1) {
    const order = ids.map((_, i) => i).sort((a, b) => (desired[a] ?? 0) - (desired[b] ?? 0));
    const start = desired[order[0] ?? 0] ?? 0;
    return evenRing(
      order.map((i) => ids[i] ?? ''),
      start,
      base,
      opts,
      out,
      angles,
    );
  }
  const spread = spreadOnCircle(desired, opts.spacing / inner);
  ids.forEach((id, i) => {
    const angle = spread[i] ?? 0;
    out.set(id, polar(inner, angle));
    angles.set(id, normalise(angle));
  });
  return inner;
}

/**
 * Moves angles apart to at least `gap` radians while keeping their order and
 * staying as close to the wishes as a single shift allows. Same order as input.
 */
export function spreadOnCircle(desired: readonly number[], gap: number): number[] {
  const n = desired.length;
  if (n === 0) return [];
  const order = desired.map((_, i) => i).sort((a, b) => normalise(desired[a] ?? 0) - normalise(desired[b] ?? 0));
  const sorted = order.map((i) => normalise(desired[i] ?? 0));
  const even = () => {
    const out = new Array<number>(n);
    order.forEach((idx, k) => (out[idx] = (sorted[0] ?? 0) + (TAU * k) / n));
    return out;
  };
  if (n * gap >= TAU) return even();
  // Cut the circle at its widest empty arc, so that the line we spread on has no wrap.
  let cut = 0;
  let widest = -1;
  for (let k = 0; k < n; k++) {
    const here = sorted[k] ?? 0;
    const next = k + 1 < n ? (sorted[k + 1] ?? 0) : (sorted[0] ?? 0) + TAU;
    if (next - here > widest) {
      widest = next - here;
      cut = (k + 1) % n;
    }
  }
  const line: number[] = [];
  for (let k = 0; k < n; k++) {
    const v = sorted[(cut + k) % n] ?? 0;
    line.push(cut + k >= n ? v + TAU : v);
  }
  const pushed: number[] = [];
  line.forEach((v, k) => pushed.push(k === 0 ? v : Math.max(v, (pushed[k - 1] ?? 0) + gap)));
  const shift = pushed.reduce((s, v, k) => s + (v - (line[k] ?? 0)), 0) / n;
  const placed = pushed.map((v) => v - shift);
  if ((placed[n - 1] ?? 0) - (placed[0] ?? 0) > TAU - gap) return even();
  const out = new Array<number>(n);
  placed.forEach((v, k) => (out[order[(cut + k) % n] ?? 0] = v));
  return out;
}

export function circularMean(angles: readonly number[]): number {
  if (angles.length === 0) return 0;
  let sx = 0;
  let sy = 0;
  for (const a of angles) {
    sx += Math.cos(a);
    sy += Math.sin(a);
  }
  return sx === 0 && sy === 0 ? (angles[0] ?? 0) : Math.atan2(sy, sx);
}

function components(ids: readonly string[], adjacency: ReadonlyMap<string, ReadonlyArray<{ other: string }>>): Map<string, number> {
  const out = new Map<string, number>();
  let next = 0;
  for (const id of ids) {
    if (out.has(id)) continue;
    const stack = [id];
    out.set(id, next);
    while (stack.length > 0) {
      const cur = stack.pop() ?? '';
      for (const n of adjacency.get(cur) ?? []) {
        if (out.has(n.other)) continue;
        out.set(n.other, next);
        stack.push(n.other);
      }
    }
    next += 1;
  }
  return out;
}

function polar(r: number, angle: number): Point {
  return { x: Math.round(r * Math.cos(angle)), y: Math.round(r * Math.sin(angle)) };
}

function normalise(angle: number): number {
  const a = angle % TAU;
  return a < 0 ? a + TAU : a;
}

export interface PlacementInput {
  readonly me: Point;
  /** Positions of the new person's neighbours that are already drawn (me excluded). */
  readonly neighbours: readonly Point[];
  readonly isTiedToMe: boolean;
  /** Positions of my other direct ties (to find the first ring and its widest gap). */
  readonly myTies: readonly Point[];
  /** Every drawn position, to avoid landing on someone. */
  readonly occupied: readonly Point[];
}

/**
 * Where to put one person added to a drawn graph without moving anyone else:
 * on my first ring in its widest gap when tied to me, beside their
 * neighbours otherwise, and just outside the picture when they have no ties.
 */
export function placeNewNode(input: PlacementInput, opts: LayoutOptions = DEFAULT_LAYOUT): Point {
  const { me } = input;
  const rel = (p: Point) => ({ x: p.x - me.x, y: p.y - me.y });
  const angle = (p: Point) => Math.atan2(p.y - me.y, p.x - me.x);
  const dist = (p: Point) => Math.hypot(p.x - me.x, p.y - me.y);
  let target: Point;
  if (input.isTiedToMe) {
    const radii = input.myTies.map(dist).sort((a, b) => a - b);
    const r = radii.length > 0 ? (radii[Math.floor(radii.length / 2)] ?? opts.firstRadius) : opts.firstRadius;
    const theta = input.neighbours.length > 0 ? circularMean(input.neighbours.map(angle)) : widestGapMiddle(input.myTies.map(angle));
    target = { x: me.x + r * Math.cos(theta), y: me.y + r * Math.sin(theta) };
  } else if (input.neighbours.length > 0) {
    const cx = input.neighbours.reduce((s, p) => s + p.x, 0) / input.neighbours.length;
    const cy = input.neighbours.reduce((s, p) => s + p.y, 0) / input.neighbours.length;
    const away = rel({ x: cx, y: cy });
    const len = Math.hypot(away.x, away.y) || 1;
    const push = input.neighbours.length === 1 ? opts.ringGap * 0.6 : opts.ringGap * 0.3;
    target = { x: cx + (away.x / len) * push, y: cy + (away.y / len) * push };
  } else {
    const outer = input.occupied.reduce((m, p) => Math.max(m, dist(p)), 0);
    const theta = widestGapMiddle(input.occupied.filter((p) => dist(p) > outer * 0.6).map(angle));
    const r = outer + opts.ringGap * 0.5;
    target = { x: me.x + r * Math.cos(theta), y: me.y + r * Math.sin(theta) };
  }
  return avoidCollisions(target, input, opts);
}

function widestGapMiddle(angles: readonly number[]): number {
  if (angles.length === 0) return -Math.PI / 2;
  const sorted = angles.map(normalise).sort((a, b) => a - b);
  let best = 0;
  let at = 0;
  sorted.forEach((a, k) => {
    const next = k + 1 < sorted.length ? (sorted[k + 1] ?? 0) : (sorted[0] ?? 0) + TAU;
    if (next - a > best) {
      best = next - a;
      at = a + (next - a) / 2;
    }
  });
  return at;
}

function avoidCollisions(target: Point, input: PlacementInput, opts: LayoutOptions): Point {
  const min = opts.spacing * 0.9;
  const free = (p: Point) => input.occupied.every((q) => Math.hypot(p.x - q.x, p.y - q.y) >= min);
  const r = Math.hypot(target.x - input.me.x, target.y - input.me.y) || opts.firstRadius;
  const theta0 = Math.atan2(target.y - input.me.y, target.x - input.me.x);
  for (let k = 0; k < 48; k++) {
    const step = Math.ceil(k / 2) * (k % 2 === 0 ? 1 : -1);
    const rr = r + Math.floor(k / 16) * opts.subGap;
    const p = { x: input.me.x + rr * Math.cos(theta0 + (step * min) / rr), y: input.me.y + rr * Math.sin(theta0 + (step * min) / rr) };
    if (free(p)) return { x: Math.round(p.x), y: Math.round(p.y) };
  }
  return { x: Math.round(target.x), y: Math.round(target.y) };
}
