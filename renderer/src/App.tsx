import type React from 'react';
import { Suspense, useEffect } from 'react';
import { EmptyState } from './components/EmptyState';
import { FileProblemDialog, SaveFailedBanner } from './components/FileProblem';
import { GraphView } from './components/GraphView';
import { ReadOnlyBanner } from './components/ReadOnlyBanner';
import { LayoutProgress } from './components/LayoutProgress';
import { ViewBar } from './components/ViewBar';
import { FitIcon, ZoomInIcon, ZoomOutIcon } from './components/icons';
import { Legend } from './components/Legend';
import { SidePanel } from './components/SidePanel';
import { Toasts } from './components/Toasts';
import { Toolbar } from './components/Toolbar';
import { useImportEntry } from './features/importEntry';
import { InsightsPanel } from './features/insights/InsightsPanel';
import { ORIGINS } from '../../shared/domain/vocabulary';
import { ORIGIN_COLORS, ORIGIN_LABELS } from './graph/palette';
import { AddPersonDialog, ConnectDialog, HelpSheet, preloadPanels } from './lazyPanels';
import { useAppState, useStore } from './store/useAppState';
import { useViewState } from './store/useViewState';
import { useActionKeys, useMenuCommands } from './keyboard/useActionKeys';
import { useUnsavedGuard } from './store/useUnsavedGuard';

export function App(): React.JSX.Element {
  const store = useStore();
  const phase = useAppState((s) => s.phase);
  const failure = useAppState((s) => s.failure);
  useActionKeys(store);
  useUnsavedGuard(store);
  const importEntry = useImportEntry();
  useMenuCommands(store, importEntry.onImport);
  useEffect(() => {
    if (phase === 'ready') preloadPanels();
  }, [phase]);

  if (phase === 'connecting') {
    return (
      <div className="splash" data-testid="splash">
        <div className="splash-card">
          <div className="spinner" aria-hidden="true" />
          <p style={{ marginTop: 14 }}>Opening your network…</p>
        </div>
      </div>
    );
  }
  if (phase === 'failed') {
    return (
      <div className="splash" role="alert">
        <div className="splash-card">
          <h1>Kith cannot reach its data</h1>
          <p>{failure}</p>
          <button type="button" className="btn btn-primary" onClick={() => void store.refresh()}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="app">
      <Toolbar onImport={importEntry.onImport} />
      <div className="banner-slot">
        <SaveFailedBanner />
        <ReadOnlyBanner />
      </div>
      <main className="stage" aria-label="Network graph">
        <GraphView exposeProbe={store.client.transport === 'http'} />
        <ViewBar />
        <Legend />
        <ZoomControls />
        <LayoutProgress />
        <FirstRun onImport={importEntry.onImport} />
      </main>
      <InsightsPanel details={<SidePanel />} />
      <StatusBar />
      <Suspense fallback={null}>
        <Dialogs />
        <Help />
      </Suspense>
      <FileProblemDialog />
      <Toasts />
      {importEntry.ui}
    </div>
  );
}

function FirstRun({ onImport }: { readonly onImport: () => void }): React.JSX.Element | null {
  const onlyMe = useAppState((s) => s.network !== null && s.network.file.people.length <= 1 && s.network.file.ties.length === 0);
  const dialogOpen = useAppState((s) => s.dialog !== null);
  return onlyMe && !dialogOpen ? <EmptyState onImport={onImport} /> : null;
}

function ZoomControls(): React.JSX.Element {
  const store = useStore();
  return (
    <div className="zoom-controls" role="group" aria-label="Zoom">
      <button
        type="button"
        className="btn btn-ghost btn-icon"
        aria-label="Zoom in"
        title="Zoom in"
        onClick={() => store.commands.send({ kind: 'zoom', factor: 1.3 })}
      >
        <ZoomInIcon />
      </button>
      <button
        type="button"
        className="btn btn-ghost btn-icon"
        aria-label="Zoom out"
        title="Zoom out"
        onClick={() => store.commands.send({ kind: 'zoom', factor: 1 / 1.3 })}
      >
        <ZoomOutIcon />
      </button>
      <button
        type="button"
        className="btn btn-ghost btn-icon"
        aria-label="Fit to window"
        title="Fit to window"
        onClick={() => store.commands.send({ kind: 'fit' })}
      >
        <FitIcon />
      </button>
    </div>
  );
}

function StatusBar(): React.JSX.Element {
  const file = useAppState((s) => s.network?.file);
  const status = useAppState((s) => s.fileStatus);
  const counts = { living: 0, doing: 0, unknown: 0 };
  for (const t of file?.ties ?? []) counts[t.origin] += 1;
  return (
    <footer className="statusbar" data-testid="statusbar">
      <span>
        {Math.max(0, (file?.people.length ?? 1) - 1)} people · {file?.ties.length ?? 0} ties
      </span>
      {ORIGINS.map((o) => (
        <span key={o}>
          <span className="swatch" style={{ background: ORIGIN_COLORS[o] }} />
          {ORIGIN_LABELS[o]} {counts[o]}
        </span>
      ))}
      <span className="spacer" />
      {status?.lastSavedAt ? <span>Last saved {new Date(status.lastSavedAt).toLocaleTimeString()}</span> : null}
      <span title={status?.path}>{status?.path}</span>
    </footer>
  );
}

/** The help sheet, loaded when first opened. */
function Help(): React.JSX.Element | null {
  const open = useViewState((s) => s.helpOpen);
  return open ? <HelpSheet /> : null;
}

function Dialogs(): React.JSX.Element | null {
  const dialog = useAppState((s) => s.dialog);
  if (!dialog) return null;
  if (dialog.kind === 'add-person') return <AddPersonDialog />;
  return <ConnectDialog initialA={dialog.a} initialB={dialog.b} />;
}
