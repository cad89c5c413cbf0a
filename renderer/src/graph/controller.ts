import type { NodeCollection } from 'cytoscape';
import type { PersonId, TieId } from '../../../shared/domain/model';
import type { GraphProbe, GraphSnapshot } from '../api/bridge';
import type { AppStore } from '../store/appStore';
import type { GraphCommand } from '../store/graphCommands';
import type { GraphHighlight, Selection } from '../store/selection';
import type { LayoutName } from '../store/viewOptions';
import { exportPng, exportSvg } from './draw/exportView';
import { LayoutRuns } from './draw/layoutRuns';
import { Placement, type PlacementContext } from './draw/placement';
import { Positions, type PositionsPort } from './draw/positions';
import { pagePointOf, snapshotOf, viewportStepOf } from './draw/probe';
import { DrawnElements } from './draw/drawnElements';
import { Surface } from './draw/surface';
import { Viewport } from './draw/viewport';
import { viewElements, type GraphElement } from './elements';
import { groupKeyOf } from './grouping';
import { toggleGroup } from './intents';
import { layoutRequest } from './layouts/input';
import type { LayoutRunner } from './layouts/runner';
import type { Scene } from './scene';
import { sceneOf } from './storeScene';
import type { ViewGraph } from './viewGraph';
import { personNode, type ViewNode } from './viewParts';

/** More new nodes than this at once (an undone mass delete) get a fresh layout rather than one-by-one placement. */
const BULK_PLACE_LIMIT = 200;
/** Saved positions are used when they cover this share of what is drawn; else the layout runs afresh. */
const RESTORE_COVERAGE = 0.8;

export interface ControllerOptions {
  readonly runner?: LayoutRunner;
  /** Where the drawn positions are saved; by default the data file, through the store's client. */
  readonly positions?: PositionsPort;
}

/**
 * Cytoscape as a view of the stores. It draws the scene (scene.ts, a pure
 * function of the stores) as diffs by id inside cy.batch(), runs a layout
 * when the picture changes (a layout or grouping switch, an import), never on
 * a selection, and carries out the commands the stores send it (fit, zoom,
 * focus, export). It writes nothing back: taps, boxes and drags become store
 * actions. Positions are cached per picture and saved to the data file
 * (positions.ts), so that a filter, an ego view or a reopen brings people
 * back where they were.
 */
export class GraphController implements GraphProbe {
  private readonly surface: Surface;
  private readonly positions: Positions;
  private readonly viewport: Viewport;
  private readonly drawn = new DrawnElements();
  private readonly placement = new Placement();
  private readonly layouts: LayoutRuns;
  private nodes: { view: ViewGraph | null; byId: ReadonlyMap<string, ViewNode> } = { view: null, byId: new Map() };
  private elementsInput: { view: ViewGraph; selection: Selection; highlight: GraphHighlight | null; multi: ReadonlySet<string> } | null =
    null;
  private drawnKey: string | null = null;
  /** The next picture is a file's first: restored from its saved positions when they cover it, else laid out, and fitted. */
  private firstPicture = true;
  /** The next picture is laid out afresh (a command asked). */
  private fresh: { readonly animated: boolean } | null = null;
  private pendingFocus: PersonId | null = null;
  private pendingFit: readonly PersonId[] | null = null;
  private syncing = false;
  private destroyed = false;
  private readonly offs: Array<() => void> = [];

  constructor(
    container: HTMLElement,
    private readonly store: AppStore,
    options: ControllerOptions = {},
  ) {
    this.positions = new Positions(
      options.positions ?? { save: (layout, positions) => void store.client.call('view:savePositions', { layout, positions }) },
    );
    this.surface = new Surface(
      container,
      {
        tapNode: (id, additive) => this.onTapNode(id, additive),
        tapEdge: (ref) => store.select({ kind: 'tie', id: ref as TieId }),
        tapBackground: () =>
          store.batch(() => {
            store.select(null);
            store.view.clearMulti();
          }),
        boxPicked: (ids) => store.view.addMulti(ids),
        dragged: (nodes) => this.onDragged(nodes),
      },
      sceneOf(store)?.view ?? null,
    );
    this.surface.isExpandedGroup = (id) => this.nodeOf(id)?.expanded === true;
    this.viewport = new Viewport(() => this.surface.cy, container);
    this.layouts = new LayoutRuns(
      {
        cy: () => this.surface.cy,
        positions: this.positions,
        viewport: this.viewport,
        drawnKey: () => this.drawnKey,
        progress: (progress) => store.view.setProgress(progress),
        toast: (toast) => void store.toast(toast),
        settled: (outcome) => this.afterLayout(outcome),
      },
      options.runner,
    );
    const sync = () => this.sync();
    this.offs.push(store.subscribe(sync), store.view.subscribe(sync), store.commands.subscribe(sync));
    this.sync();
  }

  destroy(): void {
    this.destroyed = true;
    this.offs.forEach((off) => off());
    this.layouts.destroy();
    this.positions.flush();
    this.surface.destroy();
  }

  private nodeOf(id: string): ViewNode | undefined {
    return this.nodes.byId.get(id);
  }

  private onTapNode(id: string, additive: boolean): void {
    const node = this.nodeOf(id);
    if (!node) return;
    const store = this.store;
    if (additive) {
      store.view.toggleMulti(id);
      return;
    }
    store.batch(() => {
      store.view.clearMulti();
      if (node.kind === 'group') toggleGroup(store, node.ref, node.expanded === true);
      else store.select({ kind: 'person', id: node.ref as PersonId });
    });
  }

  private onDragged(nodes: NodeCollection): void {
    if (!this.drawnKey) return;
    const cache = this.positions.of(this.drawnKey);
    nodes.forEach((n) => {
      if (!n.isParent()) cache.set(n.id(), { ...n.position() });
    });
    this.positions.scheduleSave(this.savable());
  }

  private savable(): boolean {
    return (this.store.getState().network?.file.people.length ?? 0) > 1;
  }

  private sync(): void {
    if (this.destroyed) return;
    // Drawing writes to no store, so nothing should call back while it runs; if something does, it is drawn right after.
    if (this.syncing) {
      queueMicrotask(() => this.sync());
      return;
    }
    this.syncing = true;
    try {
      this.draw();
    } finally {
      this.syncing = false;
    }
  }

  /** Takes the commands that shape the next picture; returns the others, carried out once it is drawn. */
  private takeCommands(): GraphCommand[] {
    const later: GraphCommand[] = [];
    for (const command of this.store.commands.take()) {
      if (command.kind === 'open') {
        this.positions.clear();
        this.positions.adopt(command.saved);
        // What is on screen belongs to the file before: nothing of it is kept.
        this.drawnKey = null;
        this.positions.drawn = null;
        this.placement.forgetLoose();
        this.firstPicture = true;
        this.fresh = null;
      } else if (command.kind === 'layout') {
        if (command.forget) this.positions.clear();
        // A file's first picture restores or lays out by itself.
        if (!this.firstPicture) this.fresh = { animated: command.animated || (this.fresh?.animated ?? false) };
      } else later.push(command);
    }
    return later;
  }

  private draw(): void {
    const later = this.takeCommands();
    const scene = sceneOf(this.store);
    if (scene) this.drawScene(scene);
    else this.drawn.apply(this.surface.cy, [], this.positions, { key: null, drawnKey: this.drawnKey, willLayout: false, restore: false });
    for (const command of later) this.carryOut(command);
    this.applyPending();
  }

  private drawScene(scene: Scene): void {
    const app = this.store.getState();
    const view = scene.view;
    if (this.nodes.view !== view) this.nodes = { view, byId: new Map(view.nodes.map((n) => [n.id, n])) };
    const key = scene.pictureKey;
    const { firstPicture, fresh } = this;
    const keyChanged = key !== this.drawnKey;
    if (this.drawnKey && keyChanged) this.positions.snapshot(this.drawnKey, this.surface.cy);
    const restoring = !fresh && (keyChanged || firstPicture) && this.positions.coverage(key, view) >= RESTORE_COVERAGE;
    const mustLayout = fresh !== null || ((keyChanged || firstPicture) && !restoring);
    const replaced = this.surface.adaptTo(view, () => {
      if (this.drawnKey) this.positions.snapshot(this.drawnKey, this.surface.cy);
    });
    if (replaced) {
      this.drawn.reset();
      this.elementsInput = null;
    }
    const elements = this.elementsFor(view, app.selection, app.highlight, this.store.view.getState().multi);
    const cy = this.surface.cy;
    const unplaced = this.drawn.apply(cy, elements, this.positions, {
      key,
      drawnKey: this.drawnKey,
      willLayout: mustLayout,
      restore: restoring,
    });
    this.drawnKey = key;
    this.positions.drawn = key;
    this.firstPicture = false;
    this.fresh = null;
    const loose = unplaced.filter((id) => !this.nodeOf(id)?.parent);
    if (mustLayout || loose.length > BULK_PLACE_LIMIT) {
      this.layout(scene, key, mustLayout && (fresh?.animated ?? false));
      return;
    }
    const ctx = this.placementContext(scene, key);
    if (unplaced.length > 0) this.placement.place(ctx, unplaced);
    const settled = this.placement.settleLoose(ctx);
    if (unplaced.length > 0 || settled) this.positions.scheduleSave(this.savable());
    if (restoring && firstPicture) this.viewport.fit(false);
    if (cy.nodes().nonempty()) this.surface.markReady();
  }

  private placementContext(scene: Scene, key: string): PlacementContext {
    return {
      cy: this.surface.cy,
      view: scene.view,
      nodes: this.nodes.byId,
      meId: scene.file.meId,
      centreId: scene.ego?.id ?? scene.file.meId,
      cache: this.positions.of(key),
      anchors: this.drawn.anchors,
    };
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

  private layout(scene: Scene, key: string, animated: boolean): void {
    const { file } = scene;
    const vs = this.store.view.getState();
    const clusterBy = vs.groupBy && vs.groupBy !== 'none' ? vs.groupBy : 'company';
    const communityNames = new Map(file.communities.map((c) => [c.id as string, c.name]));
    const people = this.store.getState().index?.people;
    const seeds = new Map<string, { x: number; y: number }>();
    this.surface.cy.nodes().forEach((n) => void seeds.set(n.id(), { ...n.position() }));
    const request = layoutRequest(vs.layout, scene.view, {
      centre: personNode(scene.ego?.id ?? file.meId),
      seeds,
      clusterOf: (id) => {
        const p = people?.get(id as PersonId);
        return p ? groupKeyOf(p, clusterBy, communityNames).key : '';
      },
    });
    this.layouts.start(key, vs.layout, request, animated);
  }

  private afterLayout(outcome: 'done' | 'cancelled' | 'failed'): void {
    if (outcome === 'done') {
      this.placement.forgetLoose();
      this.positions.scheduleSave(this.savable());
    }
    this.surface.markReady();
    this.applyPending();
  }

  private carryOut(command: GraphCommand): void {
    switch (command.kind) {
      case 'fit':
        return this.viewport.fit(true);
      case 'zoom':
        return this.viewport.zoomBy(command.factor);
      case 'focus':
        this.pendingFocus = command.person;
        return;
      case 'fit-people':
        this.pendingFit = command.people;
        return;
      case 'fit-picked':
        return this.viewport.fitNodes(this.store.view.getState().multi, true);
      case 'cancel-layout':
        return this.layouts.cancel();
      case 'export':
        if (command.format === 'png') exportPng(this.surface.cy, this.surface.background());
        else exportSvg(() => (this.destroyed ? null : this.surface.cy), this.surface.background());
        return;
      case 'open':
      case 'layout':
        return;
    }
  }

  /** A focus or fit asked for waits until no layout runs (and the person is drawn). */
  private applyPending(): void {
    if (this.layouts.isRunning) return;
    if (this.pendingFocus && this.viewport.centreOnPerson(this.pendingFocus)) this.pendingFocus = null;
    if (this.pendingFit) {
      const ids = this.pendingFit;
      this.pendingFit = null;
      this.viewport.fitPeople(ids);
    }
  }

  snapshot(): GraphSnapshot {
    return snapshotOf(this.surface.cy, {
      layoutRuns: this.layouts.runs,
      lastLayoutMs: this.layouts.lastMs,
      renderer: this.surface.rendererName,
      readyAt: this.surface.firstPictureAt,
      layoutRunning: this.layouts.isRunning,
    });
  }

  pagePoint(kind: 'node' | 'edge' | 'group', id: string): { x: number; y: number } | null {
    return pagePointOf(this.surface.cy, this.surface.container, kind, id);
  }

  viewportStep(dx: number, dy: number, factor: number): void {
    viewportStepOf(this.surface.cy, dx, dy, factor);
  }

  /** Runs a layout of the current picture and resolves when it is drawn, with its time in ms (benchmark). */
  runLayoutForBench(name: LayoutName): Promise<number> {
    const before = this.layouts.runs;
    const t0 = performance.now();
    if (this.store.view.getState().layout !== name) this.store.view.setLayout(name);
    if (!this.layouts.isRunning) this.store.view.relayout();
    return new Promise((resolve) => {
      const check = () => {
        if (this.layouts.runs > before && !this.layouts.isRunning) resolve(performance.now() - t0);
        else requestAnimationFrame(check);
      };
      check();
    });
  }
}
