import type { Core, NodeSingular } from 'cytoscape';
import { placeNewNode, type Point } from '../layout';
import { discRadius, sunflower } from '../layouts/geometry';
import type { LayoutResult } from '../layouts/types';
import type { ViewGraph } from '../viewGraph';
import { groupNode, personNode, type ViewNode } from '../viewParts';

/** What placing new nodes reads: the drawing, the scene's view of it, and the picture's position cache (written). */
export interface PlacementContext {
  readonly cy: Core;
  readonly view: ViewGraph;
  readonly nodes: ReadonlyMap<string, ViewNode>;
  readonly meId: string;
  /** The person at the centre: the ego view's, else me. */
  readonly centreId: string;
  readonly cache: Map<string, Point>;
  /** Where groups stood before they expanded. */
  readonly anchors: ReadonlyMap<string, Point>;
}

/**
 * Places new nodes without moving anyone else: members of a group that just
 * expanded in a disc where the group stood (pushing the nodes it covers
 * outward), anyone else beside their drawn neighbours. People drawn before
 * they had any tie move beside their first neighbour once they have one.
 */
export class Placement {
  /** People placed with no tie yet (they move to their first neighbour later). */
  private readonly loose = new Set<string>();

  /** A layout placed everyone. */
  forgetLoose(): void {
    this.loose.clear();
  }

  place(ctx: PlacementContext, ids: readonly string[]): void {
    const { cy, nodes, cache } = ctx;
    const byParent = new Map<string, string[]>();
    const loose: string[] = [];
    for (const id of ids) {
      const parent = nodes.get(id)?.parent;
      if (parent) {
        const list = byParent.get(parent);
        if (list) list.push(id);
        else byParent.set(parent, [id]);
      } else loose.push(id);
    }
    cy.batch(() => {
      for (const [parent, members] of byParent) {
        const anchor = ctx.anchors.get(parent) ?? cy.getElementById(parent).position();
        const ordered = [...members].sort((a, b) => (nodes.get(b)?.warmth ?? 0) - (nodes.get(a)?.warmth ?? 0));
        const out: LayoutResult = [];
        sunflower(ordered, anchor.x, anchor.y, out);
        for (const [id, x, y] of out) cy.getElementById(id).position({ x, y });
        makeRoom(cy, cache, parent, anchor, discRadius(members.length) + 40);
      }
      const centreNode = cy.getElementById(personNode(ctx.centreId));
      const centre = centreNode.nonempty() ? { ...centreNode.position() } : { x: 0, y: 0 };
      const meId = personNode(ctx.meId);
      for (const id of loose) {
        const node = cy.getElementById(id);
        // A person pulled out of a collapsed group (search hit, path) stands beside the group.
        const vn = nodes.get(id);
        const group = vn?.kind === 'person' ? ctx.view.groupOf.get(vn.ref) : undefined;
        const own = group === undefined ? cy.collection() : cy.getElementById(groupNode(group)).nodes();
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
  }

  /** Moves the people placed without a tie who have one now; returns whether anyone moved. */
  settleLoose(ctx: PlacementContext): boolean {
    if (this.loose.size === 0) return false;
    const ready: string[] = [];
    for (const id of [...this.loose]) {
      const node = ctx.cy.getElementById(id);
      if (node.empty()) this.loose.delete(id);
      else if (node.connectedEdges().nonempty()) {
        this.loose.delete(id);
        ready.push(id);
      }
    }
    if (ready.length > 0) this.place(ctx, ready);
    return ready.length > 0;
  }
}

/**
 * Makes room for a disc of `radius` at `at`: every other top-level node
 * moves away from its centre, from distance d to √(d² + r²) (r: the disc
 * plus the node and a margin). Nodes inside land just outside in the same
 * direction and order; far ones barely move; nobody piles onto the rim.
 */
function makeRoom(cy: Core, cache: Map<string, Point>, parentId: string, at: Point, radius: number): void {
  cy.nodes().forEach((n) => {
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
    cache.set(n.id(), next);
  });
}
