import type { Core } from 'cytoscape';
import { diffElements, type GraphElement } from '../elements';
import type { Point } from '../layout';
import type { Positions } from './positions';

/** How a new drawing of the elements is placed: from the picture's cache, or all moved back to it, or left to a layout. */
export interface ApplyOptions {
  /** The picture the elements belong to (null: none, nothing is cached). */
  readonly key: string | null;
  /** The picture on screen before this drawing. */
  readonly drawnKey: string | null;
  /** A layout runs next: new nodes need no placing. */
  readonly willLayout: boolean;
  /** Back to a picture seen before: every node to its cached place. */
  readonly restore: boolean;
}

/**
 * The elements Cytoscape holds, kept in step with the scene by id: a diff
 * applied inside cy.batch(), new nodes at their cached position, removed
 * nodes' positions remembered.
 */
export class DrawnElements {
  private current = new Map<string, GraphElement>();
  /** Where groups stood before they expanded: their members gather there. */
  anchors: ReadonlyMap<string, Point> = new Map();

  /** Cytoscape was made anew: everything is to be added again. */
  reset(): void {
    this.current = new Map();
  }

  /**
   * Applies the elements (null: unchanged) as a diff. Returns the drawn
   * nodes without a position: to be placed, or laid out.
   */
  apply(cy: Core, elements: readonly GraphElement[] | null, positions: Positions, opts: ApplyOptions): string[] {
    const { key, restore } = opts;
    if (elements === null) return restore && key ? restoreAll(cy, positions.of(key)) : [];
    const diff = diffElements(this.current, elements);
    if (diff.add.length + diff.remove.length + diff.data.length + diff.classes.length === 0) {
      this.current = new Map(elements.map((el) => [el.data.id, el]));
      return [];
    }
    const cache = key ? positions.of(key) : null;
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
        if (cache && opts.drawnKey === key && el.isNode() && !el.isParent()) cache.set(id, { ...el.position() });
        el.remove();
      }
      const parents = nodes.filter((el) => nodes.some((c) => c.data.parent === el.data.id));
      const rest = nodes.filter((el) => !parents.includes(el));
      const specs = [...parents, ...rest].map((el) => {
        const cached = cache?.get(el.data.id);
        if (!cached && !opts.willLayout) unplaced.push(el.data.id);
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
    if (restore && key) return restoreAll(cy, positions.of(key));
    return unplaced.filter((id) => {
      const n = cy.getElementById(id);
      return n.nonempty() && !n.isParent();
    });
  }
}

/** Back to a picture seen before: every node to its cached place; returns those the cache does not know. */
function restoreAll(cy: Core, cache: ReadonlyMap<string, Point>): string[] {
  const missing: string[] = [];
  cy.batch(() =>
    cy.nodes().forEach((n) => {
      if (n.isParent()) return;
      const p = cache.get(n.id());
      if (p) n.position(p);
      else missing.push(n.id());
    }),
  );
  return missing;
}
