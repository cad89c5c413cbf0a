import cytoscape, { type Core, type EventObject } from 'cytoscape';
import type { KithFile, PersonId, TieId } from '../../../shared/domain/model';
import type { GraphProbe, GraphSnapshot } from '../api/bridge';
import type { AppState, AppStore } from '../store/appStore';
import { diffElements, edgeId, nodeId, toElements, type GraphElement, type GraphHighlight, type Selection } from './elements';
import { concentricLayout, placeNewNode, type Point } from './layout';
import { GRAPH_THEMES, type ThemeName } from './palette';
import { graphStyle } from './style';

const FIT_PADDING = 64;
const MAX_FIT_ZOOM = 1.3;
const ANIMATE_BELOW = 600;
const BULK_PLACE_LIMIT = 200;

/**
 * Cytoscape as a view of the store: created once, fed diffs by id inside
 * cy.batch(), laid out only when the store's layout key changes. Taps become
 * store actions. Owns no state that matters beyond positions.
 */
export class GraphController implements GraphProbe {
  private readonly cy: Core;
  private current = new Map<string, GraphElement>();
  private file: KithFile | null = null;
  private selection: Selection = null;
  private layoutKey = -1;
  private fitKey = 0;
  private focusSeq = 0;
  private highlight: GraphHighlight | null = null;
  private fitToSeq = 0;
  private zoomSeq = 0;
  private layoutRuns = 0;
  /** People drawn before they had any tie: they move next to their first neighbour. */
  private readonly loose = new Set<string>();
  private readonly offs: Array<() => void> = [];

  constructor(
    private readonly container: HTMLElement,
    private readonly store: AppStore,
  ) {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    this.cy = cytoscape({
      container,
      elements: [],
      style: graphStyle(GRAPH_THEMES[themeOf(media)]),
      layout: { name: 'preset' },
      minZoom: 0.04,
      maxZoom: 3,
      boxSelectionEnabled: false,
      autounselectify: true,
      selectionType: 'single',
    });
    this.cy.on('tap', 'node', (e: EventObject) => store.select({ kind: 'person', id: e.target.data('ref') as PersonId }));
    this.cy.on('tap', 'edge', (e: EventObject) => store.select({ kind: 'tie', id: e.target.data('ref') as TieId }));
    this.cy.on('tap', (e: EventObject) => {
      if (e.target === this.cy) store.select(null);
    });
    this.cy.on('mouseover', 'node, edge', (e: EventObject) => {
      e.target.addClass('hover');
      container.style.cursor = 'pointer';
    });
    this.cy.on('mouseout', 'node, edge', (e: EventObject) => {
      e.target.removeClass('hover');
      container.style.cursor = '';
    });

    const onTheme = () =>
      this.cy
        .style()
        .fromJson(graphStyle(GRAPH_THEMES[themeOf(media)]))
        .update();
    media.addEventListener('change', onTheme);
    this.offs.push(() => media.removeEventListener('change', onTheme));

    const resize = new ResizeObserver(() => this.cy.resize());
    resize.observe(container);
    this.offs.push(() => resize.disconnect());

    this.offs.push(store.subscribe(() => this.sync(store.getState())));
    this.sync(store.getState());
  }

  destroy(): void {
    this.offs.forEach((off) => off());
    this.cy.destroy();
  }

  private sync(state: AppState): void {
    const file = state.network?.file ?? null;
    const relayout = state.layoutKey !== this.layoutKey && file !== null;
    if (file !== this.file || state.selection !== this.selection || state.highlight !== this.highlight || relayout) {
      this.render(file, state.selection, relayout, state.highlight);
      this.highlight = state.highlight;
      this.file = file;
      this.selection = state.selection;
    }
    if (relayout && file) {
      this.layoutKey = state.layoutKey;
      this.runLayout(file, state.layoutAnimated);
    }
    if (state.fitKey !== this.fitKey) {
      this.fitKey = state.fitKey;
      this.fit(true);
    }
    if (state.zoom && state.zoom.seq !== this.zoomSeq) {
      this.zoomSeq = state.zoom.seq;
      const cy = this.cy;
      const level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * state.zoom.factor));
      cy.stop();
      cy.animate({ zoom: { level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } } }, { duration: 160 });
    }
    if (state.fitTo && state.fitTo.seq !== this.fitToSeq) {
      this.fitToSeq = state.fitTo.seq;
      this.fitPeople(state.fitTo.ids);
    }
    if (state.focus && state.focus.seq !== this.focusSeq) {
      this.focusSeq = state.focus.seq;
      const node = this.cy.getElementById(nodeId(state.focus.id));
      if (node.nonempty()) {
        this.cy.stop();
        this.cy.animate({ center: { eles: node }, zoom: Math.max(this.cy.zoom(), 0.9) }, { duration: 280 });
      }
    }
  }

  private render(file: KithFile | null, selection: Selection, willLayout: boolean, highlight: GraphHighlight | null = null): void {
    const next = file ? toElements(file, selection, highlight) : [];
    const diff = diffElements(this.current, next);
    if (diff.add.length + diff.remove.length + diff.data.length + diff.classes.length === 0) return;
    const cy = this.cy;
    const neighbours = file && diff.add.length + this.loose.size > 0 ? neighbourMap(file) : null;
    let bulk = false;
    cy.batch(() => {
      for (const id of diff.remove) {
        cy.getElementById(id).remove();
        this.loose.delete(id);
      }
      const nodes = diff.add.filter((el) => el.group === 'nodes');
      const edges = diff.add.filter((el) => el.group === 'edges');
      // Placing one by one is O(people) each: a big batch (an undone mass delete) gets a fresh layout instead.
      bulk = !willLayout && nodes.length > BULK_PLACE_LIMIT;
      for (const el of nodes) {
        const position = willLayout || bulk || !file || !neighbours ? { x: 0, y: 0 } : this.placeNew(file, el.data.ref, neighbours);
        cy.add({ group: 'nodes', data: { ...el.data }, classes: el.classes, position });
      }
      if (edges.length > 0) cy.add(edges.map((el) => ({ group: 'edges' as const, data: { ...el.data }, classes: el.classes })));
      for (const { id, data } of diff.data) cy.getElementById(id).data({ ...data });
      for (const { id, classes } of diff.classes) cy.getElementById(id).classes(classes);
    });
    if (bulk && file) this.runLayout(file, false);
    else if (!willLayout && file && neighbours) this.settleLoose(file, neighbours);
    this.current = new Map(next.map((el) => [el.data.id, el]));
  }

  private placeNew(file: KithFile, ref: string, neighbours: ReadonlyMap<string, readonly string[]>): Point {
    const me = this.positionOf(file.meId) ?? { x: 0, y: 0 };
    if (ref === file.meId) return { x: 0, y: 0 };
    const around = neighbours.get(ref) ?? [];
    const drawn = around.filter((id) => id !== file.meId).flatMap((id) => this.positionOrEmpty(id));
    const isTiedToMe = around.includes(file.meId);
    const myTies = isTiedToMe ? (neighbours.get(file.meId) ?? []).filter((id) => id !== ref).flatMap((id) => this.positionOrEmpty(id)) : [];
    const self = nodeId(ref);
    const occupied = this.cy
      .nodes()
      .filter((n) => n.id() !== self)
      .nodes()
      .map((n) => ({ ...n.position() }));
    const point = placeNewNode({ me, neighbours: drawn, isTiedToMe, myTies, occupied });
    if (around.length === 0) this.loose.add(nodeId(ref));
    return point;
  }

  /** A person drawn without ties who now has some moves beside them; nobody else moves. */
  private settleLoose(file: KithFile, neighbours: ReadonlyMap<string, readonly string[]>): void {
    for (const id of [...this.loose]) {
      const node = this.cy.getElementById(id);
      const ref = node.data('ref') as string | undefined;
      if (!ref || node.empty()) {
        this.loose.delete(id);
        continue;
      }
      if ((neighbours.get(ref) ?? []).length === 0) continue;
      this.loose.delete(id);
      node.position(this.placeNew(file, ref, neighbours));
    }
  }

  private positionOf(ref: string): Point | null {
    const node = this.cy.getElementById(nodeId(ref));
    return node.nonempty() ? node.position() : null;
  }

  private positionOrEmpty(ref: string): Point[] {
    const p = this.positionOf(ref);
    return p ? [p] : [];
  }

  private runLayout(file: KithFile, animated: boolean): void {
    const positions = concentricLayout(file);
    this.loose.clear();
    this.layoutRuns += 1;
    const at = (ref: string) => positions.get(ref) ?? { x: 0, y: 0 };
    if (animated && file.people.length < ANIMATE_BELOW) {
      this.cy.stop();
      this.cy
        .layout({
          name: 'preset',
          positions: (node: cytoscape.NodeSingular) => at(node.data('ref') as string),
          animate: true,
          animationDuration: 380,
          fit: true,
          padding: FIT_PADDING,
        } as cytoscape.LayoutOptions)
        .run();
      return;
    }
    this.cy.batch(() => this.cy.nodes().forEach((node) => void node.position(at(node.data('ref') as string))));
    this.fit(false);
  }

  /** Centres the given people (a path), as close as the fit zoom cap allows. */
  private fitPeople(ids: readonly string[]): void {
    const cy = this.cy;
    let eles = cy.collection();
    for (const id of ids) eles = eles.union(cy.getElementById(nodeId(id)));
    if (eles.empty()) return;
    cy.stop();
    const before = { zoom: cy.zoom(), pan: { ...cy.pan() } };
    cy.fit(eles, FIT_PADDING * 2);
    if (cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center(eles);
    }
    const target = { zoom: cy.zoom(), pan: { ...cy.pan() } };
    cy.viewport(before);
    cy.animate(target, { duration: 280 });
  }

  private fit(animated: boolean): void {
    const cy = this.cy;
    if (cy.nodes().empty()) return;
    cy.stop();
    const before = { zoom: cy.zoom(), pan: { ...cy.pan() } };
    cy.fit(undefined, FIT_PADDING);
    if (cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center();
    }
    if (!animated) return;
    const target = { zoom: cy.zoom(), pan: { ...cy.pan() } };
    cy.viewport(before);
    cy.animate(target, { duration: 260 });
  }

  snapshot(): GraphSnapshot {
    return {
      nodes: this.cy.nodes().map((n) => ({
        id: n.data('ref') as string,
        label: n.data('label') as string,
        isMe: n.data('isMe') as boolean,
        x: n.position('x'),
        y: n.position('y'),
        classes: n.classes(),
      })),
      edges: this.cy.edges().map((e) => ({
        id: e.data('ref') as string,
        source: e.source().data('ref') as string,
        target: e.target().data('ref') as string,
        origin: e.data('origin') as string,
        color: toHex(e.style('line-color') as string),
        lineStyle: e.style('line-style') as string,
        dash: e.style('line-style') === 'solid' ? '' : String(e.style('line-dash-pattern') as unknown),
        width: e.numericStyle('width') as number,
      })),
      zoom: this.cy.zoom(),
      layoutRuns: this.layoutRuns,
    };
  }

  pagePoint(kind: 'node' | 'edge', id: string): { x: number; y: number } | null {
    if (this.cy.$id(kind === 'node' ? nodeId(id) : edgeId(id)).empty()) return null;
    const p =
      kind === 'node'
        ? this.cy.$id(nodeId(id)).nodes().first().renderedPosition()
        : this.cy.$id(edgeId(id)).edges().first().renderedMidpoint();
    const box = this.container.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }
}

function themeOf(media: MediaQueryList): ThemeName {
  return media.matches ? 'dark' : 'light';
}

function neighbourMap(file: KithFile): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const push = (a: string, b: string) => {
    const list = out.get(a);
    if (list) list.push(b);
    else out.set(a, [b]);
  };
  for (const t of file.ties) {
    push(t.a, t.b);
    push(t.b, t.a);
  }
  return out;
}

/** `rgb(0,158,115)` → `#009E73`, so that tests compare with the palette as written. */
function toHex(color: string): string {
  const m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  if (!m) return color;
  return `#${[m[1], m[2], m[3]].map((v) => Number(v).toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}
