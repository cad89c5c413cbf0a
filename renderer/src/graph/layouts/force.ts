import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { emit, ringLayout } from './geometry';
import type { LayoutInput, LayoutResult, ProgressFn } from './types';

/** Iterations of ForceAtlas2 for a graph of `n` items: fewer on big graphs, where Barnes–Hut makes each cost O(n log n). */
export function forceIterations(n: number): number {
  if (n <= 200) return 500;
  if (n <= 1000) return 300;
  if (n <= 3000) return 200;
  return 120;
}

const CHUNK = 10;

/**
 * ForceAtlas2 (graphology, Barnes–Hut above 300 items, sizes kept apart) on
 * the top-level items, starting from where they are now (or from the rings
 * when new), run in chunks so that `progress` can report; then the centre
 * goes back to (0, 0) and members are laid out around their item. Meant for
 * the layout worker: a long synchronous run in the page would freeze it.
 */
export function forceLayout(input: LayoutInput, progress?: ProgressFn): LayoutResult {
  const { items, edges, centre } = input;
  const seeds = new Map<string, readonly [number, number]>(Object.entries(input.seeds));
  const missing = items.some((it) => !seeds.has(it.id));
  if (missing) {
    for (const [id, x, y] of ringLayout(input)) if (!seeds.has(id)) seeds.set(id, [x, y]);
    // Items that ringLayout does not place themselves (discs of members) start at their members' middle.
    items.forEach((it) => {
      if (seeds.has(it.id) || !it.members || it.members.length === 0) return;
      const pts = it.members.map((m) => seeds.get(m)).filter((p): p is readonly [number, number] => p !== undefined);
      const n = Math.max(1, pts.length);
      seeds.set(it.id, [pts.reduce((s, p) => s + p[0], 0) / n, pts.reduce((s, p) => s + p[1], 0) / n]);
    });
  }
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  items.forEach((it, i) => {
    const [x, y] = seeds.get(it.id) ?? [Math.cos(i) * 100 * Math.sqrt(i + 1), Math.sin(i) * 100 * Math.sqrt(i + 1)];
    graph.addNode(String(i), { x, y, size: it.radius });
  });
  for (const [a, b, w] of edges) {
    if (a === b) continue;
    const ka = String(a);
    const kb = String(b);
    if (graph.hasEdge(ka, kb)) graph.updateEdgeAttribute(ka, kb, 'weight', (v: number | undefined) => (v ?? 0) + w);
    else graph.addEdge(ka, kb, { weight: w });
  }
  // Weights are tie counts: damp them, or one big company pair pulls everything into a line.
  graph.forEachEdge((edge, attr) => graph.setEdgeAttribute(edge, 'weight', Math.log2(1 + (attr.weight as number))));
  const n = items.length;
  const settings = {
    ...forceAtlas2.inferSettings(n),
    barnesHutOptimize: n > 300,
    adjustSizes: true,
    scalingRatio: 12,
    gravity: 0.6,
    strongGravityMode: false,
    linLogMode: false,
    slowDown: 1 + Math.log10(Math.max(1, n)),
  };
  const total = forceIterations(n);
  for (let done = 0; done < total; done += CHUNK) {
    forceAtlas2.assign(graph, { iterations: Math.min(CHUNK, total - done), settings, getEdgeWeight: 'weight' });
    progress?.(Math.min(total, done + CHUNK), total);
  }
  const centres: Array<[number, number]> = items.map((_, i) => {
    const attr = graph.getNodeAttributes(String(i)) as { x: number; y: number };
    return [attr.x, attr.y];
  });
  const [cx, cy] = centre >= 0 ? (centres[centre] ?? [0, 0]) : [0, 0];
  return emit(
    items,
    centres.map(([x, y]) => [x - cx, y - cy] as const),
  );
}
