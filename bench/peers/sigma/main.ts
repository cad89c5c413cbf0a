import Graph from 'graphology';
import Sigma from 'sigma';

/** Nodes as [id, x, y, size, colour, label], edges as [source, target, colour], and me: compact, parsed once. */
interface PeerGraph {
  readonly nodes: ReadonlyArray<readonly [string, number, number, number, string, string]>;
  readonly edges: ReadonlyArray<readonly [string, string, string]>;
  readonly me: string;
}

export interface PeerProbe {
  /** performance.now() of the first frame after sigma drew every node and edge; null before. */
  drawnAt: number | null;
  nodes: number;
  edges: number;
  /** The node a tap lands on in the first-picture benchmark (me, as in the app). */
  me: string;
  /** The node the last click landed on, once sigma has reported it (clickNode). */
  clicked: string | null;
  /** Where a node is drawn, in page coordinates. */
  pagePoint(id: string): { x: number; y: number };
  /** Pans by screen pixels and zooms by a factor: one step of the pan/zoom benchmark. */
  step(dx: number, dy: number, factor: number): void;
}

declare global {
  interface Window {
    __peer?: PeerProbe;
  }
}

/**
 * The benchmark's peer: sigma.js (WebGL) drawing the WHOLE network, every
 * node and every edge, at the positions the bench computed. Timed from
 * navigation start (fetch and parse included, as the app's are) to the
 * first frame after sigma's first render.
 */
async function main(): Promise<void> {
  const container = document.getElementById('graph');
  if (!container) throw new Error('no #graph');
  const source = new URLSearchParams(location.search).get('data') ?? 'graph.json';
  const data = (await (await fetch(source)).json()) as PeerGraph;
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const [id, x, y, size, color, label] of data.nodes) graph.addNode(id, { x, y, size, color, label });
  for (const [a, b, color] of data.edges) graph.mergeEdge(a, b, { color, size: 0.6 });
  // Sizes in screen pixels (people 3 px, me 12 px), as sigma 1–3 read them: sigma 4 reads them in graph units by
  // default, which leaves the nodes of these spread-out layouts under a pixel, invisible and out of reach of a tap.
  const sigma = new Sigma(graph, container, {
    settings: { renderEdgeLabels: false, labelRenderedSizeThreshold: 8, itemSizesReference: 'screen' },
  });
  const panel = document.getElementById('panel');
  if (!panel) throw new Error('no #panel');
  const probe: PeerProbe = {
    drawnAt: null,
    nodes: graph.order,
    edges: graph.size,
    me: data.me,
    clicked: null,
    pagePoint(id) {
      const at = sigma.graphToViewport(graph.getNodeAttributes(id) as { x: number; y: number });
      const box = container.getBoundingClientRect();
      return { x: box.left + at.x, y: box.top + at.y };
    },
    step(dx, dy, factor) {
      const camera = sigma.getCamera();
      const state = camera.getState();
      const { width, height } = sigma.getDimensions();
      camera.setState({
        x: state.x - (dx / width) * state.ratio,
        y: state.y + (dy / height) * state.ratio,
        ratio: state.ratio / factor,
      });
    },
  };
  // A click's visible answer, as the app's tap on a person: the node is highlighted and its name shows in a panel.
  sigma.on('clickNode', ({ node }) => {
    if (probe.clicked !== null && probe.clicked !== node) sigma.setNodeState(probe.clicked, { isHighlighted: false });
    sigma.setNodeState(node, { isHighlighted: true });
    panel.textContent = String(graph.getNodeAttribute(node, 'label'));
    panel.dataset['kind'] = 'person';
    probe.clicked = node;
  });
  window.__peer = probe;
  // Sigma renders synchronously in its constructor: the next frame has it on screen.
  requestAnimationFrame(() => {
    probe.drawnAt = performance.now();
    performance.mark('sigma:drawn');
  });
}

void main();
