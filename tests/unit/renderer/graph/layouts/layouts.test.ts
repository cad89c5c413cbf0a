import { describe, expect, it } from 'vitest';
import { applyFilters } from '../../../../../renderer/src/graph/filters';
import { clusterLayout, discRadius, MEMBER_SPACING, ringLayout, sunflower } from '../../../../../renderer/src/graph/layouts/geometry';
import { computeQuickLayout } from '../../../../../renderer/src/graph/layouts/compute';
import { forceIterations, forceLayout } from '../../../../../renderer/src/graph/layouts/force';
import { layoutRequest } from '../../../../../renderer/src/graph/layouts/input';
import type { LayoutInput, LayoutItem, LayoutResult } from '../../../../../renderer/src/graph/layouts/types';
import { buildViewGraph } from '../../../../../renderer/src/graph/viewGraph';
import { NO_FILTERS } from '../../../../../renderer/src/store/viewOptions';
import { crowd, net } from '../fixtures';

const TODAY = '2026-06-01';
const at = (r: LayoutResult) => new Map(r.map(([id, x, y]) => [id, { x, y }]));

function items(n: number, radius = (i: number) => 30 + (i % 7) * 12): LayoutItem[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `i${i}`,
    radius: radius(i),
    warmth: ((i * 37) % 100) / 100,
    tied: i % 5 !== 0,
    placeSelf: true,
  }));
}

function expectNoOverlap(input: LayoutInput, result: LayoutResult): void {
  const pos = at(result);
  const list = input.items.filter((it) => it.placeSelf);
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i] as LayoutItem;
      const b = list[j] as LayoutItem;
      const pa = pos.get(a.id);
      const pb = pos.get(b.id);
      expect(pa && pb, `${a.id} and ${b.id} placed`).toBeTruthy();
      if (!pa || !pb) continue;
      expect(Math.hypot(pa.x - pb.x, pa.y - pb.y), `${a.id} vs ${b.id}`).toBeGreaterThanOrEqual(a.radius + b.radius - 2);
    }
}

describe('geometry', () => {
  it('sunflower: the first members in the middle, all within the disc radius', () => {
    const out: LayoutResult = [];
    const ids = Array.from({ length: 200 }, (_, i) => `m${i}`);
    sunflower(ids, 100, -50, out);
    const d = (i: number) => Math.hypot((out[i]?.[1] ?? 0) - 100, (out[i]?.[2] ?? 0) + 50);
    expect(d(0)).toBeLessThan(d(199));
    for (let i = 0; i < 200; i++) expect(d(i)).toBeLessThanOrEqual(discRadius(200));
    // Neighbours keep their distance.
    const pts = out.map(([, x, y]) => ({ x, y }));
    let closest = Infinity;
    for (let i = 0; i < pts.length; i++)
      for (let j = i + 1; j < pts.length; j++)
        closest = Math.min(closest, Math.hypot((pts[i]?.x ?? 0) - (pts[j]?.x ?? 0), (pts[i]?.y ?? 0) - (pts[j]?.y ?? 0)));
    expect(closest).toBeGreaterThan(MEMBER_SPACING * 0.6);
  });

  it('rings: the centre at the origin, nobody overlapping, the tied and warm nearer', () => {
    const list = [{ id: 'me', radius: 40, warmth: 0, tied: false, placeSelf: true }, ...items(120)];
    const input: LayoutInput = { centre: 0, items: list, edges: [], seeds: {} };
    const result = ringLayout(input);
    const pos = at(result);
    expect(pos.get('me')).toEqual({ x: 0, y: 0 });
    expectNoOverlap(input, result);
    const dist = (id: string) => Math.hypot(pos.get(id)?.x ?? 0, pos.get(id)?.y ?? 0);
    const tied = list.filter((it) => it.tied && it.id !== 'me');
    const untied = list.filter((it) => !it.tied && it.id !== 'me');
    expect(Math.max(...tied.map((it) => dist(it.id)))).toBeLessThan(Math.min(...untied.map((it) => dist(it.id))));
    const warmest = [...tied].sort((a, b) => b.warmth - a.warmth)[0];
    const coolest = [...tied].sort((a, b) => a.warmth - b.warmth)[0];
    expect(dist(warmest?.id ?? '')).toBeLessThanOrEqual(dist(coolest?.id ?? ''));
  });

  it('clusters: big ones near the middle, nobody overlapping, members around their disc', () => {
    const list: LayoutItem[] = [
      { id: 'me', radius: 40, warmth: 0, tied: false, placeSelf: true },
      ...items(80),
      {
        id: 'disc',
        radius: discRadius(50),
        warmth: 1,
        tied: true,
        placeSelf: false,
        members: Array.from({ length: 50 }, (_, i) => `d${i}`),
      },
    ];
    const input: LayoutInput = { centre: 0, items: list, edges: [], seeds: {} };
    const result = clusterLayout(input);
    expectNoOverlap(input, result);
    const pos = at(result);
    expect(pos.has('disc')).toBe(false);
    expect(pos.has('d0')).toBe(true);
    const big = Math.hypot(pos.get('d0')?.x ?? 0, pos.get('d0')?.y ?? 0);
    const smallest = list.filter((it) => it.placeSelf && it.id !== 'me').sort((a, b) => a.radius - b.radius)[0];
    expect(big).toBeLessThan(Math.hypot(pos.get(smallest?.id ?? '')?.x ?? 0, pos.get(smallest?.id ?? '')?.y ?? 0) + discRadius(50));
  });
});

describe('layouts of a drawn view', () => {
  const acme = crowd('a', 30, 'Acme', 'living');
  const beta = crowd('b', 12, 'Beta', 'doing');
  const file = net([...acme.people, ...beta.people], [...acme.ties, ...beta.ties, ['x', 'a0', 'b0', 'living']]);
  const view = (expanded: string[]) =>
    buildViewGraph(file, applyFilters(file, NO_FILTERS, null, TODAY), {
      groupBy: 'company',
      hideMyTies: false,
      expanded: new Set(expanded),
      pinned: new Set(),
      today: TODAY,
    });

  it('turns the view into items: me, collapsed groups, an expanded group as a disc of its members (warmest first), summed edges', () => {
    const req = layoutRequest('around-me', view(['company:acme']), { centre: 'p:me' });
    const ids = req.input.items.map((it) => it.id);
    expect(ids).toEqual(['p:me', 'g:company:acme', 'g:company:beta']);
    const disc = req.input.items[1];
    expect(disc?.placeSelf).toBe(false);
    expect(disc?.members).toHaveLength(30);
    expect(req.input.centre).toBe(0);
    const weights = new Map(req.input.edges.map(([a, b, w]) => [`${a}-${b}`, w]));
    expect(weights.get('0-1')).toBe(30);
    expect(weights.get('0-2')).toBe(12);
    expect(weights.get('1-2')).toBe(1);
  });

  it('every layout places every drawn node except compound parents, with finite coordinates', () => {
    const v = view(['company:acme']);
    for (const name of ['around-me', 'clusters'] as const) {
      const result = computeQuickLayout(layoutRequest(name, v, { centre: 'p:me' }));
      const placed = new Set(result.map(([id]) => id));
      for (const n of v.nodes) expect(placed.has(n.id), `${name} places ${n.id}`).toBe(!n.expanded);
      for (const [, x, y] of result) expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
    }
  });

  it('force: ForceAtlas2 from the rings, the centre back at the origin, progress reported, sizes kept apart', () => {
    const req = layoutRequest('force', view([]), { centre: 'p:me' });
    const progress: number[] = [];
    const result = forceLayout(req.input, (done, total) => progress.push(done / total));
    const pos = at(result);
    expect(pos.get('p:me')).toEqual({ x: 0, y: 0 });
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThan(10);
    expectNoOverlap(req.input, result);
    expect(forceIterations(100)).toBeGreaterThan(forceIterations(10_000));
  });

  it('the people view uses the concentric rings around me', () => {
    const small = buildViewGraph(file, applyFilters(file, NO_FILTERS, null, TODAY), {
      groupBy: 'none',
      hideMyTies: false,
      expanded: new Set(),
      pinned: new Set(),
      today: TODAY,
    });
    const req = layoutRequest('around-me', small, { centre: 'p:me' });
    expect(req.input.people?.people).toHaveLength(file.people.length);
    const pos = at(computeQuickLayout(req));
    expect(pos.get('p:me')).toEqual({ x: 0, y: 0 });
    expect(pos.size).toBe(file.people.length);
    const clusters = computeQuickLayout(
      layoutRequest('clusters', small, { centre: 'p:me', clusterOf: (id) => (id.startsWith('a') ? 'acme' : 'beta') }),
    );
    expect(at(clusters).size).toBe(file.people.length);
  });
});
