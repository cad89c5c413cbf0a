import { describe, expect, it } from 'vitest';
import type { KithFile, PersonId, TieId } from '../../../../shared/domain/model';
import { diffElements, viewElements, type GraphElement } from '../../../../renderer/src/graph/elements';
import { applyFilters } from '../../../../renderer/src/graph/filters';
import { FADE_LIMIT } from '../../../../renderer/src/graph/lod';
import { buildViewGraph } from '../../../../renderer/src/graph/viewGraph';
import { personNode as nodeId, strengthWidth, tieEdge as edgeId } from '../../../../renderer/src/graph/viewParts';
import type { GraphHighlight, Selection } from '../../../../renderer/src/store/selection';
import { NO_FILTERS } from '../../../../renderer/src/store/viewOptions';
import { GRAPH_THEMES, ORIGIN_CAPS, ORIGIN_COLORS, ORIGIN_DASHES, ORIGIN_LINE_STYLES } from '../../../../renderer/src/graph/palette';
import { graphStyle } from '../../../../renderer/src/graph/style';
import { network } from '../fixtures';

/** Everyone drawn one by one (no filters, no grouping), as a small network is. */
function everyoneElements(file: KithFile, selection: Selection = null, overlay: GraphHighlight | null = null): GraphElement[] {
  const visible = applyFilters(file, NO_FILTERS, null, '2026-06-01');
  const view = buildViewGraph(file, visible, {
    groupBy: 'none',
    hideMyTies: false,
    expanded: new Set(),
    pinned: new Set(),
    today: '2026-06-01',
  });
  return viewElements(view, selection, overlay);
}

const byId = (els: readonly GraphElement[]) => new Map(els.map((e) => [e.data.id, e]));
const edge = (els: readonly GraphElement[], tie: string) => {
  const el = els.find((e) => e.data.id === edgeId(tie));
  if (!el || el.group !== 'edges') throw new Error(`no edge ${tie}`);
  return el;
};

describe('viewElements of everyone drawn one by one', () => {
  const file = network(
    ['a', 'b', 'c'],
    [
      ['t1', 'me', 'a', 'living', 5],
      ['t2', 'b', 'me', 'doing', 1],
      ['t3', 'c', 'me', 'unknown'],
      ['t4', 'a', 'b', 'living', 3],
    ],
  );

  it('makes one node per person and one edge per tie, with stable prefixed ids and flat data', () => {
    const els = everyoneElements(file);
    expect(els.filter((e) => e.group === 'nodes').map((e) => e.data.id)).toEqual(['p:me', 'p:a', 'p:b', 'p:c']);
    expect(els.filter((e) => e.group === 'edges').map((e) => e.data.id)).toEqual(['t:t1', 't:t2', 't:t3', 't:t4']);
    for (const el of els) for (const v of Object.values(el.data)) expect(['string', 'number', 'boolean']).toContain(typeof v);
    expect(everyoneElements(file)).toEqual(els);
  });

  it('keeps ids when the order of people and ties changes', () => {
    const shuffled = { ...file, people: [...file.people].reverse(), ties: [...file.ties].reverse() };
    expect(byId(everyoneElements(shuffled))).toEqual(byId(everyoneElements(file)));
  });

  it('gives me the target end of every tie, whichever end the file names me', () => {
    const els = everyoneElements(file);
    for (const t of ['t1', 't2', 't3']) expect(edge(els, t).data.target).toBe('p:me');
    expect(edge(els, 't1').data.source).toBe('p:a');
  });

  it('gives the busier person the target end of ties between others', () => {
    const star = network(
      ['hub', 'x', 'y', 'z'],
      [
        ['1', 'hub', 'x', 'living'],
        ['2', 'y', 'hub', 'living'],
        ['3', 'hub', 'z', 'doing'],
      ],
    );
    for (const el of everyoneElements(star).filter((e) => e.group === 'edges')) {
      if (el.group === 'edges') expect(el.data.target).toBe('p:hub');
    }
  });

  it('marks origin with a class and strength with a width', () => {
    const els = everyoneElements(file);
    expect(edge(els, 't1').classes.split(' ')).toEqual(['tie', 'living']);
    expect(edge(els, 't2').classes.split(' ')).toContain('doing');
    expect(edge(els, 't3').classes.split(' ')).toContain('unknown');
    expect(edge(els, 't1').data.width).toBeGreaterThan(edge(els, 't2').data.width);
    expect(edge(els, 't3').data.strength).toBe(0);
    expect(strengthWidth(undefined)).toBe(2);
    expect(els.find((e) => e.data.id === 'p:me')?.classes).toBe('person me');
  });

  it('highlights a selected person, their ties and neighbours, and fades the rest', () => {
    const els = byId(everyoneElements(file, { kind: 'person', id: 'a' as PersonId }));
    expect(els.get('p:a')?.classes).toContain('selected');
    expect(els.get('p:me')?.classes).toContain('neighbour');
    expect(els.get('p:b')?.classes).toContain('neighbour');
    expect(els.get('p:c')?.classes).toContain('faded');
    expect(els.get('t:t1')?.classes).toContain('neighbourhood');
    expect(els.get('t:t3')?.classes).toContain('faded');
  });

  it('highlights a selected tie and its two ends', () => {
    const els = byId(everyoneElements(file, { kind: 'tie', id: 't4' as TieId }));
    expect(els.get('t:t4')?.classes).toContain('selected');
    expect(els.get('p:a')?.classes).toContain('neighbour');
    expect(els.get('p:b')?.classes).toContain('neighbour');
    expect(els.get('p:me')?.classes).toContain('faded');
  });

  it('does not restyle a large graph on each click: no fading beyond FADE_LIMIT', () => {
    const ids = Array.from({ length: FADE_LIMIT }, (_, i) => `p${i}`);
    const big = network(
      ids,
      ids.map((id, i) => [`t${i}`, id, 'me', 'living'] as [string, string, string, 'living']),
    );
    const els = everyoneElements(big, { kind: 'person', id: 'p1' as PersonId });
    expect(els.filter((e) => e.classes.includes('faded'))).toHaveLength(0);
    expect(els.filter((e) => e.classes.includes('selected'))).toHaveLength(1);
  });

  it('ignores a selection that no longer exists', () => {
    expect(everyoneElements(file, { kind: 'tie', id: 'gone' as TieId })).toEqual(everyoneElements(file));
  });

  it('skips ties whose people are missing rather than failing', () => {
    const broken = { ...file, people: file.people.filter((p) => p.id !== 'c') };
    expect(everyoneElements(broken).some((e) => e.data.id === 't:t3')).toBe(false);
  });
});

describe('diffElements', () => {
  const file = network(['a', 'b'], [['t1', 'me', 'a', 'living', 2]]);
  const base = everyoneElements(file);

  it('finds nothing to do for equal input', () => {
    expect(diffElements(byId(base), everyoneElements(file))).toEqual({ add: [], remove: [], data: [], classes: [] });
  });

  it('adds, removes, updates data and classes by id', () => {
    const next = network(['a', 'c'], [['t1', 'me', 'a', 'doing', 2]]);
    next.people[1] = { ...next.people[1]!, name: 'Renamed' };
    const diff = diffElements(byId(base), everyoneElements(next, { kind: 'tie', id: 't1' as TieId }));
    expect(diff.add.map((e) => e.data.id)).toEqual(['p:c']);
    expect(diff.remove).toEqual(['p:b']);
    expect(diff.data.map((d) => d.id)).toEqual(['p:a', 't:t1']);
    expect(diff.classes.map((c) => c.id)).toEqual(expect.arrayContaining(['p:me', 'p:a', 't:t1']));
  });

  it('re-adds an edge whose ends changed', () => {
    const ab = network(['a', 'b'], [['t9', 'a', 'b', 'living']]);
    const before = everyoneElements(ab);
    // b becomes the busier end: the edge flips so that b holds the target.
    const after = everyoneElements(
      network(
        ['a', 'b', 'c'],
        [
          ['t9', 'a', 'b', 'living'],
          ['t10', 'c', 'b', 'living'],
        ],
      ),
    );
    const diff = diffElements(byId(before), after);
    if (edge(before, 't9').data.target !== edge(after, 't9').data.target) {
      expect(diff.remove).toContain('t:t9');
      expect(diff.add.map((e) => e.data.id)).toContain('t:t9');
    }
    expect(edge(after, 't9').data.target).toBe('p:b');
  });
});

describe('palette and style', () => {
  it('uses Okabe–Ito colours and a second cue per origin', () => {
    expect(ORIGIN_COLORS).toEqual({ living: '#009E73', doing: '#D55E00', unknown: '#999999' });
    expect(ORIGIN_LINE_STYLES).toEqual({ living: 'solid', doing: 'dashed', unknown: 'dotted' });
    expect(ORIGIN_DASHES.living).toEqual([]);
    expect(ORIGIN_DASHES.doing).not.toEqual(ORIGIN_DASHES.unknown);
    expect(ORIGIN_CAPS.unknown).toBe('round');
  });

  it('styles each origin class with its colour and dash in both themes', () => {
    for (const theme of Object.values(GRAPH_THEMES)) {
      const sheet = graphStyle(theme);
      for (const origin of ['living', 'doing', 'unknown'] as const) {
        const rule = sheet.find((r) => 'selector' in r && r.selector === `edge.${origin}`);
        expect(rule && 'style' in rule ? (rule.style as Record<string, unknown>)['line-color'] : undefined).toBe(ORIGIN_COLORS[origin]);
      }
      expect(sheet.some((r) => 'selector' in r && r.selector === 'node.me')).toBe(true);
    }
  });
});

describe('ids', () => {
  it('keeps people and ties apart in one namespace', () => {
    expect(nodeId('x')).not.toBe(edgeId('x'));
  });
});
