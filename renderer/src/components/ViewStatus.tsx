import type React from 'react';
import { useScene } from '../graph/storeScene';
import { formatCount } from '../graph/viewParts';
import { useStore } from '../store/useAppState';
import { useViewState } from '../store/useViewState';
import { CollapseIcon } from './icons';

/** What is shown out of what there is, what is open or picked, and what could not be drawn as asked. */
export function ViewStatus(): React.JSX.Element | null {
  const store = useStore();
  const view = store.view;
  const stats = useScene((s) => s?.stats ?? null);
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
            Showing <strong>{formatCount(stats.people.shown)}</strong> of {formatCount(stats.people.total)} people ·{' '}
            <strong>{formatCount(stats.ties.shown)}</strong> of {formatCount(stats.ties.total)} ties
          </>
        ) : (
          <>
            {formatCount(stats.people.total)} people · {formatCount(stats.ties.total)} ties
          </>
        )}
        {stats.mode === 'grouped' ? (
          <span className="view-muted">
            {' '}
            · {formatCount(stats.groups)}{' '}
            {stats.groupBy === 'company' ? 'companies' : stats.groupBy === 'community' ? 'communities' : 'tags'}
            {stats.hiddenAggregates > 0 ? ` · ${formatCount(stats.hiddenAggregates)} weak links between groups not drawn` : ''}
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
          <button type="button" className="link-button" onClick={() => store.commands.send({ kind: 'fit-picked' })}>
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
