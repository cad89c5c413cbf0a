import type cytoscape from 'cytoscape';
import type { Core, NodeSingular } from 'cytoscape';
import type { Toast } from '../../store/appState';
import type { LayoutProgress } from '../../store/viewStore';
import type { LayoutName } from '../../store/viewOptions';
import type { Point } from '../layout';
import { computeQuickLayout } from '../layouts/compute';
import { LayoutRunner, needsWorker } from '../layouts/runner';
import type { LayoutRequest, LayoutResult } from '../layouts/types';
import type { Positions } from './positions';
import type { Viewport } from './viewport';

const ANIMATE_BELOW = 600;
/** A layout that takes longer than this shows its progress bar. */
const PROGRESS_AFTER_MS = 250;
/** Below this many items, a worker's layout starts from the rings, drawn at once. */
const PREVIEW_UP_TO = 5000;

/** What a layout run reads and tells. */
export interface LayoutHost {
  readonly cy: () => Core;
  readonly positions: Positions;
  readonly viewport: Viewport;
  /** The picture on screen now. */
  drawnKey(): string | null;
  /** The progress bar (null: hidden), a store action. */
  progress(progress: LayoutProgress | null): void;
  toast(toast: Omit<Toast, 'id'>): void;
  /** A run has ended (done, cancelled or failed). */
  settled(outcome: 'done' | 'cancelled' | 'failed'): void;
}

/**
 * Layouts of the drawn picture, one at a time: small ones in the page, big
 * ones in a worker with a progress bar after a moment. The positions land in
 * the picture's cache; on screen (animated on a small graph) only if that
 * picture is still the one drawn. Cancel puts everyone back.
 */
export class LayoutRuns {
  private running: { readonly token: number; readonly key: string } | null = null;
  private token = 0;
  /** Layouts done since the start (the benchmark and tests count them). */
  runs = 0;
  lastMs = 0;
  private destroyed = false;

  constructor(
    private readonly host: LayoutHost,
    private readonly runner: LayoutRunner = new LayoutRunner(),
  ) {}

  get isRunning(): boolean {
    return this.running !== null;
  }

  destroy(): void {
    this.destroyed = true;
    this.runner.destroy();
  }

  cancel(): void {
    if (this.running) this.runner.cancel();
  }

  start(key: string, name: LayoutName, request: LayoutRequest, animated: boolean): void {
    const cy = this.host.cy();
    // Cancel puts everyone back here.
    const before = new Map<string, Point>();
    cy.nodes().forEach((n) => {
      if (!n.isParent()) before.set(n.id(), { ...n.position() });
    });
    if (needsWorker(request) && !this.host.positions.has(key) && request.input.items.length <= PREVIEW_UP_TO) {
      // Something to look at while the worker runs: the rings, at once.
      const preview = new Map(computeQuickLayout({ name: 'around-me', input: request.input }).map(([id, x, y]) => [id, { x, y }]));
      cy.batch(() =>
        cy.nodes().forEach((n) => {
          const p = preview.get(n.id());
          if (p && !n.isParent()) n.position(p);
        }),
      );
      this.host.viewport.fit(false);
    }
    const token = ++this.token;
    this.running = { token, key };
    const started = performance.now();
    const showAfter = needsWorker(request)
      ? setTimeout(() => {
          if (this.running?.token === token) this.host.progress({ layout: name, done: 0, total: 1 });
        }, PROGRESS_AFTER_MS)
      : null;
    void this.runner
      .run(request, (p) => {
        if (this.running?.token === token && performance.now() - started >= PROGRESS_AFTER_MS) this.host.progress({ layout: name, ...p });
      })
      .then((outcome) => {
        if (showAfter) clearTimeout(showAfter);
        if (this.running?.token !== token || this.destroyed) return;
        this.running = null;
        this.host.progress(null);
        if (outcome.kind === 'cancelled') {
          if (this.host.drawnKey() === key) {
            const now = this.host.cy();
            now.batch(() =>
              now.nodes().forEach((n) => {
                const p = before.get(n.id());
                if (p && !n.isParent()) n.position(p);
              }),
            );
            this.host.positions.replace(key, before);
            this.host.toast({ kind: 'info', message: 'Layout cancelled: the people stay where they were.' });
          }
          this.host.settled('cancelled');
          return;
        }
        if (outcome.kind === 'failed') {
          this.host.toast({ kind: 'error', message: `The ${name} layout failed: ${outcome.message}` });
          this.host.settled('failed');
          return;
        }
        this.lastMs = performance.now() - started;
        this.land(key, outcome.positions, animated);
      });
  }

  private land(key: string, positions: LayoutResult, animated: boolean): void {
    const cache = new Map<string, Point>();
    for (const [id, x, y] of positions) cache.set(id, { x, y });
    this.host.positions.replace(key, cache);
    this.runs += 1;
    if (key !== this.host.drawnKey()) return;
    const cy = this.host.cy();
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
      this.host.viewport.fitTo(cache);
    } else {
      cy.batch(() =>
        cy.nodes().forEach((node) => {
          if (!node.isParent()) node.position(at(node));
        }),
      );
      this.host.viewport.fit(false);
    }
    this.host.settled('done');
  }
}
