import type React from 'react';
import { baseName } from '../store/lists';
import { useAppState, useStore } from '../store/useAppState';
import { BrandMark, FitIcon, ImportIcon, LayoutIcon, LinkIcon, PersonAddIcon, RedoIcon, UndoIcon } from './icons';
import { GraphSearch } from './GraphSearch';
import { SaveStatus } from './SaveStatus';
import { keysOf } from '../keyboard/platform';

export function Toolbar({ onImport }: { readonly onImport: () => void }): React.JSX.Element {
  const store = useStore();
  const status = useAppState((s) => s.fileStatus);
  const network = useAppState((s) => s.network);
  const history = status?.history;
  const hasNetwork = network !== null;
  const undoTitle = history?.canUndo ? `Undo ${history.undoLabel ?? ''} (${keysOf('undo')})` : 'Nothing to undo';
  const redoTitle = history?.canRedo ? `Redo ${history.redoLabel ?? ''} (${keysOf('redo')})` : 'Nothing to redo';
  return (
    <header className="toolbar" role="toolbar" aria-label="Kith">
      <div className="brand">
        <BrandMark className="brand-mark" />
        <span>Kith</span>
      </div>
      <div className="file-info">
        <span className="file-name" data-testid="file-name" title={status?.path}>
          {status ? baseName(status.path) : '…'}
        </span>
        <SaveStatus />
      </div>
      <div className="toolbar-sep" aria-hidden="true" />
      <div className="toolbar-group">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="toolbar-add-person"
          title="Add a person to your network"
          disabled={!hasNetwork}
          onClick={() => store.openDialog({ kind: 'add-person' })}
        >
          <PersonAddIcon />
          Add person
        </button>
        <button
          type="button"
          className="btn"
          data-testid="toolbar-connect"
          title="Record a tie between two people"
          disabled={!hasNetwork}
          onClick={() => {
            const sel = store.getState().selection;
            store.openDialog(sel?.kind === 'person' ? { kind: 'connect', a: sel.id } : { kind: 'connect' });
          }}
        >
          <LinkIcon />
          Connect
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="toolbar-import"
          title="Import your LinkedIn export (.zip or .csv)"
          disabled={!hasNetwork}
          onClick={onImport}
        >
          <ImportIcon />
          Import
        </button>
      </div>
      <div className="toolbar-sep" aria-hidden="true" />
      <div className="toolbar-group">
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          data-testid="toolbar-undo"
          aria-label={undoTitle}
          title={undoTitle}
          disabled={!history?.canUndo}
          onClick={() => void store.undo()}
        >
          <UndoIcon />
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          data-testid="toolbar-redo"
          aria-label={redoTitle}
          title={redoTitle}
          disabled={!history?.canRedo}
          onClick={() => void store.redo()}
        >
          <RedoIcon />
        </button>
      </div>
      <div className="toolbar-sep" aria-hidden="true" />
      <div className="toolbar-group">
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="toolbar-fit"
          title="Fit the whole network in view"
          disabled={!hasNetwork}
          onClick={() => store.commands.send({ kind: 'fit' })}
        >
          <FitIcon />
          Fit
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          data-testid="toolbar-relayout"
          aria-label="Re-arrange the graph"
          title="Re-arrange the graph with the current layout (L)"
          disabled={!hasNetwork}
          onClick={() => store.view.relayout(true)}
        >
          <LayoutIcon />
        </button>
      </div>
      <div className="toolbar-spacer" />
      <div className="toolbar-search">
        <GraphSearch />
      </div>
    </header>
  );
}
