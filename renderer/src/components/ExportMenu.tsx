import type React from 'react';
import { downloadText } from '../graph/draw/exportView';
import { useStore } from '../store/useAppState';
import { usePopover } from './usePopover';

/** Export: the view as PNG or SVG (what is drawn), or the whole network as GraphML or GEXF (from the backend). */
export function ExportMenu({ onClose }: { readonly onClose: () => void }): React.JSX.Element {
  const store = useStore();
  const ref = usePopover(true, onClose);
  const network = async (format: 'graphml' | 'gexf') => {
    onClose();
    const result = await store.query('network:export', { format }, { what: `Could not export ${format === 'gexf' ? 'GEXF' : 'GraphML'}` });
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
      {item('export-png', 'This view as PNG', 'What you see, at twice the screen’s resolution', () =>
        store.commands.send({ kind: 'export', format: 'png' }),
      )}
      {item('export-svg', 'This view as SVG', 'What you see, as a vector drawing', () =>
        store.commands.send({ kind: 'export', format: 'svg' }),
      )}
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
