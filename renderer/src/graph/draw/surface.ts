import cytoscape, { type Core, type EventObject, type NodeSingular } from 'cytoscape';
import {
  chooseRenderer,
  classifyGl,
  labelPolicy,
  WEBGL_MAX_ELEMENTS_BACK,
  type GlSupport,
  type LabelPolicy,
  type RendererName,
} from '../lod';
import { GRAPH_THEMES, type ThemeName } from '../palette';
import { graphStyle } from '../style';
import type { ViewGraph } from '../viewGraph';
import { drawDirectly } from './firstDraw';

/** How long after the first picture Cytoscape draws without its texture caches at most (see drawDirectly). */
const DIRECT_DRAW_MS = 1500;

/** What the user does on the drawing, handed on as it happens (the controller turns it into store actions). */
export interface SurfaceEvents {
  tapNode(id: string, additive: boolean): void;
  tapEdge(ref: string): void;
  tapBackground(): void;
  /** Drawn node ids picked with the selection box. */
  boxPicked(ids: readonly string[]): void;
  /** A node was dropped after a drag: these nodes moved. */
  dragged(nodes: cytoscape.NodeCollection): void;
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
 * The Cytoscape instance and what is fixed when it starts: its renderer
 * (canvas, or WebGL for big drawings on a GPU), the stylesheet for the
 * theme and level of detail, and the listeners that turn taps, boxes and
 * drags into events. Created once; made anew only when the renderer or the
 * viewport options must change (the caller redraws it from the position
 * cache). Also says when the first picture is on screen.
 */
export class Surface {
  cy: Core;
  rendererName: RendererName = 'canvas';
  private gl: GlSupport | null = null;
  private lod: LabelPolicy;
  private theme: ThemeName;
  private boxing = false;
  /** performance.now() of the first picture on screen; -1 while it is awaited, null before. */
  private readyAt: number | null = null;
  private releaseDirect: () => void = () => undefined;
  private destroyed = false;
  private readonly offs: Array<() => void> = [];
  /** Drawn ids that are expanded groups: the box picks people and collapsed groups only. */
  isExpandedGroup: (id: string) => boolean = () => false;

  constructor(
    readonly container: HTMLElement,
    private readonly events: SurfaceEvents,
    firstView: ViewGraph | null,
  ) {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    this.theme = media.matches ? 'dark' : 'light';
    // The level of detail of the picture the stores already hold, so that Cytoscape starts with the stylesheet it needs instead of parsing it twice.
    this.lod = firstView ? labelPolicy(firstView.nodes.length, firstView.edges.length) : labelPolicy(0, 0);
    this.cy = this.create('canvas');
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
  }

  destroy(): void {
    this.destroyed = true;
    this.offs.forEach((off) => off());
    this.cy.destroy();
  }

  /** The page's background behind the graph, for exported images. */
  background(): string {
    return this.theme === 'dark' ? '#15181d' : '#f9fafb';
  }

  /** performance.now() when the first picture was on screen; null before. */
  get firstPictureAt(): number | null {
    return this.readyAt !== null && this.readyAt >= 0 ? this.readyAt : null;
  }

  /**
   * Picks the renderer and level of detail for `view`. Returns true when
   * Cytoscape was made anew (renderer options are fixed when it starts): the
   * caller must then add every element again; `beforeReplace` runs while the
   * old instance still holds the positions.
   */
  adaptTo(view: ViewGraph, beforeReplace: () => void): boolean {
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
      beforeReplace();
      const viewport = { zoom: this.cy.zoom(), pan: { ...this.cy.pan() } };
      this.cy.destroy();
      this.cy = this.create(want);
      this.cy.viewport(viewport);
      return true;
    }
    if (labelsChanged) this.restyle();
    return false;
  }

  private restyle(): void {
    this.cy.style().fromJson(graphStyle(GRAPH_THEMES[this.theme], this.lod)).update();
  }

  private create(renderer: RendererName): Core {
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
    cy.on('tap', 'node', (e: EventObject) => {
      performance.mark('kith:tap');
      const original = e.originalEvent as MouseEvent | undefined;
      this.events.tapNode((e.target as NodeSingular).id(), !!original && (original.shiftKey || original.ctrlKey || original.metaKey));
    });
    cy.on('tap', 'edge', (e: EventObject) => {
      performance.mark('kith:tap');
      const ref = (e.target as cytoscape.EdgeSingular).data('ref') as string;
      if (ref) this.events.tapEdge(ref);
    });
    cy.on('tap', (e: EventObject) => {
      if (e.target !== cy) return;
      performance.mark('kith:tap');
      this.events.tapBackground();
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
          .filter((id) => !this.isExpandedGroup(id));
        cy.elements(':selected').unselect();
        this.boxing = false;
        if (picked.length > 0) this.events.boxPicked(picked);
      }, 0);
    });
    cy.on('select', (e: EventObject) => {
      if (!this.boxing) e.target.unselect();
    });
    cy.on('dragfree', 'node', (e: EventObject) => {
      const node = e.target as NodeSingular;
      this.events.dragged(node.isParent() ? node.descendants() : node);
    });
    return cy;
  }

  /** After the first drawn picture: a performance mark the benchmark reads, once the frame that shows it is drawn. */
  markReady(): void {
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
}
