import cytoscape, { type Core, type EventObject, type NodeSingular } from 'cytoscape';
import type { KithFile, PersonId, TieId } from '../../../shared/domain/model';
import type { GraphProbe, GraphSnapshot } from '../api/bridge';
import type { AppState, AppStore } from '../store/appStore';
import { layoutKeyOf, parseLayoutKey, type ViewState } from '../store/viewStore';
import { diffElements, viewElements, type GraphElement, type GraphHighlight, type Selection } from './elements';
import { downloadBlob, downloadText, exportName, setGraphActions } from './exportView';
import { applyFilters, type Visible } from './filters';
import { placeNewNode, type Point } from './layout';
import { discRadius, sunflower } from './layouts/geometry';
import { computeQuickLayout } from './layouts/compute';
import { layoutRequest } from './layouts/input';
import { LayoutRunner, needsWorker } from './layouts/runner';
import type { LayoutResult } from './layouts/types';
import {
  chooseRenderer,
  classifyGl,
  effectiveGrouping,
  labelPolicy,
  MAX_EXPANDED_PEOPLE,
  WEBGL_MAX_ELEMENTS_BACK,
  type EffectiveGrouping,
  type GlSupport,
  type LabelPolicy,
  type RendererName,
} from './lod';
import { GRAPH_THEMES, type ThemeName } from './palette';
import { drawDirectly } from './firstDraw';
import { graphStyle } from './style';
import { buildViewGraph, groupKeyOf, personNode, type ViewGraph, type ViewNode } from './viewGraph';
import type { LayoutName } from './viewOptions';

/** cytoscape-svg (with canvas2svg) loads on the first SVG export: the first picture does not wait for it. */
let svgReady: Promise<void> | null = null;
function loadSvgExport(): Promise<void> {
  svgReady ??= import('cytoscape-svg').then((m) => void cytoscape.use(m.default));
  return svgReady;
}

const FIT_PADDING = 64;
/** How long after the first picture Cytoscape draws without its texture caches at most (see drawDirectly). */
const DIRECT_DRAW_MS = 1500;
const MAX_FIT_ZOOM = 1.3;
const ANIMATE_BELOW = 600;
/** More new nodes than this at once (an undone mass delete) get a fresh layout rather than one-by-one placement. */
const BULK_PLACE_LIMIT = 200;
const SAVE_DEBOUNCE_MS = 1500;
/** Saved positions are used when they cover this share of what is drawn; else the layout runs afresh. */
const RESTORE_COVERAGE = 0.8;
/** A layout that takes longer than this shows its progress bar. */
const PROGRESS_AFTER_MS = 250;

type ViewMemo = {
  file: KithFile;
  visible: Visible;
  groupBy: string;
  hideMyTies: boolean;
  expanded: readonly string[];
  pinned: ReadonlySet<string>;
};

interface RunningLayout {
  readonly token: number;
  readonly key: string;
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

function forcedRenderer(): RendererName | null {
  try {
    const v = window.localStorage.getItem('kith.renderer');
    return v === 'webgl' || v === 'canvas' ? v : null;
  } catch {
    return null;
  }
}

/** Canvas or software or hardware WebGL2, read from the renderer string (software rasterisers say so). */
function detectGl(): GlSupport {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2');
    if (!gl) return 'none';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return classifyGl(name);
  } catch {
    return 'none';
  }
}

/**
 * Cytoscape as a view of the stores: the AppStore's network and the
 * ViewStore's way of looking at it (filters, grouping, layout, ego view,
 * expansions) become a drawn graph (viewGraph.ts), fed to Cytoscape as diffs
 * by id inside cy.batch(). Layouts run when the picture changes (a layout or
 * grouping switch, an import), never on a selection; big ones in a worker.
 * Positions are cached per picture and saved to the data file, so that a
 * filter, an ego view or a reopen brings people back where they were.
 */
export class GraphController implements GraphProbe {
  private cy: Core;
  private rendererName: RendererName = 'canvas';
  private gl: GlSupport | null = null;
  private lod: LabelPolicy = labelPolicy(0, 0);
  private theme: ThemeName;
  private current = new Map<string, GraphElement>();
  private viewMemo: (ViewMemo & { view: ViewGraph }) | null = null;
  private visibleMemo: { file: KithFile; filters: unknown; ego: unknown; today: string; visible: Visible } | null = null;
  private view: ViewGraph | null = null;
  private viewNodes = new Map<string, ViewNode>();
  private file: KithFile | null = null;
  /** The data file whose saved view was taken up. */
  private adoptedPath: string | null = null;
  private elementsInput: { view: ViewGraph; selection: Selection; highlight: GraphHighlight | null; multi: ReadonlySet<string> } | null =
    null;
  private appLayoutKey = -1;
  private relayoutSeq = 0;
  private drawnKey: string | null = null;
  /** Positions by picture (`layout/grouping[/ego…]`), then by node id. */
  private readonly cache = new Map<string, Map<string, Point>>();
  /** What the data file holds, so that an unchanged picture is not written again. */
  private savedSignature = '';
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly runner: LayoutRunner;
  private running: RunningLayout | null = null;
  private layoutToken = 0;
  private layoutRuns = 0;
  private lastLayoutMs = 0;
  private fitKey = 0;
  private focusSeq = 0;
  private fitToSeq = 0;
  private zoomSeq = 0;
  private pendingFocus: PersonId | null = null;
  private pendingFit: readonly PersonId[] | null = null;
  private selection: Selection = null;
  private syncing = false;
  private again = false;
  private boxing = false;
  private readyAt: number | null = null;
  private releaseDirect: () => void = () => undefined;
  private destroyed = false;
  private readonly offs: Array<() => void> = [];
  /** People placed with no tie yet (they move to their first neighbour later). */
  private readonly loose = new Set<string>();
  /** Where groups stood before they expanded: their members gather there. */
  private anchors = new Map<string, Point>();

  constructor(
    private readonly container: HTMLElement,
    private readonly store: AppStore,
    runner?: LayoutRunner,
  ) {
    this.runner = runner ?? new LayoutRunner();
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    this.theme = media.matches ? 'dark' : 'light';
    this.lod = this.firstLod();
    this.cy = this.createCy('canvas');
    const onTheme = () => {
      this.theme = media.matches ? 'dark' : 'light';
      this.restyle();
    };
    media.addEventListener('change', onTheme);
    this.offs.push(() => media.removeEventListener('change', onTheme));

    // Only a real change: the observer's first report (on observe) would redraw the first picture a second time.
    const resize = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (!box || box.width !== this.cy.width() || box.height !== this.cy.height()) this.cy.resize();
    });
    resize.observe(container);
    this.offs.push(() => resize.disconnect());

    this.offs.push(store.subscribe(() => this.sync()));
    this.offs.push(store.view.subscribe(() => this.sync()));
    setGraphActions({
      exportPng: () => this.exportPng(),
      exportSvg: () => this.exportSvg(),
      fitSelection: () => this.fitMulti(),
      cancelLayout: () => this.cancelLayout(),
    });
    this.sync();
  }

  /**
   * The level of detail of the picture the store already holds (none yet:
   * the default), so that Cytoscape starts with the stylesheet the first
   * picture needs instead of parsing it twice.
   */
  private firstLod(): LabelPolicy {
    const file = this.store.getState().network?.file;
    if (!file) return this.lod;
    const vs = this.store.view.getState();
    const today = todayIso();
    const visible = this.visibleOf(file, vs, today);
    if (visible.egoMissing) return this.lod;
    const view = this.viewOf(file, visible, effectiveGrouping(vs.groupBy, visible.counts.people.shown), vs, today);
    return labelPolicy(view.nodes.length, view.edges.length);
  }

  destroy(): void {
    this.destroyed = true;
    this.offs.forEach((off) => off());
    this.runner.destroy();
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.flushSave();
    setGraphActions(null);
    this.cy.destroy();
  }

  private createCy(renderer: RendererName): Core {
    const cy = cytoscape({
      container: this.container,
      elements: [],
      style: graphStyle(GRAPH_THEMES[this.theme], this.lod),
      layout: { name: 'preset' },
      minZoom: 0.02,
      maxZoom: 3,
      boxSelectionEnabled: true,
      selectionType: 'additive',
      textureOnViewport: this.lod.textureOnViewport,
      hideEdgesOnViewport: this.lod.hideEdgesOnViewport,
      ...(renderer === 'webgl' ? { renderer: { name: 'canvas', webgl: true } } : {}),
    } as cytoscape.CytoscapeOptions);
    this.rendererName = renderer;
    // The first picture without texture caches (see drawDirectly), until the view first moves after it (markReady).
    this.releaseDirect = this.readyAt === null ? drawDirectly(cy) : () => undefined;
    cy.on('tap', 'node', (e: EventObject) => this.onTapNode(e));
    cy.on('tap', 'edge', (e: EventObject) => this.onTapEdge(e));
    cy.on('tap', (e: EventObject) => {
      if (e.target !== cy) return;
      performance.mark('kith:tap');
      this.store.select(null);
      this.store.view.clearMulti();
    });
    cy.on('mouseover', 'node, edge', (e: EventObject) => {
      e.target.addClass('hover');
      this.container.style.cursor = 'pointer';
    });
    cy.on('mouseout', 'node, edge', (e: EventObject) => {
      e.target.removeClass('hover');
      this.container.style.cursor = '';
    });
    // Cytoscape's own selection is only used by the box: taps are ours, and the store holds what is picked.
    cy.on('boxstart', () => (this.boxing = true));
    cy.on('boxend', () => {
      setTimeout(() => {
        const picked = cy
          .nodes(':selected')
          .map((n) => n.id())
          .filter((id) => !this.viewNodes.get(id)?.expanded);
        cy.elements(':selected').unselect();
        this.boxing = false;
        if (picked.length > 0) this.store.view.addMulti(picked);
      }, 0);
    });
    cy.on('select', (e: EventObject) => {
      if (!this.boxing) e.target.unselect();
    });
    cy.on('dragfree', 'node', (e: EventObject) => this.onDragged(e.target as NodeSingular));
    return cy;
  }

  private onTapNode(e: EventObject): void {
    performance.mark('kith:tap');
    const node = e.target as NodeSingular;
    const id = node.id();
    const original = e.originalEvent as MouseEvent | undefined;
    const additive = !!original && (original.shiftKey || original.ctrlKey || original.metaKey);
    const vn = this.viewNodes.get(id);
    if (!vn) return;
    if (additive) {
      this.store.view.toggleMulti(id);
      return;
    }
    this.store.view.clearMulti();
    if (vn.kind === 'group') {
      if (vn.expanded) this.store.view.collapse(vn.ref);
      else this.store.view.expand(vn.ref);
      return;
    }
    this.store.select({ kind: 'person', id: vn.ref as PersonId });
  }

  private onTapEdge(e: EventObject): void {
    performance.mark('kith:tap');
    const ref = (e.target as cytoscape.EdgeSingular).data('ref') as string;
    if (ref) this.store.select({ kind: 'tie', id: ref as TieId });
  }

  private onDragged(node: NodeSingular): void {
    if (!this.drawnKey) return;
    const cache = this.cacheFor(this.drawnKey);
    const moved = node.isParent() ? node.descendants() : node;
    moved.forEach((n) => {
      if (!n.isParent()) cache.set(n.id(), { ...n.position() });
    });
    this.scheduleSave();
  }

  private cacheFor(key: string): Map<string, Point> {
    let cache = this.cache.get(key);
    if (!cache) {
      cache = new Map();
      this.cache.set(key, cache);
    }
    return cache;
  }

  private sync(): void {
    if (this.destroyed) return;
    if (this.syncing) {
      this.again = true;
      return;
    }
    this.syncing = true;
    try {
      let rounds = 0;
      do {
        this.again = false;
        this.syncOnce(this.store.getState(), this.store.view.getState());
        rounds += 1;
      } while (this.again && rounds < 8);
    } finally {
      this.syncing = false;
    }
  }

  private syncOnce(app: AppState, vs: ViewState): void {
    const file = app.network?.file ?? null;
    if (file !== this.file && file && this.file && app.layoutKey !== this.appLayoutKey && this.appLayoutKey >= 0) {
      // An import, reload or restore: old pictures no longer apply.
      this.cache.clear();
    }
    const path = app.fileStatus?.path ?? '';
    if (file && path !== this.adoptedPath) {
      // A file opened (the first, or another through File > Open): its saved picture comes back.
      this.adoptedPath = path;
      if (this.adopt(file)) {
        this.file = file;
        return;
      }
    }
    this.file = file;
    if (!file) {
      this.applyElements([], null);
      return;
    }
    const today = todayIso();
    const visible = this.visibleOf(file, vs, today);
    if (visible.egoMissing) {
      this.store.view.setEgo(null);
      return;
    }
    const grouping = effectiveGrouping(vs.groupBy, visible.counts.people.shown);
    const view = this.viewOf(file, visible, grouping, vs, today);
    if (this.trimExpansions(view, vs)) return;
    this.view = view;
    this.viewNodes = new Map(view.nodes.map((n) => [n.id, n]));
    this.revealPending(app, vs, view, visible);
    this.publishStats(view, visible, grouping);

    const key = this.pictureKey(vs, grouping.groupBy);
    const firstLoad = this.appLayoutKey < 0;
    const appRelayout = app.layoutKey !== this.appLayoutKey;
    const userRelayout = vs.relayoutSeq !== this.relayoutSeq;
    const keyChanged = key !== this.drawnKey;
    this.appLayoutKey = app.layoutKey;
    this.relayoutSeq = vs.relayoutSeq;

    if (this.drawnKey && keyChanged) this.snapshotInto(this.drawnKey);
    const fresh = (appRelayout && !firstLoad) || userRelayout;
    const restoring = !fresh && (keyChanged || firstLoad) && this.coverage(key, view) >= RESTORE_COVERAGE;
    const mustLayout = fresh || ((keyChanged || firstLoad) && !restoring);
    this.ensureRenderer(view);
    const elements = this.elementsFor(view, app.selection, app.highlight, vs.multi);
    const unplaced = this.applyElements(elements, key, mustLayout, restoring);
    this.drawnKey = key;
    const loose = unplaced.filter((id) => !this.viewNodes.get(id)?.parent);
    if (mustLayout) this.runLayout(key, vs.layout, view, vs, app.layoutAnimated && fresh);
    else if (loose.length > BULK_PLACE_LIMIT) this.runLayout(key, vs.layout, view, vs, false);
    else {
      if (unplaced.length > 0) this.place(unplaced, key);
      this.settleLoose(key);
      if (restoring && firstLoad) this.fit(false);
      if (this.cy.nodes().nonempty()) this.markReady();
    }

    if (app.fitKey !== this.fitKey) {
      this.fitKey = app.fitKey;
      this.fit(true);
    }
    if (app.zoom && app.zoom.seq !== this.zoomSeq) {
      this.zoomSeq = app.zoom.seq;
      const cy = this.cy;
      const level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * app.zoom.factor));
      cy.stop();
      cy.animate({ zoom: { level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } } }, { duration: 160 });
    }
    this.applyPendingFocus();
  }

  /** Adopts the picture a data file was saved with: its layout and grouping, and its positions. Returns whether the view store changed. */
  private adopt(file: KithFile): boolean {
    const saved = file.view;
    const parsed = parseLayoutKey(saved?.layout);
    if (!parsed) return false;
    const key = layoutKeyOf(parsed.layout, parsed.groupBy);
    if (saved?.positions) {
      const cache = this.cacheFor(key);
      for (const [id, [x, y]] of Object.entries(saved.positions)) cache.set(id, { x, y });
      this.savedSignature = signature(key, cache);
    }
    const before = this.store.view.getState();
    this.store.view.adopt(saved?.layout);
    return this.store.view.getState() !== before;
  }

  private visibleOf(file: KithFile, vs: ViewState, today: string): Visible {
    const m = this.visibleMemo;
    if (m && m.file === file && m.filters === vs.filters && m.ego === vs.ego && m.today === today) return m.visible;
    const visible = applyFilters(file, vs.filters, vs.ego, today);
    this.visibleMemo = { file, filters: vs.filters, ego: vs.ego, today, visible };
    return visible;
  }

  private viewOf(file: KithFile, visible: Visible, grouping: EffectiveGrouping, vs: ViewState, today: string): ViewGraph {
    const m = this.viewMemo;
    if (
      m &&
      m.file === file &&
      m.visible === visible &&
      m.groupBy === grouping.groupBy &&
      m.hideMyTies === vs.hideMyTies &&
      m.expanded === vs.expanded &&
      m.pinned === vs.pinned
    )
      return m.view;
    const view = buildViewGraph(file, visible, {
      groupBy: grouping.groupBy,
      hideMyTies: vs.hideMyTies,
      expanded: new Set(vs.expanded),
      pinned: vs.pinned,
      today,
    });
    this.viewMemo = { file, visible, groupBy: grouping.groupBy, hideMyTies: vs.hideMyTies, expanded: vs.expanded, pinned: vs.pinned, view };
    return view;
  }

  /** Too many people in expanded groups: the oldest expansions collapse. Returns whether the store changed. */
  private trimExpansions(view: ViewGraph, vs: ViewState): boolean {
    let total = 0;
    const keep: string[] = [];
    for (const key of [...vs.expanded].reverse()) {
      const size = view.groups.get(key)?.members.length ?? 0;
      if (keep.length > 0 && total + size > MAX_EXPANDED_PEOPLE) continue;
      total += size;
      keep.push(key);
    }
    if (keep.length === vs.expanded.length) return false;
    this.store.view.keepExpanded(keep);
    return true;
  }

  private publishStats(view: ViewGraph, visible: Visible, grouping: EffectiveGrouping): void {
    this.store.view.setStats({
      mode: view.mode,
      groupBy: view.groupBy,
      notice: grouping.notice,
      people: visible.counts.people,
      ties: visible.counts.ties,
      drawnNodes: view.nodes.length,
      drawnEdges: view.edges.length,
      groups: view.groups.size,
      hiddenAggregates: view.hiddenAggregates,
      renderer: this.rendererName,
      refused: view.refused.map((k) => view.groups.get(k)?.label ?? k),
    });
  }

  private pictureKey(vs: ViewState, groupBy: ViewGraph['groupBy']): string {
    const base = layoutKeyOf(vs.layout, groupBy);
    return vs.ego ? `${base}/ego:${vs.ego.hops}:${vs.ego.id}` : base;
  }

  /** Share of the drawn top-level nodes the cache knows a position for. */
  private coverage(key: string, view: ViewGraph): number {
    const cache = this.cache.get(key);
    if (!cache || view.nodes.length === 0) return 0;
    let known = 0;
    let total = 0;
    for (const n of view.nodes) {
      if (n.expanded) continue;
      total += 1;
      if (cache.has(n.id)) known += 1;
    }
    return total === 0 ? 0 : known / total;
  }

  private snapshotInto(key: string): void {
    const cache = this.cacheFor(key);
    this.cy.nodes().forEach((n) => {
      if (!n.isParent()) cache.set(n.id(), { ...n.position() });
    });
  }

  /** People asked for (focus, path, selection) but hidden in a collapsed group are pinned; hidden by filters, the filters go. */
  private revealPending(app: AppState, vs: ViewState, view: ViewGraph, visible: Visible): void {
    if (app.focus && app.focus.seq !== this.focusSeq) {
      this.focusSeq = app.focus.seq;
      this.pendingFocus = app.focus.id;
    }
    if (app.fitTo && app.fitTo.seq !== this.fitToSeq) {
      this.fitToSeq = app.fitTo.seq;
      this.pendingFit = app.fitTo.ids;
    }
    const wanted: string[] = [];
    if (this.pendingFocus) wanted.push(this.pendingFocus);
    if (this.pendingFit) wanted.push(...this.pendingFit);
    const sel = app.selection;
    if (sel !== this.selection) {
      this.selection = sel;
      if (sel?.kind === 'person') wanted.push(sel.id);
      if (sel?.kind === 'tie') {
        const tie = this.store.getState().index?.ties.get(sel.id);
        if (tie) wanted.push(tie.a, tie.b);
      }
    }
    if (this.pendingFocus && !visible.people.has(this.pendingFocus) && this.file?.people.some((p) => p.id === this.pendingFocus)) {
      const name = this.store.getState().index?.people.get(this.pendingFocus)?.name ?? 'them';
      if (vs.ego) this.store.view.setEgo(null);
      this.store.view.clearFilters();
      this.store.toast({ kind: 'info', message: `Showing everyone again: the filters hid ${name}.` });
      return;
    }
    const toPin = wanted.filter((id) => visible.people.has(id) && view.repOf.get(id) !== personNode(id));
    if (toPin.length > 0) this.store.view.pin(toPin);
  }

  private applyPendingFocus(): void {
    if (this.pendingFocus) {
      const node = this.cy.getElementById(personNode(this.pendingFocus));
      if (node.nonempty() && !this.running) {
        this.pendingFocus = null;
        this.cy.stop();
        this.centreOn(node.position(), Math.max(this.cy.zoom(), 0.9));
      }
    }
    if (this.pendingFit && !this.running) {
      const ids = this.pendingFit;
      this.pendingFit = null;
      this.fitPeople(ids);
    }
  }

  private ensureRenderer(view: ViewGraph): void {
    const elements = view.nodes.length + view.edges.length;
    const forced = forcedRenderer();
    if (this.gl === null && (forced === 'webgl' || elements >= WEBGL_MAX_ELEMENTS_BACK)) this.gl = detectGl();
    const want = chooseRenderer(elements, this.gl ?? 'none', this.rendererName, forced);
    const lod = labelPolicy(view.nodes.length, view.edges.length);
    const viewportChanged =
      lod.textureOnViewport !== this.lod.textureOnViewport || lod.hideEdgesOnViewport !== this.lod.hideEdgesOnViewport;
    const labelsChanged = lod.personMinFont !== this.lod.personMinFont || lod.groupMinFont !== this.lod.groupMinFont;
    this.lod = lod;
    if (want !== this.rendererName || viewportChanged) {
      // Renderer options are fixed when Cytoscape starts: a new instance, fed from the position cache.
      if (this.drawnKey) this.snapshotInto(this.drawnKey);
      const viewport = { zoom: this.cy.zoom(), pan: { ...this.cy.pan() } };
      this.cy.destroy();
      this.current = new Map();
      this.elementsInput = null;
      this.cy = this.createCy(want);
      this.cy.viewport(viewport);
    } else if (labelsChanged) this.restyle();
  }

  private restyle(): void {
    this.cy.style().fromJson(graphStyle(GRAPH_THEMES[this.theme], this.lod)).update();
  }

  private elementsFor(
    view: ViewGraph,
    selection: Selection,
    highlight: GraphHighlight | null,
    multi: ReadonlySet<string>,
  ): GraphElement[] | null {
    const m = this.elementsInput;
    if (m && m.view === view && m.selection === selection && m.highlight === highlight && m.multi === multi) return null;
    this.elementsInput = { view, selection, highlight, multi };
    const els = viewElements(view, selection, highlight);
    if (multi.size === 0) return els;
    return els.map((el) => (el.group === 'nodes' && multi.has(el.data.id) ? { ...el, classes: `${el.classes} picked` } : el));
  }

  /**
   * Applies the elements as a diff. New nodes take their cached position in
   * this picture; the others are returned to be placed (or laid out).
   */
  private applyElements(elements: GraphElement[] | null, key: string | null, willLayout = false, restore = false): string[] {
    if (elements === null) return restore && key ? this.restoreAll(key) : [];
    const diff = diffElements(this.current, elements);
    if (diff.add.length + diff.remove.length + diff.data.length + diff.classes.length === 0) {
      this.current = new Map(elements.map((el) => [el.data.id, el]));
      return [];
    }
    const cy = this.cy;
    const cache = key ? this.cacheFor(key) : null;
    const unplaced: string[] = [];
    // A group about to hold its members: remember where it stood, its members gather there.
    const anchors = new Map<string, Point>();
    for (const el of diff.add) {
      if (el.group !== 'nodes' || !el.data.parent || anchors.has(el.data.parent)) continue;
      const parent = cy.getElementById(el.data.parent);
      if (parent.nonempty() && !parent.isParent()) anchors.set(el.data.parent, { ...parent.position() });
    }
    this.anchors = anchors;
    const nodes = diff.add.filter((el) => el.group === 'nodes');
    const edges = diff.add.filter((el) => el.group === 'edges');
    let added = cy.collection();
    cy.batch(() => {
      for (const id of diff.remove) {
        const el = cy.getElementById(id);
        if (el.empty()) continue;
        if (cache && this.drawnKey === key && el.isNode() && !el.isParent()) cache.set(id, { ...el.position() });
        el.remove();
      }
      const parents = nodes.filter((el) => nodes.some((c) => c.data.parent === el.data.id));
      const rest = nodes.filter((el) => !parents.includes(el));
      const specs = [...parents, ...rest].map((el) => {
        const cached = cache?.get(el.data.id);
        if (!cached && !willLayout) unplaced.push(el.data.id);
        const anchor = el.data.parent ? anchors.get(el.data.parent) : undefined;
        // A copy each: Cytoscape keeps the object it is given as the node's position, and moves it in place later.
        const at = cached ?? anchor ?? { x: 0, y: 0 };
        return { group: 'nodes' as const, data: { ...el.data }, classes: el.classes, position: { x: at.x, y: at.y } };
      });
      if (specs.length > 0) added = cy.add(specs);
    });
    // New nodes take their style before their edges exist: Cytoscape dirties every connected edge for each style property it sets on a node, so styling a node costs in proportion to its degree once its edges are in.
    if (edges.length > 0) added.forEach((n) => void n.numericStyle('width'));
    cy.batch(() => {
      if (edges.length > 0) cy.add(edges.map((el) => ({ group: 'edges' as const, data: { ...el.data }, classes: el.classes })));
      for (const { id, data } of diff.data) cy.getElementById(id).data({ ...data });
      for (const { id, classes } of diff.classes) cy.getElementById(id).classes(classes);
    });
    this.current = new Map(elements.map((el) => [el.data.id, el]));
    if (restore && key) return this.restoreAll(key);
    return unplaced.filter((id) => {
      const n = cy.getElementById(id);
      return n.nonempty() && !n.isParent();
    });
  }

  /** Back to a picture seen before: every node to its cached place; returns those the cache does not know. */
  private restoreAll(key: string): string[] {
    const cache = this.cacheFor(key);
    const missing: string[] = [];
    this.cy.batch(() =>
      this.cy.nodes().forEach((n) => {
        if (n.isParent()) return;
        const p = cache.get(n.id());
        if (p) n.position(p);
        else missing.push(n.id());
      }),
    );
    return missing;
  }

  /**
   * Places new nodes without moving anyone else: members of a group that
   * just expanded in a disc where the group stood (pushing the nodes it
   * covers outward), anyone else beside their drawn neighbours.
   */
  private place(ids: readonly string[], key: string): void {
    const cy = this.cy;
    const cache = this.cacheFor(key);
    const byParent = new Map<string, string[]>();
    const loose: string[] = [];
    for (const id of ids) {
      const parent = this.viewNodes.get(id)?.parent;
      if (parent) {
        const list = byParent.get(parent);
        if (list) list.push(id);
        else byParent.set(parent, [id]);
      } else loose.push(id);
    }
    cy.batch(() => {
      for (const [parent, members] of byParent) {
        const anchor = this.anchors.get(parent) ?? cy.getElementById(parent).position();
        const ordered = [...members].sort((a, b) => (this.viewNodes.get(b)?.warmth ?? 0) - (this.viewNodes.get(a)?.warmth ?? 0));
        const out: LayoutResult = [];
        sunflower(ordered, anchor.x, anchor.y, out);
        for (const [id, x, y] of out) cy.getElementById(id).position({ x, y });
        this.makeRoom(parent, anchor, discRadius(members.length) + 40);
      }
      const centre = this.centrePosition();
      for (const id of loose) {
        const node = cy.getElementById(id);
        const meId = this.meNodeId();
        // A person pulled out of a collapsed group (search hit, path) stands beside the group.
        const group = this.viewNodes.get(id)?.kind === 'person' ? this.view?.groupOf.get(this.viewNodes.get(id)?.ref ?? '') : undefined;
        const own = group === undefined ? cy.collection() : cy.getElementById(`g:${group}`).nodes();
        const neighbours = own.nonempty()
          ? own
          : node
              .neighborhood()
              .nodes()
              .filter((n) => !n.isParent() && n.id() !== id)
              .nodes();
        const drawn = neighbours
          .filter((n) => n.id() !== meId)
          .nodes()
          .map((n) => ({ ...n.position() }));
        const tiedToMe = own.empty() && neighbours.some((n) => (n as NodeSingular).id() === meId);
        const myTies = tiedToMe
          ? cy
              .getElementById(meId)
              .neighborhood()
              .nodes()
              .filter((n) => n.id() !== id && !n.isParent())
              .nodes()
              .map((n) => ({ ...n.position() }))
          : [];
        const occupied = cy
          .nodes()
          .filter((n) => n.id() !== id && !n.isParent())
          .nodes()
          .map((n) => ({ ...n.position() }));
        node.position(placeNewNode({ me: centre, neighbours: drawn, isTiedToMe: tiedToMe, myTies, occupied }));
        if (drawn.length === 0 && !tiedToMe) this.loose.add(id);
      }
    });
    for (const id of ids) {
      const n = cy.getElementById(id);
      if (n.nonempty()) cache.set(id, { ...n.position() });
    }
    this.scheduleSave();
  }

  /** People drawn before they had any tie move beside their first neighbour once they have one; nobody else moves. */
  private settleLoose(key: string): void {
    if (this.loose.size === 0) return;
    const ready: string[] = [];
    for (const id of [...this.loose]) {
      const node = this.cy.getElementById(id);
      if (node.empty()) this.loose.delete(id);
      else if (node.connectedEdges().nonempty()) {
        this.loose.delete(id);
        ready.push(id);
      }
    }
    if (ready.length > 0) this.place(ready, key);
  }

  /**
   * Makes room for a disc of `radius` at `at`: every other top-level node
   * moves away from its centre, from distance d to √(d² + r²) (r: the disc
   * plus the node and a margin). Nodes inside land just outside in the same
   * direction and order; far ones barely move; nobody piles onto the rim.
   */
  private makeRoom(parentId: string, at: Point, radius: number): void {
    const cache = this.drawnKey ? this.cacheFor(this.drawnKey) : null;
    this.cy.nodes().forEach((n) => {
      if (n.isParent() || n.id() === parentId || n.data('parent')) return;
      const p = n.position();
      const dx = p.x - at.x;
      const dy = p.y - at.y;
      const d = Math.hypot(dx, dy);
      const r = radius + (Number(n.data('size')) || 30) / 2 + 24;
      const moved = Math.sqrt(d * d + r * r);
      const ux = d > 0.01 ? dx / d : 1;
      const uy = d > 0.01 ? dy / d : 0;
      const next = { x: Math.round(at.x + ux * moved), y: Math.round(at.y + uy * moved) };
      n.position(next);
      cache?.set(n.id(), next);
    });
  }

  private meNodeId(): string {
    return this.file ? personNode(this.file.meId) : '';
  }

  private centrePosition(): Point {
    const ego = this.store.view.getState().ego;
    const node = this.cy.getElementById(personNode(ego?.id ?? this.file?.meId ?? ''));
    return node.nonempty() ? { ...node.position() } : { x: 0, y: 0 };
  }

  private runLayout(key: string, name: LayoutName, view: ViewGraph, vs: ViewState, animated: boolean): void {
    const file = this.file;
    if (!file) return;
    const centre = personNode(vs.ego?.id ?? file.meId);
    const clusterBy = vs.groupBy && vs.groupBy !== 'none' ? vs.groupBy : 'company';
    const communityNames = new Map(file.communities.map((c) => [c.id as string, c.name]));
    const people = this.store.getState().index?.people;
    const seeds = new Map<string, Point>();
    this.cy.nodes().forEach((n) => void seeds.set(n.id(), { ...n.position() }));
    const request = layoutRequest(name, view, {
      centre,
      seeds,
      clusterOf: (id) => {
        const p = people?.get(id as PersonId);
        return p ? groupKeyOf(p, clusterBy, communityNames).key : '';
      },
    });
    // Cancel puts everyone back here.
    const before = new Map<string, Point>();
    this.cy.nodes().forEach((n) => {
      if (!n.isParent()) before.set(n.id(), { ...n.position() });
    });
    if (needsWorker(request) && this.cacheFor(key).size === 0 && request.input.items.length <= 5000) {
      // Something to look at while the worker runs: the rings, at once.
      const preview = new Map(computeQuickLayout({ name: 'around-me', input: request.input }).map(([id, x, y]) => [id, { x, y }]));
      this.cy.batch(() =>
        this.cy.nodes().forEach((n) => {
          const p = preview.get(n.id());
          if (p && !n.isParent()) n.position(p);
        }),
      );
      this.fit(false);
    }
    const token = ++this.layoutToken;
    this.running = { token, key };
    const started = performance.now();
    const showAfter = needsWorker(request)
      ? setTimeout(() => {
          if (this.running?.token === token) this.store.view.setProgress({ layout: name, done: 0, total: 1 });
        }, PROGRESS_AFTER_MS)
      : null;
    void this.runner
      .run(request, (p) => {
        if (this.running?.token === token && performance.now() - started >= PROGRESS_AFTER_MS)
          this.store.view.setProgress({ layout: name, ...p });
      })
      .then((outcome) => {
        if (showAfter) clearTimeout(showAfter);
        if (this.running?.token !== token || this.destroyed) return;
        this.running = null;
        this.store.view.setProgress(null);
        if (outcome.kind === 'cancelled') {
          if (this.drawnKey === key) {
            this.cy.batch(() =>
              this.cy.nodes().forEach((n) => {
                const p = before.get(n.id());
                if (p && !n.isParent()) n.position(p);
              }),
            );
            this.cache.set(key, before);
            this.store.toast({ kind: 'info', message: 'Layout cancelled: the people stay where they were.' });
          }
          this.markReady();
          return;
        }
        if (outcome.kind === 'failed') {
          this.store.toast({ kind: 'error', message: `The ${name} layout failed: ${outcome.message}` });
          this.markReady();
          return;
        }
        this.lastLayoutMs = performance.now() - started;
        this.applyLayout(key, outcome.positions, animated);
      });
  }

  private applyLayout(key: string, positions: LayoutResult, animated: boolean): void {
    const cy = this.cy;
    this.loose.clear();
    const cache = new Map<string, Point>();
    for (const [id, x, y] of positions) cache.set(id, { x, y });
    this.cache.set(key, cache);
    this.layoutRuns += 1;
    if (key !== this.drawnKey) return;
    const at = (node: NodeSingular) => cache.get(node.id()) ?? node.position();
    if (animated && cy.nodes().length < ANIMATE_BELOW) {
      cy.stop();
      cy.layout({
        name: 'preset',
        positions: (node: NodeSingular) => at(node),
        animate: true,
        animationDuration: 380,
        fit: false,
      } as cytoscape.LayoutOptions).run();
      this.moveViewport(this.viewportFor(boundsOf(cache, cy), FIT_PADDING), true);
    } else {
      cy.batch(() =>
        cy.nodes().forEach((node) => {
          if (!node.isParent()) node.position(at(node));
        }),
      );
      this.fit(false);
    }
    this.scheduleSave();
    this.markReady();
    this.applyPendingFocus();
  }

  private cancelLayout(): void {
    if (!this.running) return;
    this.runner.cancel();
  }

  /** After the first drawn picture: a performance mark the benchmark reads, once the frame that shows it is drawn. */
  private markReady(): void {
    if (this.readyAt !== null || this.cy.nodes().empty()) return;
    this.readyAt = -1;
    let marked = false;
    const mark = () => {
      if (marked || this.destroyed) return;
      marked = true;
      this.readyAt = performance.now();
      performance.mark('kith:graph-ready');
      // Direct drawing until the view first moves: a click redraws about as fast without the caches, a pan or zoom needs them.
      // And in any case once the first picture has settled, before a bigger graph (a group opened, everyone shown) is drawn.
      this.cy.one('viewport', () => this.releaseDirect());
      const settled = window.setTimeout(() => this.releaseDirect(), DIRECT_DRAW_MS);
      this.offs.push(() => window.clearTimeout(settled));
    };
    // The canvas renderer says when it has drawn: the picture is then on its canvases, shown as this frame
    // ends (the point the benchmark's peer is timed at: drawn, in the frame that shows it). The WebGL
    // renderer does not say, so two frames later counts too.
    this.cy.one('render', mark);
    requestAnimationFrame(() => requestAnimationFrame(mark));
    this.cy.forceRender();
  }

  /** Positions of the picture, saved to the data file a moment after the last change (not for ego views, nor an empty network). */
  private scheduleSave(): void {
    if (!this.drawnKey || this.drawnKey.includes('/ego:')) return;
    if (!this.file || this.file.people.length <= 1) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flushSave(), SAVE_DEBOUNCE_MS);
  }

  private flushSave(): void {
    if (!this.saveTimer) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const key = this.drawnKey;
    if (!key || key.includes('/ego:')) return;
    const cache = this.cache.get(key);
    if (!cache || cache.size === 0) return;
    const sig = signature(key, cache);
    if (sig === this.savedSignature) return;
    this.savedSignature = sig;
    const positions: Record<string, [number, number]> = {};
    for (const [id, p] of cache) positions[id] = [Math.round(p.x), Math.round(p.y)];
    void this.store.client.call('view:savePositions', { layout: key, positions });
  }

  /** Centres the given people (a path), as close as the fit zoom cap allows. */
  private fitPeople(ids: readonly string[]): void {
    const cy = this.cy;
    let eles = cy.collection();
    for (const id of ids) eles = eles.union(cy.getElementById(personNode(id)));
    this.fitCollection(eles);
  }

  private fitMulti(): void {
    const cy = this.cy;
    let eles = cy.collection();
    for (const id of this.store.view.getState().multi) eles = eles.union(cy.getElementById(id));
    if (eles.empty()) this.fit(true);
    else this.fitCollection(eles);
  }

  private fitCollection(eles: cytoscape.CollectionReturnValue): void {
    if (eles.empty()) return;
    this.moveViewport(this.viewportFor(eles.boundingBox(), FIT_PADDING * 2), true);
  }

  private fit(animated: boolean): void {
    const cy = this.cy;
    if (cy.nodes().empty()) return;
    // From positions and sizes: asking Cytoscape for the bounding box styles every element (labels measured) before the first frame.
    this.moveViewport(this.viewportFor(boundsOf(new Map(), cy), FIT_PADDING), animated);
  }

  /** How far down the graph's own controls reach over the canvas: fits and centring keep clear of them. */
  private topInset(): number {
    const stage = this.container.parentElement;
    if (!stage) return 0;
    const top = this.container.getBoundingClientRect().top;
    let inset = 0;
    stage.querySelectorAll<HTMLElement>('[data-graph-inset]').forEach((el) => {
      const r = el.getBoundingClientRect();
      if (r.height > 0) inset = Math.max(inset, r.bottom - top);
    });
    return Math.min(inset, this.cy.height() / 3);
  }

  /** The zoom and pan that show `bb` (model coordinates) in the part of the canvas below the controls. */
  private viewportFor(bb: { x1: number; y1: number; w: number; h: number }, padding: number): { zoom: number; pan: Point } {
    const cy = this.cy;
    const top = this.topInset();
    const w = Math.max(40, cy.width() - 2 * padding);
    const h = Math.max(40, cy.height() - top - 2 * padding);
    const zoom = Math.max(cy.minZoom(), Math.min(MAX_FIT_ZOOM, cy.maxZoom(), w / Math.max(1, bb.w), h / Math.max(1, bb.h)));
    return {
      zoom,
      pan: { x: padding + w / 2 - zoom * (bb.x1 + bb.w / 2), y: top + padding + h / 2 - zoom * (bb.y1 + bb.h / 2) },
    };
  }

  /** Centres a point of the model in the visible part of the canvas, at `zoom`. */
  private centreOn(p: Point, zoom: number): void {
    const cy = this.cy;
    const top = this.topInset();
    this.moveViewport({ zoom, pan: { x: cy.width() / 2 - zoom * p.x, y: top + (cy.height() - top) / 2 - zoom * p.y } }, true);
  }

  private moveViewport(target: { zoom: number; pan: Point }, animated: boolean): void {
    const cy = this.cy;
    cy.stop();
    if (animated) cy.animate(target, { duration: 260 });
    else cy.viewport(target);
  }

  private background(): string {
    return this.theme === 'dark' ? '#15181d' : '#f9fafb';
  }

  /** The current view as a PNG (twice the screen's pixels), downloaded. */
  exportPng(): void {
    const blob = this.cy.png({ output: 'blob', bg: this.background(), full: false, scale: 2 });
    downloadBlob(blob, exportName('kith-view', 'png'));
  }

  /** The current view as SVG (cytoscape-svg draws the same elements through canvas2svg), downloaded. */
  exportSvg(): void {
    void loadSvgExport().then(() => {
      if (this.destroyed) return;
      const svg = (this.cy as unknown as { svg(opts: { full: boolean; bg: string; scale: number }): string }).svg({
        full: false,
        bg: this.background(),
        scale: 1,
      });
      downloadText(svg, exportName('kith-view', 'svg'), 'image/svg+xml');
    });
  }

  snapshot(): GraphSnapshot {
    const cy = this.cy;
    return {
      nodes: cy.nodes('.person').map((n) => ({
        id: n.data('ref') as string,
        label: n.data('label') as string,
        isMe: n.data('isMe') as boolean,
        x: n.position('x'),
        y: n.position('y'),
        classes: n.classes(),
      })),
      edges: cy.edges('.tie').map((e) => ({
        id: e.data('ref') as string,
        source: e.source().data('ref') as string,
        target: e.target().data('ref') as string,
        origin: e.data('origin') as string,
        color: toHex(e.style('line-color') as string),
        lineStyle: e.style('line-style') as string,
        dash: e.style('line-style') === 'solid' ? '' : String(e.style('line-dash-pattern') as unknown),
        width: e.numericStyle('width') as number,
      })),
      groups: cy.nodes('.group').map((n) => ({
        id: n.data('ref') as string,
        label: n.data('label') as string,
        count: n.data('degree') as number,
        expanded: n.isParent(),
        x: n.position('x'),
        y: n.position('y'),
        classes: n.classes(),
      })),
      aggregates: cy.edges('.agg').length,
      aggregateOrigins: [...new Set(cy.edges('.agg').map((e) => e.data('origin') as string))].sort(),
      zoom: cy.zoom(),
      pan: { ...cy.pan() },
      layoutRuns: this.layoutRuns,
      lastLayoutMs: this.lastLayoutMs,
      renderer: this.rendererName,
      readyAt: this.readyAt !== null && this.readyAt >= 0 ? this.readyAt : null,
      layoutRunning: this.running !== null,
    };
  }

  pagePoint(kind: 'node' | 'edge' | 'group', id: string): { x: number; y: number } | null {
    const cy = this.cy;
    const eleId = kind === 'node' ? personNode(id) : kind === 'group' ? `g:${id}` : `t:${id}`;
    const ele = cy.getElementById(eleId);
    if (ele.empty()) return null;
    const p = ele.isNode() ? ele.renderedPosition() : (ele as cytoscape.EdgeSingular).renderedMidpoint();
    const box = this.container.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }

  /** Pans by (dx, dy) screen pixels and zooms by `factor` around the centre: one step of the pan/zoom benchmark. */
  viewportStep(dx: number, dy: number, factor: number): void {
    const cy = this.cy;
    cy.panBy({ x: dx, y: dy });
    if (factor !== 1) cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  /** Runs a layout of the current picture and resolves when it is drawn, with its time in ms (benchmark). */
  runLayoutForBench(name: LayoutName): Promise<number> {
    const before = this.layoutRuns;
    const t0 = performance.now();
    if (this.store.view.getState().layout !== name) this.store.view.setLayout(name);
    if (!this.running) this.store.view.relayout();
    return new Promise((resolve) => {
      const check = () => {
        if (this.layoutRuns > before && !this.running) resolve(performance.now() - t0);
        else requestAnimationFrame(check);
      };
      check();
    });
  }
}

/** Bounding box of nodes at the given positions (their sizes and a label's room included), in model coordinates. */
function boundsOf(positions: ReadonlyMap<string, Point>, cy: Core): { x1: number; y1: number; w: number; h: number } {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  cy.nodes().forEach((n) => {
    if (n.isParent()) return;
    const p = positions.get(n.id()) ?? n.position();
    const r = (Number(n.data('size')) || 30) / 2;
    x1 = Math.min(x1, p.x - r);
    y1 = Math.min(y1, p.y - r);
    x2 = Math.max(x2, p.x + r);
    y2 = Math.max(y2, p.y + r + 22);
  });
  return Number.isFinite(x1) ? { x1, y1, w: x2 - x1, h: y2 - y1 } : { x1: 0, y1: 0, w: 1, h: 1 };
}

function signature(key: string, cache: ReadonlyMap<string, Point>): string {
  let h = 0;
  for (const [id, p] of cache) {
    const s = `${id}:${Math.round(p.x)},${Math.round(p.y)};`;
    for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  }
  return `${key}#${cache.size}#${h}`;
}

/** `rgb(0,158,115)` → `#009E73`, so that tests compare with the palette as written. */
function toHex(color: string): string {
  const m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  if (!m) return color;
  return `#${[m[1], m[2], m[3]].map((v) => Number(v).toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}
