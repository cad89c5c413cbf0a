import type React from 'react';
import { useState } from 'react';
import { useScene } from '../graph/storeScene';
import { useAppState, useStore } from '../store/useAppState';
import { useViewState } from '../store/useViewState';
import {
  activeFilterCount,
  GROUPING_LABELS,
  GROUPINGS,
  LAYOUT_HINTS,
  LAYOUT_LABELS,
  LAYOUTS,
  type GroupBy,
  type LayoutName,
} from '../store/viewOptions';
import { EgoControl } from './EgoControl';
import { ExportMenu } from './ExportMenu';
import { FilterPanel } from './FilterPanel';
import { DownloadIcon, FilterIcon, KeyboardIcon } from './icons';
import { ViewStatus } from './ViewStatus';
import './graphView.css';

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
  const grouping = useScene((s) => s?.stats.groupBy);
  const hideMyTies = useViewState((s) => s.hideMyTies);
  const filters = useViewState((s) => s.filters);
  const filtersOpen = useViewState((s) => s.filtersOpen);
  const [exportOpen, setExportOpen] = useState(false);
  if (!hasNetwork) return null;
  const shownGrouping: GroupBy = groupBy ?? grouping ?? 'none';
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
