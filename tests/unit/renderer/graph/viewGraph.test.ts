import { describe, expect, it } from 'vitest';
import type { PersonId, TieId } from '../../../../shared/domain/model';
import { diffElements, viewElements, type GraphElement } from '../../../../renderer/src/graph/elements';
import { applyFilters } from '../../../../renderer/src/graph/filters';
import { MAX_AGG_EDGES, MAX_GROUPS } from '../../../../renderer/src/graph/lod';
import { buildViewGraph, type ViewGraph, type ViewGraphOptions } from '../../../../renderer/src/graph/viewGraph';
import { groupSize } from '../../../../renderer/src/graph/viewParts';
import { warmth } from '../../../../shared/graph/cost';
import { NO_FILTERS, type GroupBy } from '../../../../renderer/src/store/viewOptions';
import { crowd, net, type P, type T } from './fixtures';

const TODAY = '2026-06-01';

function view(file: ReturnType<typeof net>, opts: Partial<ViewGraphOptions> & { groupBy: GroupBy }): ViewGraph {
  return buildViewGraph(file, applyFilters(file, NO_FILTERS, null, TODAY), {
    hideMyTies: false,
    expanded: new Set(),
    pinned: new Set(),
    today: TODAY,
    ...opts,
  });
}

const acme = crowd('a', 6, 'Acme', 'living');
const beta = crowd('b', 3, 'Beta', 'doing');
const among: T[] = [
  ['x1', 'a0', 'a1', 'living'],
  ['x2', 'a2', 'a3', 'living'],
  ['x3', 'a0', 'b0', 'doing'],
  ['x4', 'a1', 'b1', 'living'],
  ['x5', 'a2', 'b2', 'doing'],
];
const file = net([...acme.people, ...beta.people, { id: 'z' }], [...acme.ties, ...beta.ties, ...among]);

describe('buildViewGraph: grouping', () => {
  it('draws one node per group with its count and the pie of its ties to me, plus me', () => {
    const v = view(file, { groupBy: 'company' });
    expect(v.mode).toBe('grouped');
    const groups = v.nodes.filter((n) => n.kind === 'group');
    expect(groups.map((g) => [g.ref, g.count])).toEqual([
      ['company:acme', 6],
      ['company:beta', 3],
      ['company:', 1],
    ]);
    const acmeNode = groups[0];
    expect(acmeNode?.label).toBe('Acme · 6');
    expect([acmeNode?.living, acmeNode?.doing, acmeNode?.unknown]).toEqual([100, 0, 0]);
    expect(groups[2]?.label).toBe('No company · 1');
    expect(groups[2]?.isTiedToMe).toBe(false);
    expect(acmeNode?.size).toBe(groupSize(6));
    expect(v.nodes.filter((n) => n.kind !== 'group').map((n) => n.id)).toEqual(['p:me']);
  });

  it('sums ties between drawn nodes into one aggregated edge each, with counts by origin; ties inside a group are not drawn', () => {
    const v = view(file, { groupBy: 'company' });
    const agg = v.edges.find((e) => [e.source, e.target].sort().join() === 'g:company:acme,g:company:beta');
    expect(agg).toMatchObject({ kind: 'agg', count: 3, living: 1, doing: 2, unknown: 0, origin: 'doing' });
    const toMe = v.edges.find((e) => e.source === 'g:company:acme');
    expect(toMe).toMatchObject({ target: 'p:me', count: 6, origin: 'living' });
    expect(v.edges).toHaveLength(3);
    expect(v.edgeOfTie.get('x1')).toBeUndefined();
    expect(v.edgeOfTie.get('x3')).toBe(agg?.id);
    expect(v.repOf.get('a4')).toBe('g:company:acme');
  });

  it('gives the hub the target end: me always, else the end with more edges', () => {
    const v = view(file, { groupBy: 'company' });
    for (const e of v.edges) {
      if (e.source === 'p:me' || e.target === 'p:me') expect(e.target).toBe('p:me');
    }
  });

  it('draws the members of an expanded group inside it, with their own ties, and aggregates towards collapsed groups', () => {
    const v = view(file, { groupBy: 'company', expanded: new Set(['company:acme']) });
    const members = v.nodes.filter((n) => n.parent === 'g:company:acme');
    expect(members.map((n) => n.ref).sort()).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5']);
    expect(v.nodes.find((n) => n.id === 'g:company:acme')?.expanded).toBe(true);
    expect(v.edges.find((e) => e.id === 't:x1')).toMatchObject({ kind: 'tie', origin: 'living' });
    expect(v.edges.find((e) => e.id === 't:t-a0')).toMatchObject({ target: 'p:me' });
    const toBeta = v.edges
      .filter((e) => e.target === 'g:company:beta' || e.source === 'g:company:beta')
      .filter((e) => !e.id.includes('p:me'));
    expect(toBeta.map((e) => e.count).sort()).toEqual([1, 1, 1]);
    expect(v.repOf.get('a0')).toBe('p:a0');
  });

  it('draws a pinned person on their own beside their collapsed group', () => {
    const v = view(file, { groupBy: 'company', pinned: new Set(['b1']) });
    expect(v.nodes.find((n) => n.id === 'p:b1')?.parent).toBeUndefined();
    expect(v.repOf.get('b1')).toBe('p:b1');
    expect(v.groupOf.get('b1')).toBe('company:beta');
    expect(v.nodes.find((n) => n.id === 'g:company:beta')?.count).toBe(3);
  });

  it('hides my own ties on request, keeping everyone', () => {
    const v = view(file, { groupBy: 'company', hideMyTies: true });
    expect(v.edges.some((e) => e.source === 'p:me' || e.target === 'p:me')).toBe(false);
    expect(v.nodes).toHaveLength(4);
  });

  it('folds the smallest groups into one "Other" group beyond MAX_GROUPS', () => {
    const people: P[] = [];
    const ties: T[] = [];
    for (let g = 0; g < MAX_GROUPS + 30; g++) {
      for (let i = 0; i < (g < 10 ? 5 : 1); i++) {
        people.push({ id: `g${g}-${i}`, company: `Company ${g}` });
        ties.push([`t-${g}-${i}`, `g${g}-${i}`, 'me', 'unknown']);
      }
    }
    const v = view(net(people, ties), { groupBy: 'company' });
    const groups = v.nodes.filter((n) => n.kind === 'group');
    expect(groups).toHaveLength(MAX_GROUPS);
    const other = groups.find((n) => n.ref.endsWith('other'));
    expect(other?.label).toBe('Other companies (31) · 31');
    expect(groups.reduce((s, g) => s + g.count, 0)).toBe(people.length);
  });

  it('keeps at most MAX_AGG_EDGES aggregates, the strongest, never dropping an edge to me', () => {
    const people: P[] = [];
    const ties: T[] = [];
    const n = 60;
    for (let g = 0; g < n; g++) {
      people.push({ id: `p${g}`, company: `C${g}` });
      ties.push([`m${g}`, `p${g}`, 'me', 'living']);
    }
    for (let g = 0; g < n; g++) for (let h = g + 1; h < n; h++) ties.push([`x${g}-${h}`, `p${g}`, `p${h}`, 'unknown']);
    const v = view(net(people, ties), { groupBy: 'company' });
    const aggs = v.edges.filter((e) => e.kind === 'agg');
    expect(aggs.length).toBe(MAX_AGG_EDGES);
    expect(v.hiddenAggregates).toBe(n + (n * (n - 1)) / 2 - MAX_AGG_EDGES);
    expect(aggs.filter((e) => e.target === 'p:me')).toHaveLength(n);
  });

  it('groups by community and by first tag too', () => {
    const f = net(
      [
        { id: 'a', communities: ['c1'], tags: ['climber'] },
        { id: 'b', communities: ['c1'] },
        { id: 'c', tags: ['Climber', 'x'] },
      ],
      [['t1', 'a', 'me', 'living']],
      [['c1', 'Bouldering club']],
    );
    expect(
      view(f, { groupBy: 'community' })
        .nodes.filter((n) => n.kind === 'group')
        .map((n) => n.label),
    ).toEqual(['Bouldering club · 2', 'No community · 1']);
    expect(
      view(f, { groupBy: 'tag' })
        .nodes.filter((n) => n.kind === 'group')
        .map((n) => n.label),
    ).toEqual(['climber · 2', 'No tag · 1']);
  });

  it('draws everyone one by one with grouping "none"', () => {
    const v = view(file, { groupBy: 'none' });
    expect(v.mode).toBe('people');
    expect(v.nodes).toHaveLength(file.people.length);
    expect(v.edges).toHaveLength(file.ties.length);
  });

  it('orders people and groups by the one warmth formula (shared/graph/cost.ts): Living over unknown over Doing, stronger and recent warmer', () => {
    const w = (origin: 'living' | 'doing' | 'unknown', strength?: number, last?: string) =>
      warmth({ origin, ...(strength ? { strength } : {}), ...(last ? { lastInteraction: last } : {}) }, TODAY);
    expect(w('living')).toBeGreaterThan(w('unknown'));
    expect(w('unknown')).toBeGreaterThan(w('doing'));
    expect(w('living', 5)).toBeGreaterThan(w('living', 1));
    expect(w('doing', 3, '2026-01-01')).toBeGreaterThan(w('doing', 3, '2020-01-01'));
    const warm = net(
      [{ id: 'l' }, { id: 'd' }],
      [
        ['t1', 'me', 'l', 'living', 4, '2026-05-01'],
        ['t2', 'd', 'me', 'doing', 2],
      ],
    );
    const nodes = view(warm, { groupBy: 'none' }).nodes;
    const tieOf = (id: string) => warm.ties.find((t) => t.a === id || t.b === id);
    for (const id of ['l', 'd']) {
      const tie = tieOf(id);
      if (!tie) throw new Error(`no tie of ${id}`);
      expect(nodes.find((n) => n.ref === id)?.warmth).toBe(warmth(tie, TODAY));
    }
    const grouped = view(file, { groupBy: 'company' }).nodes.find((n) => n.ref === 'company:acme');
    const members = acme.ties.map((t) => warmth(file.ties.find((x) => x.id === t[0]) ?? { origin: 'unknown' }, TODAY));
    expect(grouped?.warmth).toBeCloseTo(members.reduce((a, b) => a + b, 0) / members.length, 10);
  });
});

describe('viewElements on a grouped view', () => {
  const v = view(file, { groupBy: 'company', expanded: new Set(['company:beta']) });
  const byId = (els: readonly GraphElement[]) => new Map(els.map((e) => [e.data.id, e]));

  it('classes groups, expanded groups, members and aggregates; data stays flat', () => {
    const els = byId(viewElements(v));
    expect(els.get('g:company:acme')?.classes).toBe('group');
    expect(els.get('g:company:beta')?.classes).toBe('group expanded');
    expect(els.get('g:company:')?.classes).toBe('group untied');
    expect(els.get('p:b0')?.classes).toBe('person member');
    expect(els.get('p:b0')?.data).toMatchObject({ parent: 'g:company:beta', kind: 'person' });
    for (const el of els.values())
      for (const value of Object.values(el.data)) expect(['string', 'number', 'boolean']).toContain(typeof value);
    const agg = [...els.values()].find((e) => e.group === 'edges' && e.classes.startsWith('agg'));
    expect(agg?.classes).toMatch(/^agg (living|doing|unknown)$/);
  });

  it('puts an overlay on the node that stands for each person: a collapsed group takes its strongest class', () => {
    const overlay = {
      nodes: new Map([
        ['a0', 'path-alt'],
        ['a1', 'path'],
        ['b0', 'path'],
      ]),
      edges: new Map([['x3', 'path']]),
      rest: 'dimmed',
    };
    const els = byId(viewElements(v, null, overlay));
    expect(els.get('g:company:acme')?.classes).toContain('path');
    expect(els.get('g:company:acme')?.classes).not.toContain('path-alt');
    expect(els.get('p:b0')?.classes).toContain('path');
    expect(els.get('p:b2')?.classes).toContain('dimmed');
    const x3 = v.edgeOfTie.get('x3') ?? '';
    expect(els.get(x3)?.classes).toContain('path');
  });

  it('selecting a person marks their drawn edges and neighbours', () => {
    const els = byId(viewElements(v, { kind: 'person', id: 'b0' as PersonId }));
    expect(els.get('p:b0')?.classes).toContain('selected');
    expect(els.get('p:me')?.classes).toContain('neighbour');
    expect(els.get('g:company:acme')?.classes).toContain('neighbour');
    const tieSel = byId(viewElements(v, { kind: 'tie', id: 'x3' as TieId }));
    expect(tieSel.get('g:company:acme')?.classes).toContain('neighbour');
  });

  it('re-adds a node whose parent changed (Cytoscape cannot move it by data)', () => {
    const before = viewElements(v);
    const after = viewElements(view(file, { groupBy: 'company', pinned: new Set(['b0']) }));
    const diff = diffElements(byId(before), after);
    expect(diff.remove).toContain('p:b0');
    expect(diff.add.map((e) => e.data.id)).toContain('p:b0');
    expect(diff.remove).toContain('p:b1');
  });
});
