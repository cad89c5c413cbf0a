import type React from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KithFile } from '../../../shared/domain/model';
import {
  ACTIVITY_LABELS,
  DOING_ACTIVITIES,
  LIVING_ACTIVITIES,
  ORIGINS,
  type Activity,
  type Origin,
} from '../../../shared/domain/vocabulary';
import { downloadText, graphActions } from '../graph/exportView';
import { normalizeLabel } from '../graph/filters';
import { ORIGIN_COLORS, ORIGIN_LABELS } from '../graph/palette';
import { formatCount } from '../graph/viewGraph';
import {
  activeFilterCount,
  AGE_FILTERS,
  AGE_LABELS,
  GROUPING_LABELS,
  GROUPINGS,
  LAYOUT_HINTS,
  LAYOUT_LABELS,
  LAYOUTS,
  type AgeFilter,
  type EgoHops,
  type GroupBy,
  type LayoutName,
} from '../graph/viewOptions';
import { useAppState, useStore } from '../store/useAppState';
import { useViewState } from '../store/useViewState';
import { CloseIcon, CollapseIcon, DownloadIcon, EgoIcon, FilterIcon, KeyboardIcon } from './icons';
import './graphView.css';

const fmt = formatCount;

/** Closes a popover on a click outside it or on Escape. */
function usePopover(open: boolean, close: () => void): React.RefObject<HTMLDivElement | null> {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return undefined;
    const onDown = (e: MouseEvent) => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target)) close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, close]);
  return ref;
}

/**
 * The graph's own controls, over its top-left corner: layout, grouping, my
 * own ties, filters, the ego view, export and the shortcut sheet; below
 * them, what is shown out of what there is.
 */
export function ViewBar(): React.JSX.Element | null {
  const store = useStore();
  const view = store.view;
  const hasNetwork = useAppState((s) => s.network !== null && s.network.file.people.length > 1);
  const layout = useViewState((s) => s.layout);
  const groupBy = useViewState((s) => s.groupBy);
  const stats = useViewState((s) => s.stats);
  const hideMyTies = useViewState((s) => s.hideMyTies);
  const filters = useViewState((s) => s.filters);
  const filtersOpen = useViewState((s) => s.filtersOpen);
  const [exportOpen, setExportOpen] = useState(false);
  if (!hasNetwork) return null;
  const shownGrouping: GroupBy = groupBy ?? stats?.groupBy ?? 'none';
  const filterCount = activeFilterCount(filters);
  return (
    <div className="view-bar" role="toolbar" aria-label="Graph view" data-testid="view-bar" data-graph-inset="top">
      <div className="view-row">
        <label className="view-field" title={LAYOUT_HINTS[layout]}>
          <span>Layout</span>
          <select
            className="select view-select"
            data-testid="view-layout"
            value={layout}
            onChange={(e) => view.setLayout(e.target.value as LayoutName)}
          >
            {LAYOUTS.map((l) => (
              <option key={l} value={l} title={LAYOUT_HINTS[l]}>
                {LAYOUT_LABELS[l]}
              </option>
            ))}
          </select>
        </label>
        <label className="view-field" title="Gather people into group nodes; click a group to see its people">
          <span>Group</span>
          <select
            className="select view-select"
            data-testid="view-group"
            value={shownGrouping}
            onChange={(e) => view.setGroupBy(e.target.value as GroupBy)}
          >
            {GROUPINGS.map((g) => (
              <option key={g} value={g}>
                {GROUPING_LABELS[g]}
              </option>
            ))}
          </select>
        </label>
        <label
          className="view-check"
          title="Hide the ties between you and everyone (an import ties you to all): the structure among your contacts shows (H)"
        >
          <input
            type="checkbox"
            data-testid="view-hide-my-ties"
            checked={hideMyTies}
            onChange={(e) => view.setHideMyTies(e.target.checked)}
          />
          Hide my ties
        </label>
        <div className="view-pop-anchor">
          <button
            type="button"
            className={`btn btn-ghost view-btn${filterCount > 0 ? ' is-active' : ''}`}
            data-testid="view-filters"
            aria-expanded={filtersOpen}
            onClick={() => view.setFiltersOpen(!filtersOpen)}
          >
            <FilterIcon />
            Filters{filterCount > 0 ? <span className="view-badge">{filterCount}</span> : null}
          </button>
          {filtersOpen ? <FilterPanel /> : null}
        </div>
        <EgoControl />
        <div className="view-pop-anchor">
          <button
            type="button"
            className="btn btn-ghost view-btn"
            data-testid="view-export"
            aria-expanded={exportOpen}
            onClick={() => setExportOpen(!exportOpen)}
          >
            <DownloadIcon />
            Export
          </button>
          {exportOpen ? <ExportMenu onClose={() => setExportOpen(false)} /> : null}
        </div>
        <button
          type="button"
          className="btn btn-ghost btn-icon view-btn"
          data-testid="view-help"
          aria-label="Keyboard shortcuts (?)"
          title="Keyboard shortcuts (?)"
          onClick={() => view.setHelpOpen(true)}
        >
          <KeyboardIcon />
        </button>
      </div>
      <ViewStatus />
    </div>
  );
}

function ViewStatus(): React.JSX.Element | null {
  const view = useStore().view;
  const stats = useViewState((s) => s.stats);
  const expanded = useViewState((s) => s.expanded);
  const pinned = useViewState((s) => s.pinned);
  const multi = useViewState((s) => s.multi);
  if (!stats) return null;
  const filtered = stats.people.shown < stats.people.total || stats.ties.shown < stats.ties.total;
  return (
    <div className="view-status" data-testid="view-counts" aria-live="polite">
      <span data-testid="view-shown" data-people={stats.people.shown} data-ties={stats.ties.shown} data-mode={stats.mode}>
        {filtered ? (
          <>
            Showing <strong>{fmt(stats.people.shown)}</strong> of {fmt(stats.people.total)} people ·{' '}
            <strong>{fmt(stats.ties.shown)}</strong> of {fmt(stats.ties.total)} ties
          </>
        ) : (
          <>
            {fmt(stats.people.total)} people · {fmt(stats.ties.total)} ties
          </>
        )}
        {stats.mode === 'grouped' ? (
          <span className="view-muted">
            {' '}
            · {fmt(stats.groups)} {stats.groupBy === 'company' ? 'companies' : stats.groupBy === 'community' ? 'communities' : 'tags'}
            {stats.hiddenAggregates > 0 ? ` · ${fmt(stats.hiddenAggregates)} weak links between groups not drawn` : ''}
          </span>
        ) : null}
      </span>
      {expanded.length + pinned.size > 0 ? (
        <button
          type="button"
          className="link-button"
          data-testid="view-collapse-all"
          onClick={() => view.collapseAll()}
          title="Collapse every group (C)"
        >
          <CollapseIcon className="inline-icon" /> Collapse all
        </button>
      ) : null}
      {multi.size > 0 ? (
        <span className="view-multi" data-testid="multi-bar">
          {multi.size} picked
          <button type="button" className="link-button" onClick={() => graphActions()?.fitSelection()}>
            Fit
          </button>
          <button type="button" className="link-button" onClick={() => view.clearMulti()}>
            Clear
          </button>
        </span>
      ) : null}
      {stats.notice ? (
        <span className="view-notice" data-testid="view-notice">
          {stats.notice}
        </span>
      ) : null}
      {stats.refused.length > 0 ? (
        <span className="view-notice">
          {stats.refused.join(', ')} {stats.refused.length === 1 ? 'is' : 'are'} too big to open: filter or search inside it.
        </span>
      ) : null}
    </div>
  );
}

function EgoControl(): React.JSX.Element {
  const store = useStore();
  const view = store.view;
  const ego = useViewState((s) => s.ego);
  const selection = useAppState((s) => s.selection);
  const index = useAppState((s) => s.index);
  if (!ego) {
    const person = selection?.kind === 'person' ? selection.id : null;
    const name = person ? index?.people.get(person)?.name : undefined;
    return (
      <button
        type="button"
        className="btn btn-ghost view-btn"
        data-testid="view-ego"
        disabled={!person}
        title={
          name ? `Show ${name} and the people within 1–3 ties of them (E)` : 'Select a person first, then show them and who they know (E)'
        }
        onClick={() => person && view.egoOf(person, 1)}
      >
        <EgoIcon />
        Ego view
      </button>
    );
  }
  const name = index?.people.get(ego.id)?.name ?? 'someone';
  return (
    <span className="ego-chip" data-testid="ego-chip">
      <EgoIcon />
      <span className="ego-name" title={name}>
        {name}
      </span>
      <span className="segmented ego-hops" role="radiogroup" aria-label="Ties away">
        {([1, 2, 3] as const).map((h: EgoHops) => (
          <button
            key={h}
            type="button"
            role="radio"
            aria-checked={ego.hops === h}
            data-testid={`ego-hops-${h}`}
            title={`${h} ${h === 1 ? 'tie' : 'ties'} away`}
            onClick={() => view.setEgo({ id: ego.id, hops: h })}
          >
            {h}
          </button>
        ))}
      </span>
      <button
        type="button"
        className="btn btn-ghost btn-icon"
        data-testid="ego-close"
        aria-label="Leave the ego view"
        title="Leave the ego view (Esc)"
        onClick={() => view.setEgo(null)}
      >
        <CloseIcon />
      </button>
    </span>
  );
}

interface Facet {
  readonly label: string;
  readonly count: number;
}

/** The most common tags and companies of a network, for the filter chips. */
export function facets(file: KithFile, limit: number): { tags: Facet[]; companies: Facet[] } {
  const count = (values: Iterable<string>) => {
    const m = new Map<string, Facet>();
    for (const v of values) {
      const label = v.trim();
      if (!label) continue;
      const key = normalizeLabel(label);
      const cur = m.get(key);
      m.set(key, { label: cur?.label ?? label, count: (cur?.count ?? 0) + 1 });
    }
    return [...m.values()].sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
  };
  const others = file.people.filter((p) => p.id !== file.meId);
  return {
    tags: count(others.flatMap((p) => p.tags ?? [])).slice(0, limit),
    companies: count(others.map((p) => p.company ?? '')),
  };
}

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

function FilterPanel(): React.JSX.Element {
  const store = useStore();
  const view = store.view;
  const file = useAppState((s) => s.network?.file);
  const filters = useViewState((s) => s.filters);
  const stats = useViewState((s) => s.stats);
  const [companyQuery, setCompanyQuery] = useState('');
  const ref = usePopover(true, () => view.setFiltersOpen(false));
  const all = useMemo(() => (file ? facets(file, 14) : { tags: [], companies: [] }), [file]);
  const companyMatches = useMemo(() => {
    const q = normalizeLabel(companyQuery);
    const chosen = new Set(filters.companies.map(normalizeLabel));
    const list = all.companies.filter((c) => !chosen.has(normalizeLabel(c.label)) && (q === '' || normalizeLabel(c.label).includes(q)));
    return list.slice(0, 8);
  }, [all, companyQuery, filters.companies]);
  const activityGroups: ReadonlyArray<readonly [Origin, readonly Activity[]]> = [
    ['living', LIVING_ACTIVITIES],
    ['doing', DOING_ACTIVITIES],
  ];
  return (
    <div className="popover filter-panel" ref={ref} data-testid="filter-panel" role="dialog" aria-label="Filters">
      <section>
        <h3>Origin of the tie</h3>
        <div className="chip-row">
          {ORIGINS.map((o) => (
            <label
              key={o}
              className={`filter-chip${filters.origins.includes(o) ? ' on' : ''}`}
              style={{ '--chip': ORIGIN_COLORS[o] } as React.CSSProperties}
            >
              <input
                type="checkbox"
                data-testid={`filter-origin-${o}`}
                checked={filters.origins.includes(o)}
                onChange={() => view.setFilters({ origins: toggle(filters.origins, o) })}
              />
              <span className="swatch" style={{ background: ORIGIN_COLORS[o] }} />
              {ORIGIN_LABELS[o]}
            </label>
          ))}
        </div>
      </section>
      <section>
        <h3>Activity</h3>
        {activityGroups.map(([origin, list]) => (
          <div className="chip-row" key={origin}>
            {list.map((a) => (
              <label
                key={a}
                className={`filter-chip small${filters.activities.includes(a) ? ' on' : ''}`}
                style={{ '--chip': ORIGIN_COLORS[origin] } as React.CSSProperties}
              >
                <input
                  type="checkbox"
                  data-testid={`filter-activity-${a}`}
                  checked={filters.activities.includes(a)}
                  onChange={() => view.setFilters({ activities: toggle(filters.activities, a) })}
                />
                {ACTIVITY_LABELS[a]}
              </label>
            ))}
          </div>
        ))}
      </section>
      <section className="filter-two">
        <label className="field">
          <span className="field-label">Strength at least</span>
          <select
            className="select"
            data-testid="filter-strength"
            value={filters.minStrength}
            onChange={(e) => view.setFilters({ minStrength: Number(e.target.value) })}
          >
            <option value={0}>Any</option>
            {[1, 2, 3, 4, 5].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Last interaction</span>
          <select
            className="select"
            data-testid="filter-age"
            value={filters.age}
            onChange={(e) => view.setFilters({ age: e.target.value as AgeFilter })}
          >
            {AGE_FILTERS.map((a) => (
              <option key={a} value={a}>
                {AGE_LABELS[a]}
              </option>
            ))}
          </select>
        </label>
      </section>
      {all.tags.length > 0 ? (
        <section>
          <h3>Tags</h3>
          <div className="chip-row">
            {all.tags.map((t) => (
              <label key={t.label} className={`filter-chip small${filters.tags.includes(t.label) ? ' on' : ''}`}>
                <input
                  type="checkbox"
                  data-testid={`filter-tag-${t.label}`}
                  checked={filters.tags.includes(t.label)}
                  onChange={() => view.setFilters({ tags: toggle(filters.tags, t.label) })}
                />
                {t.label} <span className="view-muted">{fmt(t.count)}</span>
              </label>
            ))}
          </div>
        </section>
      ) : null}
      <section>
        <h3>Company</h3>
        <div className="chip-row">
          {filters.companies.map((c) => (
            <label key={c} className="filter-chip small on">
              <input type="checkbox" checked onChange={() => view.setFilters({ companies: filters.companies.filter((x) => x !== c) })} />
              {c}
            </label>
          ))}
        </div>
        <input
          className="input"
          data-testid="filter-company-search"
          placeholder={`Find one of ${fmt(all.companies.length)} companies…`}
          value={companyQuery}
          onChange={(e) => setCompanyQuery(e.target.value)}
        />
        <div className="chip-row">
          {companyMatches.map((c) => (
            <button
              key={c.label}
              type="button"
              className="filter-chip small"
              data-testid={`filter-company-${c.label}`}
              onClick={() => view.setFilters({ companies: [...filters.companies, c.label] })}
            >
              {c.label} <span className="view-muted">{fmt(c.count)}</span>
            </button>
          ))}
        </div>
      </section>
      <footer className="filter-footer">
        <span data-testid="filter-counts">
          {stats ? (
            <>
              {fmt(stats.people.shown)} of {fmt(stats.people.total)} people shown, {fmt(stats.people.total - stats.people.shown)} hidden ·{' '}
              {fmt(stats.ties.shown)} of {fmt(stats.ties.total)} ties
            </>
          ) : null}
        </span>
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="filter-clear"
          disabled={activeFilterCount(filters) === 0}
          onClick={() => view.clearFilters()}
        >
          Clear all
        </button>
      </footer>
    </div>
  );
}

function ExportMenu({ onClose }: { readonly onClose: () => void }): React.JSX.Element {
  const store = useStore();
  const ref = usePopover(true, onClose);
  const network = async (format: 'graphml' | 'gexf') => {
    onClose();
    const result = await store.call('network:export', { format }, { what: `Could not export ${format === 'gexf' ? 'GEXF' : 'GraphML'}` });
    if (result.ok) downloadText(result.value.content, result.value.filename, result.value.mimeType);
  };
  const item = (testId: string, label: string, hint: string, run: () => void) => (
    <button
      type="button"
      role="menuitem"
      className="menu-item"
      data-testid={testId}
      onClick={() => {
        onClose();
        run();
      }}
    >
      <strong>{label}</strong>
      <span>{hint}</span>
    </button>
  );
  return (
    <div className="popover export-menu" ref={ref} role="menu" data-testid="export-menu">
      {item('export-png', 'This view as PNG', 'What you see, at twice the screen’s resolution', () => graphActions()?.exportPng())}
      {item('export-svg', 'This view as SVG', 'What you see, as a vector drawing', () => graphActions()?.exportSvg())}
      <div className="menu-sep" />
      <button type="button" role="menuitem" className="menu-item" data-testid="export-graphml" onClick={() => void network('graphml')}>
        <strong>Network as GraphML</strong>
        <span>Every person and tie, for yEd, Gephi, NetworkX</span>
      </button>
      <button type="button" role="menuitem" className="menu-item" data-testid="export-gexf" onClick={() => void network('gexf')}>
        <strong>Network as GEXF</strong>
        <span>Gephi’s own format, with origins and strengths</span>
      </button>
    </div>
  );
}
