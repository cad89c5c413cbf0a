import type React from 'react';
import { Suspense, useEffect, useRef, useState } from 'react';
import { IntroductionsView, OpportunitiesView, PathsView, ReachView, StyleView } from '../../lazyPanels';
import { useAppState, useStore } from '../../store/useAppState';
import type { PathsMemory } from './PathsView';
import type { ReachMemory } from './ReachView';
import './insights.css';

export type InsightsTab = 'details' | 'paths' | 'reach' | 'opportunities' | 'intros' | 'style';

const TABS: ReadonlyArray<{ readonly id: InsightsTab; readonly label: string; readonly title: string }> = [
  { id: 'details', label: 'Details', title: 'The selected person or tie, or an overview' },
  { id: 'paths', label: 'Paths', title: 'Planned-happenstance paths to a person, company, community, tag or opportunity' },
  { id: 'reach', label: 'Reach', title: 'Whom Living ties reach, against Doing ties' },
  { id: 'opportunities', label: 'Opportunities', title: 'Where your opportunities came from' },
  { id: 'intros', label: 'Intros', title: 'Whom to introduce to whom' },
  { id: 'style', label: 'Style', title: 'Your networking style' },
];

/**
 * The right-hand column: the details panel (`details`) and the planned
 * happenstance views behind tabs. Each view owns the graph highlight while it
 * is shown and clears it when left; what was asked (a target, a path, reach
 * settings) is remembered across tab switches. Selecting something on the
 * graph brings the details back.
 */
export function InsightsPanel({ details }: { readonly details: React.ReactNode }): React.JSX.Element {
  const store = useStore();
  const [tab, setTab] = useState<InsightsTab>('details');
  const selection = useAppState((s) => s.selection);
  const hasNetwork = useAppState((s) => s.network !== null);
  const lastSelection = useRef(selection);
  const [paths, setPaths] = useState<PathsMemory>({ target: null, k: 3, chosen: 0 });
  const [reach, setReach] = useState<ReachMemory>({ hops: 3, mode: 'compare', overlay: true });

  useEffect(() => {
    if (selection !== lastSelection.current && selection !== null) setTab('details');
    lastSelection.current = selection;
  }, [selection]);

  useEffect(() => {
    if (tab === 'details') store.setHighlight(null);
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

  return (
    <div className={`insights-column${tab === 'details' ? '' : ' is-wide'}`} data-testid="insights-column" data-tab={tab}>
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
            disabled={!hasNetwork && t.id !== 'details'}
            data-testid={`insights-tab-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tab === 'details' ? (
        details
      ) : (
        <aside
          className="panel insights-view"
          id="insights-tabpanel"
          role="tabpanel"
          aria-labelledby={`insights-tab-${tab}`}
          data-testid={`insights-${tab}`}
        >
          <Suspense fallback={<p className="muted">Loading…</p>}>
            {tab === 'paths' ? <PathsView memory={paths} onMemory={setPaths} /> : null}
            {tab === 'reach' ? <ReachView memory={reach} onMemory={setReach} /> : null}
            {tab === 'opportunities' ? <OpportunitiesView /> : null}
            {tab === 'intros' ? <IntroductionsView /> : null}
            {tab === 'style' ? <StyleView /> : null}
          </Suspense>
        </aside>
      )}
    </div>
  );
}

/** Header of an insights view, in the panel's style. */
export function ViewHeader({
  kicker,
  title,
  children,
}: {
  readonly kicker: string;
  readonly title: string;
  readonly children?: React.ReactNode;
}): React.JSX.Element {
  return (
    <div className="panel-header">
      <div className="panel-header-text">
        <div className="panel-kicker">{kicker}</div>
        <h2 className="panel-title">{title}</h2>
        {children ? <div className="panel-subtitle">{children}</div> : null}
      </div>
    </div>
  );
}

/** A refusal or failure from the backend, said where the result would be. */
export function QueryError({ message }: { readonly message: string }): React.JSX.Element {
  return (
    <div className="form-error" role="alert" data-testid="insights-error">
      <span>{message}</span>
    </div>
  );
}
