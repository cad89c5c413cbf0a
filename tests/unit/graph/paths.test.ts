import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KithError } from '../../../shared/api/envelope.js';
import type { Origin } from '../../../shared/domain/model.js';
import {
  buildGraphIndex,
  findPaths,
  searcherFor,
  searchTargets,
  tieCost,
  FIRST_HOP_WEIGHT,
  type GraphIndex,
} from '../../../shared/graph/index.js';
import { network, TODAY } from './network.js';

const names = (index: GraphIndex, nodes: readonly string[]) => nodes.map((id) => index.people[index.indexOf.get(id) as number]?.name);

describe('planned-happenstance paths', () => {
  it('prefers a longer Living route to a shorter Doing one', () => {
    const doc = network({
      people: { kate: { company: 'Acme' }, priya: {}, omar: { company: 'Acme' } },
      ties: [
        ['me', 'kate', 'doing', { activity: 'cold-outreach', strength: 3, since: '2024-06-01' }],
        ['me', 'priya', 'living', { activity: 'professional-community', strength: 3, since: '2024-06-01' }],
        ['priya', 'omar', 'living', { activity: 'sharing-information', strength: 3, since: '2024-06-01' }],
      ],
    });
    const index = buildGraphIndex(doc, TODAY);
    const result = findPaths(index, { kind: 'company', value: 'acme' }, 3);
    expect(result.target).toMatchObject({ kind: 'company', label: 'Acme', people: 2 });
    expect(result.paths.map((p) => p.nodes)).toEqual([
      ['me', 'priya', 'omar'],
      ['me', 'kate'],
    ]);
    expect(result.paths[0]?.mode).toBe('living');
    expect(result.paths[1]?.mode).toBe('doing');
    expect(result.paths[0]?.cost).toBeLessThan(result.paths[1]?.cost as number);
  });

  it('weights the first hop most: Living then Doing beats Doing then Living', () => {
    const doc = network({
      people: { a: {}, b: {}, t: {} },
      ties: [
        ['me', 'a', 'living', { strength: 3 }],
        ['a', 't', 'doing', { strength: 3 }],
        ['me', 'b', 'doing', { strength: 3 }],
        ['b', 't', 'living', { strength: 3 }],
      ],
    });
    const index = buildGraphIndex(doc, TODAY);
    const [best, second] = findPaths(index, { kind: 'person', value: 't' }, 2).paths;
    expect(best?.nodes).toEqual(['me', 'a', 't']);
    expect(second?.nodes).toEqual(['me', 'b', 't']);
    const base = (origin: Origin) => tieCost({ origin, strength: 3 }, TODAY);
    expect(best?.cost).toBeCloseTo(FIRST_HOP_WEIGHT * base('living') + base('doing'), 3);
    expect(second?.cost).toBeCloseTo(FIRST_HOP_WEIGHT * base('doing') + base('living'), 3);
  });

  it('finds k distinct loopless paths through cycles, cheapest first', () => {
    // me - a - b - t, with a cycle a-b-c-a and a detour me - c.
    const doc = network({
      people: { a: {}, b: {}, c: {}, t: {} },
      ties: [
        ['me', 'a', 'living', { strength: 5 }],
        ['a', 'b', 'living', { strength: 5 }],
        ['b', 'c', 'living', { strength: 5 }],
        ['c', 'a', 'living', { strength: 5 }],
        ['b', 't', 'living', { strength: 5 }],
        ['me', 'c', 'unknown', { strength: 5 }],
      ],
    });
    const index = buildGraphIndex(doc, TODAY);
    const { paths } = findPaths(index, { kind: 'person', value: 't' }, 10);
    const keys = paths.map((p) => p.nodes.join('>'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(['me>a>b>t', 'me>a>c>b>t', 'me>c>b>t', 'me>c>a>b>t']);
    for (const p of paths) expect(new Set(p.nodes).size).toBe(p.nodes.length);
    for (let i = 1; i < paths.length; i++) expect(paths[i]?.cost).toBeGreaterThanOrEqual(paths[i - 1]?.cost as number);
  });

  it('says so when the target cannot be reached', () => {
    const doc = network({
      people: { a: {}, island: { company: 'Far Away' }, friend: {} },
      ties: [
        ['me', 'a', 'living'],
        ['island', 'friend', 'living'],
      ],
    });
    const result = findPaths(buildGraphIndex(doc, TODAY), { kind: 'company', value: 'Far Away' }, 3);
    expect(result.paths).toEqual([]);
    expect(result.note).toMatch(/No chain of ties leads from you to anyone at Far Away/);
  });

  it('answers a target that is me with one empty path, and leaves me out of a company I work at', () => {
    const doc = network({ people: { me: { name: 'Me', company: 'Acme' }, a: { company: 'Acme' } }, ties: [['me', 'a', 'living']] });
    const index = buildGraphIndex(doc, TODAY);
    const self = findPaths(index, { kind: 'query', value: 'me' }, 3);
    expect(self.paths).toEqual([expect.objectContaining({ cost: 0, hops: [], nodes: ['me'], mode: 'self' })]);
    expect(findPaths(index, { kind: 'company', value: 'Acme' }, 3).paths.map((p) => p.nodes)).toEqual([['me', 'a']]);
  });

  it('reaches companies through past employers too, and stops at the first person of the target', () => {
    const doc = network({
      people: { a: { company: 'Now Inc', history: [{ company: 'Globex' }] }, b: { company: 'Globex' } },
      ties: [
        ['me', 'a', 'living'],
        ['a', 'b', 'living'],
      ],
    });
    const { paths } = findPaths(buildGraphIndex(doc, TODAY), { kind: 'company', value: 'globex' }, 5);
    // a used to work at Globex: the path ends there and never runs on through a to b.
    expect(paths.map((p) => p.nodes)).toEqual([['me', 'a']]);
  });

  it('resolves communities, tags and opportunities to people', () => {
    const doc = network({
      communities: { c1: 'UX Guild' },
      people: { priya: { communities: ['c1'] }, sam: { tags: ['recruiter'] }, tom: {} },
      ties: [
        ['me', 'priya', 'living'],
        ['me', 'sam', 'doing'],
        ['me', 'tom', 'living'],
      ],
      opportunities: [{ id: 'o1', title: 'Design sprint', through: 'tom' }],
    });
    const index = buildGraphIndex(doc, TODAY);
    expect(findPaths(index, { kind: 'community', value: 'c1' }, 3).paths[0]?.nodes).toEqual(['me', 'priya']);
    expect(findPaths(index, { kind: 'tag', value: 'Recruiters' }, 3).paths[0]?.nodes).toEqual(['me', 'sam']);
    expect(findPaths(index, { kind: 'opportunity', value: 'o1' }, 3).paths[0]?.nodes).toEqual(['me', 'tom']);
    expect(findPaths(index, { kind: 'query', value: 'ux guild' }, 3).target).toMatchObject({ kind: 'community', value: 'c1' });
    expect(findPaths(index, { kind: 'query', value: 'design spr' }, 3).target).toMatchObject({ kind: 'opportunity', value: 'o1' });
  });

  it('refuses a query that matches nothing, and an ambiguous one, with a sentence', () => {
    const doc = network({ people: { a: { name: 'Ada Lovelace' }, b: { name: 'Ada Byron' } }, ties: [['me', 'a', 'living']] });
    const index = buildGraphIndex(doc, TODAY);
    expect(() => findPaths(index, { kind: 'query', value: 'Zebra' }, 3)).toThrow(KithError);
    expect(() => findPaths(index, { kind: 'query', value: 'Zebra' }, 3)).toThrow(/Nothing in your network matches "Zebra"/);
    expect(() => findPaths(index, { kind: 'query', value: 'Ada' }, 3)).toThrow(/matches several people: Ada Byron.*Ada Lovelace/);
    expect(() => findPaths(index, { kind: 'company', value: 'Nowhere' }, 3)).toThrow(/Nobody in your network works or worked at "Nowhere"/);
    expect(names(index, findPaths(index, { kind: 'query', value: 'lovelace' }, 3).paths[0]?.nodes ?? [])).toEqual(['Me', 'Ada Lovelace']);
  });

  it('explains each hop in words', () => {
    const doc = network({
      communities: { c1: 'UX Guild' },
      people: {
        me: { name: 'Robin', communities: ['c1'] },
        priya: { name: 'Priya Raman', communities: ['c1'] },
        omar: { name: 'Omar Haddad', interests: ['Bouldering'] },
      },
      ties: [
        ['me', 'priya', 'living', { activity: 'professional-community', strength: 4, lastInteraction: '2025-05-25' }],
        ['priya', 'omar', 'unknown', { since: '2019-03-01' }],
      ],
    });
    const [path] = findPaths(buildGraphIndex(doc, TODAY), { kind: 'query', value: 'Omar Haddad' }, 1).paths;
    expect(path?.hops.map((h) => h.explanation)).toEqual([
      'You met Priya at UX Guild — Living: professional community, strong, last spoke 3 weeks ago',
      'Priya knows Omar — Origin unknown: not yet classified, since 2019',
    ]);
    expect(path?.summary).toBe('Mixed: 1 Living, 1 unclassified');
  });

  it('lists targets of every kind for the picker, best match first', () => {
    const doc = network({
      communities: { c1: 'Acme Alumni' },
      people: { a: { name: 'Acme Fan', company: 'Acme', tags: ['acme-watcher'], communities: ['c1'] } },
      ties: [['me', 'a', 'living']],
      opportunities: [{ id: 'o1', title: 'Acme contract', through: 'a' }],
    });
    const options = searchTargets(buildGraphIndex(doc, TODAY), 'acme', 10);
    expect(options.map((o) => `${o.kind}:${o.label}`)).toEqual([
      'company:Acme',
      'person:Acme Fan',
      'community:Acme Alumni',
      'tag:acme-watcher',
      'opportunity:Acme contract',
    ]);
  });

  it('returns the same k cheapest costs as enumerating every simple path (random graphs)', () => {
    const origins: Origin[] = ['living', 'doing', 'unknown'];
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 8 }),
        fc.array(fc.tuple(fc.nat(7), fc.nat(7), fc.constantFrom(...origins), fc.integer({ min: 1, max: 5 })), { maxLength: 18 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 6 }),
        (size, edges, targetIds, k) => {
          const people: Record<string, object> = {};
          for (let i = 1; i < size; i++) people[`p${i}`] = {};
          const id = (i: number) => (i % size === 0 ? 'me' : `p${i % size}`);
          const seen = new Set<string>();
          const ties: Array<[string, string, Origin, { strength: number }]> = [];
          for (const [x, y, origin, strength] of edges) {
            const a = id(x);
            const b = id(y);
            const key = [a, b].sort().join('|');
            if (a === b || seen.has(key)) continue;
            seen.add(key);
            ties.push([a, b, origin, { strength }]);
          }
          const doc = network({ people, ties });
          const index = buildGraphIndex(doc, TODAY);
          const targets = [...new Set(targetIds.map(id))].filter((t) => t !== 'me').map((t) => index.indexOf.get(t) as number);
          if (targets.length === 0) return;
          const expected = allSimplePathCosts(index, targets).slice(0, k);
          const got = searcherCosts(index, targets, k);
          expect(got.length).toBe(expected.length);
          got.forEach((c, i) => expect(c).toBeCloseTo(expected[i] as number, 6));
        },
      ),
      { numRuns: 300 },
    );
  });
});

function searcherCosts(index: GraphIndex, targets: number[], k: number): number[] {
  const paths = searcherFor(index).kShortest(index.me, targets, k);
  const keys = paths.map((p) => p.nodes.join(','));
  expect(new Set(keys).size).toBe(keys.length);
  return paths.map((p) => p.cost);
}

/** Brute force: every simple path from me that ends at its first target. */
function allSimplePathCosts(index: GraphIndex, targets: number[]): number[] {
  const isTarget = new Set(targets);
  const costs: number[] = [];
  const onPath = new Set<number>([index.me]);
  const walk = (u: number, cost: number) => {
    if (isTarget.has(u)) {
      costs.push(cost);
      return;
    }
    for (let s = index.adjStart[u] as number; s < (index.adjStart[u + 1] as number); s++) {
      const v = index.adjNode[s] as number;
      if (onPath.has(v)) continue;
      onPath.add(v);
      walk(v, cost + (index.cost[index.adjTie[s] as number] as number));
      onPath.delete(v);
    }
  };
  walk(index.me, 0);
  return costs.sort((a, b) => a - b);
}
