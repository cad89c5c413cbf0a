import type { CollectionReturnValue, Core } from 'cytoscape';
import type { Point } from '../layout';
import { personNode } from '../viewParts';

const FIT_PADDING = 64;
const MAX_FIT_ZOOM = 1.3;

interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly w: number;
  readonly h: number;
}

/**
 * Moves of the view over the drawing: fits, centring and zoom. Each keeps
 * clear of the graph's own controls over the canvas (elements marked
 * `data-graph-inset`) and caps how close a fit zooms.
 */
export class Viewport {
  constructor(
    private readonly cy: () => Core,
    private readonly container: HTMLElement,
  ) {}

  /** The whole drawing in view. */
  fit(animated: boolean): void {
    const cy = this.cy();
    if (cy.nodes().empty()) return;
    // From positions and sizes: asking Cytoscape for the bounding box styles every element (labels measured) before the first frame.
    this.move(this.viewportFor(boundsOf(new Map(), cy), FIT_PADDING), animated);
  }

  /** The drawing as it will stand at `positions`, in view (a layout about to animate there). */
  fitTo(positions: ReadonlyMap<string, Point>): void {
    this.move(this.viewportFor(boundsOf(positions, this.cy()), FIT_PADDING), true);
  }

  /** These people (a path) in view, as close as the fit zoom cap allows. */
  fitPeople(ids: readonly string[]): void {
    this.fitNodes(ids.map(personNode));
  }

  /** These drawn nodes in view; the whole drawing when none of them is drawn. */
  fitNodes(nodeIds: Iterable<string>, orAll = false): void {
    const cy = this.cy();
    let eles = cy.collection();
    for (const id of nodeIds) eles = eles.union(cy.getElementById(id));
    if (eles.empty()) {
      if (orAll) this.fit(true);
      return;
    }
    this.fitCollection(eles);
  }

  /** A person in the middle of the view, at least at zoom 0.9; false when they are not drawn. */
  centreOnPerson(id: string): boolean {
    const cy = this.cy();
    const node = cy.getElementById(personNode(id));
    if (node.empty()) return false;
    cy.stop();
    this.centreOn(node.position(), Math.max(cy.zoom(), 0.9));
    return true;
  }

  /** Zooms by `factor` around the centre of the view. */
  zoomBy(factor: number): void {
    const cy = this.cy();
    const level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor));
    cy.stop();
    cy.animate({ zoom: { level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } } }, { duration: 160 });
  }

  private fitCollection(eles: CollectionReturnValue): void {
    this.move(this.viewportFor(eles.boundingBox(), FIT_PADDING * 2), true);
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
    return Math.min(inset, this.cy().height() / 3);
  }

  /** The zoom and pan that show `bb` (model coordinates) in the part of the canvas below the controls. */
  private viewportFor(bb: Box, padding: number): { zoom: number; pan: Point } {
    const cy = this.cy();
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
    const cy = this.cy();
    const top = this.topInset();
    this.move({ zoom, pan: { x: cy.width() / 2 - zoom * p.x, y: top + (cy.height() - top) / 2 - zoom * p.y } }, true);
  }

  private move(target: { zoom: number; pan: Point }, animated: boolean): void {
    const cy = this.cy();
    cy.stop();
    if (animated) cy.animate(target, { duration: 260 });
    else cy.viewport(target);
  }
}

/** Bounding box of nodes at the given positions (their sizes and a label's room included), in model coordinates. */
function boundsOf(positions: ReadonlyMap<string, Point>, cy: Core): Box {
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
