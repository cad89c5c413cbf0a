import { describe, expect, it } from 'vitest';
import {
  circularMean,
  concentricLayout,
  DEFAULT_LAYOUT,
  placeNewNode,
  spreadOnCircle,
  type Point,
} from '../../../../renderer/src/graph/layout';
import { network } from '../fixtures';

const dist = (p: Point | undefined) => Math.hypot(p?.x ?? NaN, p?.y ?? NaN);
const minGap = (points: readonly Point[]) => {
  let min = Infinity;
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++) min = Math.min(min, Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y));
  return min;
};

describe('concentricLayout', () => {
  const file = network(
    ['a', 'b', 'c', 'd', 'e', 'lonely'],
    [
      ['1', 'a', 'me', 'living', 5],
      ['2', 'b', 'me', 'living', 3],
      ['3', 'c', 'me', 'doing', 2],
      ['4', 'd', 'a', 'living'],
      ['5', 'e', 'd', 'doing'],
    ],
  );
  const pos = concentricLayout(file);

  it('puts me at the centre, direct ties on the first ring, others further out', () => {
    expect(pos.get('me')).toEqual({ x: 0, y: 0 });
    const r1 = dist(pos.get('a'));
    expect(dist(pos.get('b'))).toBeCloseTo(r1, 0);
    expect(dist(pos.get('c'))).toBeCloseTo(r1, 0);
    expect(dist(pos.get('d'))).toBeGreaterThan(r1 + 100);
    expect(dist(pos.get('e'))).toBeGreaterThan(dist(pos.get('d')) + 100);
    expect(dist(pos.get('lonely'))).toBeGreaterThan(dist(pos.get('e')));
    expect(pos.size).toBe(file.people.length);
  });

  it('places a second-ring person near the one who links them to me', () => {
    const angle = (id: string) => Math.atan2(pos.get(id)!.y, pos.get(id)!.x);
    const diff = Math.abs(Math.atan2(Math.sin(angle('d') - angle('a')), Math.cos(angle('d') - angle('a'))));
    expect(diff).toBeLessThan(0.3);
  });

  it('centres the Living sector on top', () => {
    const living = ['a', 'b'].map((id) => Math.atan2(pos.get(id)!.y, pos.get(id)!.x));
    expect(circularMean(living)).toBeCloseTo(-Math.PI / 2, 1);
  });

  it('is deterministic', () => {
    expect(concentricLayout(file)).toEqual(pos);
  });

  it('keeps thousands of direct ties apart in bands of rings', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `p${i}`);
    const big = network(
      ids,
      ids.map(
        (id, i) =>
          [`t${i}`, id, 'me', i % 3 === 0 ? 'living' : i % 3 === 1 ? 'doing' : 'unknown'] as [
            string,
            string,
            string,
            'living' | 'doing' | 'unknown',
          ],
      ),
    );
    const out = concentricLayout(big);
    const points = ids.map((id) => out.get(id)!);
    expect(minGap(points)).toBeGreaterThan(DEFAULT_LAYOUT.subGap * 0.9);
    expect(Math.max(...points.map(dist))).toBeLessThan(6000);
  });
});

describe('spreadOnCircle', () => {
  it('keeps wishes that are far enough apart', () => {
    expect(spreadOnCircle([0, 1, 2], 0.1)).toEqual([0, 1, 2]);
  });

  it('pushes crowded wishes apart by at least the gap, keeping their order', () => {
    const out = spreadOnCircle([1, 1, 1, 1.05], 0.2);
    const sorted = [...out].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(0.2 - 1e-9);
    const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(out)).toBeCloseTo(mean([1, 1, 1, 1.05]), 6);
  });

  it('spreads evenly when the circle is full', () => {
    const out = spreadOnCircle([0, 0, 0, 0], 2);
    expect(out[1]! - out[0]!).toBeCloseTo(Math.PI / 2);
  });
});

describe('placeNewNode', () => {
  const me = { x: 0, y: 0 };
  const ring = Array.from({ length: 8 }, (_, i) => ({
    x: Math.round(230 * Math.cos((i * Math.PI) / 4)),
    y: Math.round(230 * Math.sin((i * Math.PI) / 4)),
  }));

  it('puts someone tied to me on my ring or just outside it, clear of everyone', () => {
    const p = placeNewNode({ me, neighbours: [], isTiedToMe: true, myTies: ring, occupied: [me, ...ring] });
    expect(dist(p)).toBeGreaterThanOrEqual(229);
    expect(dist(p)).toBeLessThan(230 + DEFAULT_LAYOUT.ringGap);
    expect(minGap([p, ...ring])).toBeGreaterThanOrEqual(DEFAULT_LAYOUT.spacing * 0.9 - 1);
  });

  it('puts someone beside their only neighbour, further from me', () => {
    const n = ring[0]!;
    const p = placeNewNode({ me, neighbours: [n], isTiedToMe: false, myTies: [], occupied: [me, ...ring] });
    expect(dist(p)).toBeGreaterThan(dist(n));
    expect(Math.hypot(p.x - n.x, p.y - n.y)).toBeLessThan(DEFAULT_LAYOUT.ringGap * 1.5);
  });

  it('puts someone without ties outside the picture', () => {
    const p = placeNewNode({ me, neighbours: [], isTiedToMe: false, myTies: [], occupied: [me, ...ring] });
    expect(dist(p)).toBeGreaterThan(230);
  });
});
