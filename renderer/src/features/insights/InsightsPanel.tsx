import type React from 'react';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useAppState, useStore } from '../../store/useAppState';
import { InsightMemories } from './memory';
import { INSIGHT_VIEWS } from './registry';
import './insights.css';

/** The panel's first tab (the selected person or tie, or an overview), then the insights views by id. */
const DETAILS = { id: 'details', label: 'Details', title: 'The selected person or tie, or an overview' } as const;
const TABS: ReadonlyArray<{ readonly id: string; readonly label: string; readonly title: string }> = [DETAILS, ...INSIGHT_VIEWS];

/** Each view as an element of its lazy component, made once: React keeps what it loaded. */
const VIEWS: ReadonlyMap<string, React.ReactElement> = new Map(
  INSIGHT_VIEWS.map((v) => {
    const View = lazy(() => v.load().then((component) => ({ default: component })));
    return [v.id, <View key={v.id} />];
  }),
);

/**
 * The right-hand column: the details panel (`details`) and the planned
 * happenstance views behind tabs (registry.ts). Each view owns the graph
 * highlight while it is shown and clears it when left; what was asked (a
 * target, a path, reach settings) is remembered across tab switches
 * (memory.ts). Selecting something on the graph brings the details back.
 */
export function InsightsPanel({ details }: { readonly details: React.ReactNode }): React.JSX.Element {
  const store = useStore();
  const [tab, setTab] = useState<string>(DETAILS.id);
  const selection = useAppState((s) => s.selection);
  const hasNetwork = useAppState((s) => s.network !== null);
  const lastSelection = useRef(selection);
  const [memories] = useState(() => new Map<string, unknown>());

  useEffect(() => {
    if (selection !== lastSelection.current && selection !== null) setTab(DETAILS.id);
    lastSelection.current = selection;
  }, [selection]);

  useEffect(() => {
    if (tab === DETAILS.id) store.setHighlight(null);
  }, [tab, store]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const at = TABS.findIndex((t) => t.id === tab);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = TABS[(at + step + TABS.length) % TABS.length];
    if (next) {
      setTab(next.id);
      document.getElementById(`insights-tab-${next.id}`)?.focus();
    }
  };

  const view = VIEWS.get(tab);
  return (
    <div className={`insights-column${tab === DETAILS.id ? '' : ' is-wide'}`} data-testid="insights-column" data-tab={tab}>
      <div className="insights-tabs" role="tablist" aria-label="Panel" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`insights-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls="insights-tabpanel"
            tabIndex={tab === t.id ? 0 : -1}
            title={t.title}
            disabled={!hasNetwork && t.id !== DETAILS.id}
            data-testid={`insights-tab-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {!view ? (
        details
      ) : (
        <aside
          className="panel insights-view"
          id="insights-tabpanel"
          role="tabpanel"
          aria-labelledby={`insights-tab-${tab}`}
          data-testid={`insights-${tab}`}
        >
          <InsightMemories.Provider value={memories}>
            <Suspense fallback={<p className="muted">Loading…</p>}>{view}</Suspense>
          </InsightMemories.Provider>
        </aside>
      )}
    </div>
  );
}
