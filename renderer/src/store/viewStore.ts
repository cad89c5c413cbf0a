import type { PersonId } from '../../../shared/domain/model';
import type { ShownCount } from '../graph/filters';
import type { RendererName } from '../graph/lod';
import { GROUPINGS, LAYOUTS, NO_FILTERS, type Ego, type EgoHops, type Filters, type GroupBy, type LayoutName } from '../graph/viewOptions';

/** What the graph drew, published by the graph controller for the view bar and the status line. */
export interface ViewStats {
  readonly mode: 'people' | 'grouped';
  readonly groupBy: GroupBy;
  /** Said when the chosen grouping could not be honoured. */
  readonly notice: string | null;
  readonly people: ShownCount;
  readonly ties: ShownCount;
  readonly drawnNodes: number;
  readonly drawnEdges: number;
  readonly groups: number;
  readonly hiddenAggregates: number;
  readonly renderer: RendererName;
  /** Groups too big to expand. */
  readonly refused: readonly string[];
}

export interface LayoutProgress {
  readonly layout: LayoutName;
  readonly done: number;
  readonly total: number;
}

export interface ViewState {
  readonly layout: LayoutName;
  /** null: not chosen, the graph picks by size (everyone when small, by company when big). */
  readonly groupBy: GroupBy | null;
  readonly hideMyTies: boolean;
  readonly filters: Filters;
  readonly ego: Ego | null;
  /** Expanded group keys, oldest first (the oldest collapse first when too many people would be drawn). */
  readonly expanded: readonly string[];
  /** People drawn on their own although their group is collapsed (search hits, selections, paths). */
  readonly pinned: ReadonlySet<string>;
  /** Multi-selected drawn node ids (shift/ctrl-click, box select). */
  readonly multi: ReadonlySet<string>;
  /** Changes when the user asks for the current layout again. */
  readonly relayoutSeq: number;
  readonly progress: LayoutProgress | null;
  readonly stats: ViewStats | null;
  readonly helpOpen: boolean;
  readonly filtersOpen: boolean;
  /** Changes when the search box should take the focus (Ctrl/Cmd+F). */
  readonly searchFocusSeq: number;
}

const INITIAL: ViewState = {
  layout: 'around-me',
  groupBy: null,
  hideMyTies: false,
  filters: NO_FILTERS,
  ego: null,
  expanded: [],
  pinned: new Set(),
  multi: new Set(),
  relayoutSeq: 0,
  progress: null,
  stats: null,
  helpOpen: false,
  filtersOpen: false,
  searchFocusSeq: 0,
};

/** `force/company` → its parts; null when it names no layout of ours. */
export function parseLayoutKey(key: string | undefined): { layout: LayoutName; groupBy: GroupBy } | null {
  if (!key) return null;
  const [layout, groupBy] = key.split('/');
  if (!(LAYOUTS as readonly string[]).includes(layout ?? '') || !(GROUPINGS as readonly string[]).includes(groupBy ?? '')) return null;
  return { layout: layout as LayoutName, groupBy: groupBy as GroupBy };
}

export const layoutKeyOf = (layout: LayoutName, groupBy: GroupBy): string => `${layout}/${groupBy}`;

/**
 * How the graph is looked at: layout, grouping, filters, ego view,
 * expanded groups, multi-selection. Separate from the AppStore (the network
 * and its edits) so that a filter never touches the data and the graph
 * controller can follow both.
 */
export class ViewStore {
  private state: ViewState = INITIAL;
  private readonly listeners = new Set<() => void>();

  readonly getState = (): ViewState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<ViewState>): void {
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((l) => l());
  }

  /** Takes the layout and grouping a data file was last seen with (its saved positions belong to them). */
  adopt(savedLayout: string | undefined): void {
    const parsed = parseLayoutKey(savedLayout);
    if (!parsed) return;
    this.set({ layout: parsed.layout, groupBy: parsed.groupBy });
  }

  /** Switches layout; choosing the current one again lays it out afresh. */
  setLayout(layout: LayoutName): void {
    this.set(layout === this.state.layout ? { relayoutSeq: this.state.relayoutSeq + 1 } : { layout });
  }

  relayout(): void {
    this.set({ relayoutSeq: this.state.relayoutSeq + 1 });
  }

  setGroupBy(groupBy: GroupBy): void {
    if (groupBy === this.state.groupBy) return;
    this.set({ groupBy, expanded: [], pinned: new Set(), multi: new Set() });
  }

  setHideMyTies(hide: boolean): void {
    if (hide !== this.state.hideMyTies) this.set({ hideMyTies: hide });
  }

  setFilters(patch: Partial<Filters>): void {
    this.set({ filters: { ...this.state.filters, ...patch } });
  }

  clearFilters(): void {
    if (this.state.filters !== NO_FILTERS) this.set({ filters: NO_FILTERS });
  }

  /** Opens (or, with null, closes) the ego view. */
  setEgo(ego: Ego | null): void {
    const cur = this.state.ego;
    if (cur === ego || (cur && ego && cur.id === ego.id && cur.hops === ego.hops)) return;
    this.set({ ego, multi: new Set() });
  }

  egoOf(id: PersonId, hops: EgoHops = this.state.ego?.hops ?? 1): void {
    this.setEgo({ id, hops });
  }

  isExpanded(key: string): boolean {
    return this.state.expanded.includes(key);
  }

  expand(key: string): void {
    if (this.isExpanded(key)) return;
    this.set({ expanded: [...this.state.expanded, key] });
  }

  collapse(key: string): void {
    if (!this.isExpanded(key)) return;
    this.set({ expanded: this.state.expanded.filter((k) => k !== key) });
  }

  /** Keeps only these expansions (the controller trims the oldest when too many people would be drawn). */
  keepExpanded(keys: readonly string[]): void {
    this.set({ expanded: this.state.expanded.filter((k) => keys.includes(k)) });
  }

  collapseAll(): void {
    if (this.state.expanded.length === 0 && this.state.pinned.size === 0) return;
    this.set({ expanded: [], pinned: new Set() });
  }

  /** Draws these people on their own (search hit, selection, path); returns whether anything changed. */
  pin(ids: readonly string[]): boolean {
    const missing = ids.filter((id) => !this.state.pinned.has(id));
    if (missing.length === 0) return false;
    this.set({ pinned: new Set([...this.state.pinned, ...missing]) });
    return true;
  }

  toggleMulti(id: string): void {
    const multi = new Set(this.state.multi);
    if (multi.has(id)) multi.delete(id);
    else multi.add(id);
    this.set({ multi });
  }

  addMulti(ids: readonly string[]): void {
    if (ids.every((id) => this.state.multi.has(id))) return;
    this.set({ multi: new Set([...this.state.multi, ...ids]) });
  }

  clearMulti(): void {
    if (this.state.multi.size > 0) this.set({ multi: new Set() });
  }

  setProgress(progress: LayoutProgress | null): void {
    this.set({ progress });
  }

  setStats(stats: ViewStats): void {
    const cur = this.state.stats;
    if (cur && sameStats(cur, stats)) return;
    this.set({ stats });
  }

  setHelpOpen(open: boolean): void {
    if (open !== this.state.helpOpen) this.set({ helpOpen: open });
  }

  setFiltersOpen(open: boolean): void {
    if (open !== this.state.filtersOpen) this.set({ filtersOpen: open });
  }

  focusSearch(): void {
    this.set({ searchFocusSeq: this.state.searchFocusSeq + 1 });
  }
}

function sameStats(a: ViewStats, b: ViewStats): boolean {
  return (
    a.mode === b.mode &&
    a.groupBy === b.groupBy &&
    a.notice === b.notice &&
    a.people.shown === b.people.shown &&
    a.people.total === b.people.total &&
    a.ties.shown === b.ties.shown &&
    a.ties.total === b.ties.total &&
    a.drawnNodes === b.drawnNodes &&
    a.drawnEdges === b.drawnEdges &&
    a.groups === b.groups &&
    a.hiddenAggregates === b.hiddenAggregates &&
    a.renderer === b.renderer &&
    a.refused.join('\u0000') === b.refused.join('\u0000')
  );
}
