import type React from 'react';
import { ACTIONS } from '../../../shared/ui/actions';
import { useStore } from '../store/useAppState';
import { useViewState } from '../store/useViewState';
import { Dialog } from './Dialog';
import { keysOf } from '../keyboard/platform';

/** What the mouse does on the graph, after the keys. */
const POINTER: ReadonlyArray<readonly [string, string]> = [
  ['Click a group', 'Open it: its people appear around it (click its box to close)'],
  ['Shift or Ctrl + click', 'Pick several people or groups'],
  ['Shift + drag', 'Pick everyone in a box'],
];

/** Every shortcut, one line each, from the shared table of actions; `?` opens it. */
export function HelpSheet(): React.JSX.Element | null {
  const view = useStore().view;
  const open = useViewState((s) => s.helpOpen);
  if (!open) return null;
  const rows = [...ACTIONS.map((a) => [keysOf(a.id), a.label] as const), ...POINTER];
  return (
    <Dialog title="Keyboard shortcuts" onClose={() => view.setHelpOpen(false)} testId="help-sheet" width={520}>
      <dl className="shortcut-list">
        {rows.map(([keys, what]) => (
          <div key={`${keys} ${what}`} className="shortcut-row">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
