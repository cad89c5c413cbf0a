import type cytoscape from 'cytoscape';
import type { Core } from 'cytoscape';
import type { GraphSnapshot } from '../../api/bridge';
import { groupNode, personNode, tieEdge } from '../viewParts';

/** What the drawn graph tells the end-to-end tests and the benchmark, beyond Cytoscape itself. */
export interface ProbeFacts {
  readonly layoutRuns: number;
  readonly lastLayoutMs: number;
  readonly renderer: 'canvas' | 'webgl';
  readonly readyAt: number | null;
  readonly layoutRunning: boolean;
}

/** Read-only facts about the drawing: people, ties, groups with their positions, classes and drawn style. */
export function snapshotOf(cy: Core, facts: ProbeFacts): GraphSnapshot {
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
    ...facts,
  };
}

/** Page coordinates (CSS pixels) of a person's node, a tie's midpoint or a group, by their id or key; null when not drawn. */
export function pagePointOf(
  cy: Core,
  container: HTMLElement,
  kind: 'node' | 'edge' | 'group',
  id: string,
): { x: number; y: number } | null {
  const eleId = kind === 'node' ? personNode(id) : kind === 'group' ? groupNode(id) : tieEdge(id);
  const ele = cy.getElementById(eleId);
  if (ele.empty()) return null;
  const p = ele.isNode() ? ele.renderedPosition() : (ele as cytoscape.EdgeSingular).renderedMidpoint();
  const box = container.getBoundingClientRect();
  return { x: box.left + p.x, y: box.top + p.y };
}

/** One step of the pan/zoom benchmark: pans by (dx, dy) screen pixels and zooms by `factor` around the centre. */
export function viewportStepOf(cy: Core, dx: number, dy: number, factor: number): void {
  cy.panBy({ x: dx, y: dy });
  if (factor !== 1) cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
}

/** `rgb(0,158,115)` → `#009E73`, so that tests compare with the palette as written. */
function toHex(color: string): string {
  const m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  if (!m) return color;
  return `#${[m[1], m[2], m[3]].map((v) => Number(v).toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}
