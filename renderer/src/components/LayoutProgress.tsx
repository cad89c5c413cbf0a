import type React from 'react';
import { LAYOUT_LABELS } from '../store/viewOptions';
import { useStore } from '../store/useAppState';
import { useViewState } from '../store/useViewState';

/** A layout running in the worker: how far, and a way out (the graph keeps its picture when cancelled). */
export function LayoutProgress(): React.JSX.Element | null {
  const store = useStore();
  const progress = useViewState((s) => s.progress);
  if (!progress) return null;
  const pct = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div className="layout-progress" role="status" data-testid="layout-progress" data-done={progress.done} data-total={progress.total}>
      <span>
        {LAYOUT_LABELS[progress.layout]} layout… <strong>{pct}%</strong>
      </span>
      <progress max={progress.total} value={progress.done} aria-label={`${LAYOUT_LABELS[progress.layout]} layout progress`} />
      <button
        type="button"
        className="btn btn-ghost"
        data-testid="layout-cancel"
        onClick={() => store.commands.send({ kind: 'cancel-layout' })}
      >
        Cancel
      </button>
    </div>
  );
}
