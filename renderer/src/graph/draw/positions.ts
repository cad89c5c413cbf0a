import type { Core } from 'cytoscape';
import type { KithFile } from '../../../../shared/domain/model';
import { layoutKeyOf, parseLayoutKey } from '../../store/viewStore';
import type { Point } from '../layout';
import type { ViewGraph } from '../viewGraph';

/** Where positions are kept beyond the window: the data file (`view:savePositions`), or a fake in tests. */
export interface PositionsPort {
  save(layout: string, positions: Record<string, [number, number]>): void;
}

const SAVE_DEBOUNCE_MS = 1500;

/**
 * Positions by picture (`layout/grouping[/ego…]`), then by drawn node id,
 * so that a filter, an ego view or a reopen brings people back where they
 * were. The drawn picture's positions go to the port a moment after the last
 * change (not an ego view's, nor an empty network's), and only when they
 * differ from what the file holds.
 */
export class Positions {
  private readonly byPicture = new Map<string, Map<string, Point>>();
  /** What the data file holds, so that an unchanged picture is not written again. */
  private savedSignature = '';
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** The picture on screen: the one a save writes. */
  drawn: string | null = null;

  constructor(
    private readonly port: PositionsPort,
    private readonly debounceMs = SAVE_DEBOUNCE_MS,
  ) {}

  /** The positions of a picture, made empty on first use. */
  of(key: string): Map<string, Point> {
    let cache = this.byPicture.get(key);
    if (!cache) {
      cache = new Map();
      this.byPicture.set(key, cache);
    }
    return cache;
  }

  has(key: string): boolean {
    return (this.byPicture.get(key)?.size ?? 0) > 0;
  }

  replace(key: string, positions: Map<string, Point>): void {
    this.byPicture.set(key, positions);
  }

  /** Every picture forgotten (another file, an import), and a save of them not made. */
  clear(): void {
    this.byPicture.clear();
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
  }

  /** Takes up the picture a data file was saved with; its layout key, or null when it names none of ours. */
  adopt(saved: KithFile['view']): string | null {
    const parsed = parseLayoutKey(saved?.layout);
    if (!parsed) return null;
    const key = layoutKeyOf(parsed.layout, parsed.groupBy);
    if (saved?.positions) {
      const cache = this.of(key);
      for (const [id, [x, y]] of Object.entries(saved.positions)) cache.set(id, { x, y });
      this.savedSignature = signature(key, cache);
    }
    return key;
  }

  /** Share of the drawn top-level nodes the picture's cache knows a position for. */
  coverage(key: string, view: ViewGraph): number {
    const cache = this.byPicture.get(key);
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

  /** Keeps where every drawn node stands now, under `key`. */
  snapshot(key: string, cy: Core): void {
    const cache = this.of(key);
    cy.nodes().forEach((n) => {
      if (!n.isParent()) cache.set(n.id(), { ...n.position() });
    });
  }

  /** Saves the drawn picture a moment after the last change; `savable`: the network has more than me in it. */
  scheduleSave(savable: boolean): void {
    if (!this.drawn || this.drawn.includes('/ego:') || !savable) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flush(), this.debounceMs);
  }

  /** A scheduled save, now (on close). */
  flush(): void {
    if (!this.saveTimer) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const key = this.drawn;
    if (!key || key.includes('/ego:')) return;
    const cache = this.byPicture.get(key);
    if (!cache || cache.size === 0) return;
    const sig = signature(key, cache);
    if (sig === this.savedSignature) return;
    this.savedSignature = sig;
    const positions: Record<string, [number, number]> = {};
    for (const [id, p] of cache) positions[id] = [Math.round(p.x), Math.round(p.y)];
    this.port.save(key, positions);
  }
}

function signature(key: string, cache: ReadonlyMap<string, Point>): string {
  let h = 0;
  for (const [id, p] of cache) {
    const s = `${id}:${Math.round(p.x)},${Math.round(p.y)};`;
    for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  }
  return `${key}#${cache.size}#${h}`;
}
