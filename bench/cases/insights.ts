import Graph from 'graphology';
import { bidirectional } from 'graphology-shortest-path/dijkstra';
import type { Tie } from '../../shared/domain/model.js';
import { buildGraphIndex, findPaths, happenstanceReach, suggestIntroductions } from '../../shared/graph/index.js';
import { generateNetwork } from '../../tests/fixtures/generate/network.js';
import { time, type BenchCase, type BenchRow } from '../harness.js';

const TODAY = '2026-06-01';

/**
 * Planned-happenstance queries on the reference workload (30,000 people,
 * 100,000 ties). The peer is graphology's bidirectional Dijkstra for ONE
 * shortest path from me to the person our best path ends at, on a graphology
 * graph built once with the very same edge costs; only the queries are timed.
 * Each timed call cycles through companies of different sizes.
 */
export const benchCase: BenchCase = {
  group: 'insights',
  async run(): Promise<BenchRow[]> {
    const doc = generateNetwork({ people: 30_000, extraTies: 70_000, communities: 300 });
    const build = await time(() => buildGraphIndex(doc, TODAY), 5);
    const index = buildGraphIndex(doc, TODAY);

    const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
    for (const p of doc.people) graph.addNode(p.id);
    doc.ties.forEach((t: Tie, i) => graph.addUndirectedEdge(t.a, t.b, { weight: index.cost[i] as number }));

    const sizes = [...index.companies.values()].map((g) => ({ label: g.label, size: g.members.length })).sort((a, b) => b.size - a.size);
    const picks = [0, 1, 5, 20, 50, 100, 200, 300, sizes.length - 1].map(
      (i) => sizes[Math.min(i, sizes.length - 1)] as { label: string; size: number },
    );
    const endpoints = picks.map((c) => {
      const best = findPaths(index, { kind: 'company', value: c.label }, 3).paths[0];
      if (!best) throw new Error(`no path to ${c.label}`);
      return best.nodes[best.nodes.length - 1] as string;
    });

    let q = 0;
    const ours = await time(
      () => findPaths(index, { kind: 'company', value: (picks[q++ % picks.length] as { label: string }).label }, 3),
      27,
      9,
    );
    let r = 0;
    const peer = await time(
      () => {
        const path = bidirectional(graph, doc.meId, endpoints[r++ % endpoints.length], 'weight');
        if (!path) throw new Error('graphology found no path');
      },
      27,
      9,
    );
    const intros = await time(() => suggestIntroductions(index, 20), 7, 2);
    const reach = await time(() => happenstanceReach(index, 3), 5);
    const companies = picks.map((c) => c.size).join('/');

    return [
      {
        group: 'insights',
        what: 'graph index build, 30k people / 100k ties (CSR, costs, inverted indexes)',
        ms: build,
        target: 'reported; once per revision',
        pass: build <= 1000,
      },
      {
        group: 'insights',
        what: 'top-3 planned-happenstance paths to a company (Yen + Dijkstra, virtual sink)',
        ms: ours,
        peer: { what: 'graphology bidirectional Dijkstra, 1 path to 1 person', ms: peer },
        target: '≤ 50 ms and ≤ peer',
        pass: ours <= 50 && ours <= peer,
        note: `companies of ${companies} people (current or past employees), one per call`,
      },
      {
        group: 'insights',
        what: 'top-20 introduction suggestions (inverted indexes, capped; no all-pairs scan)',
        ms: intros,
        target: '≤ 300 ms',
        pass: intros <= 300,
      },
      {
        group: 'insights',
        what: 'happenstance reach, Living vs Doing within 3 hops',
        ms: reach,
        target: 'reported',
        pass: true,
      },
    ];
  },
};
