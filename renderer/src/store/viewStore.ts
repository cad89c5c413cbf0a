import type { PersonId } from '../../../shared/domain/model';
import { listenerSet, type Changes } from './changes';
import type { GraphCommands } from './graphCommands';
import { GROUPINGS, LAYOUTS, NO_FILTERS, type Ego, type EgoHops, type Filters, type GroupBy, type LayoutName } from './viewOptions';

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
  readonly progress: LayoutProgress | null;
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
  progress: null,
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
 * and its edits) so that a filter never touches the data; what is drawn is
 * derived from both (graph/scene.ts).
 */
export class ViewStore {
  private state: ViewState = INITIAL;
  private readonly subs = listenerSet();

  constructor(
    private readonly changes: Changes,
    private readonly commands: GraphCommands,
  ) {}

  readonly getState = (): ViewState => this.state;

  readonly subscribe = this.subs.subscribe;

  private set(patch: Partial<ViewState>): void {
    this.state = { ...this.state, ...patch };
    this.changes.notify(this.subs.listeners);
  }

  /** Takes the layout and grouping a data file was last seen with (its saved positions belong to them). */
  adopt(savedLayout: string | undefined): void {
    const parsed = parseLayoutKey(savedLayout);
    if (!parsed) return;
    this.set({ layout: parsed.layout, groupBy: parsed.groupBy });
  }

  /** Switches layout; choosing the current one again lays it out afresh. */
  setLayout(layout: LayoutName): void {
    if (layout === this.state.layout) this.relayout();
    else this.set({ layout });
  }

  /** Lays the current picture out afresh (`animated`: people glide to their new places on a small graph). */
  relayout(animated = false): void {
    this.commands.send({ kind: 'layout', animated, forget: false });
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

  /** Sets the expanded groups, oldest first (an expansion that pushes out the oldest: see graph/expansions.ts). */
  setExpanded(keys: readonly string[]): void {
    const cur = this.state.expanded;
    if (keys.length === cur.length && keys.every((k, i) => k === cur[i])) return;
    this.set({ expanded: [...keys] });
  }

  collapseAll(): void {
    if (this.state.expanded.length === 0 && this.state.pinned.size === 0) return;
    this.set({ expanded: [], pinned: new Set() });
  }

  /** Draws these people on their own although their group is collapsed (a search hit, a path); returns whether anything changed. */
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
