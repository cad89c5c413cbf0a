import type React from 'react';
import { useStore } from '../store/useAppState';
import { useViewState } from '../store/useViewState';
import { Dialog } from './Dialog';
import { MOD, REDO_KEYS } from './platform';

/** Every shortcut, one line each; `?` opens it. */
export const SHORTCUTS: ReadonlyArray<readonly [string, string]> = [
  [`${MOD}F`, 'Find a person (jumps to them on the graph)'],
  ['?', 'This sheet'],
  ['1 · 2 · 3', 'Layout: around me · force · clusters'],
  ['L', 'Lay the current layout out again'],
  ['G', 'Next grouping: everyone · company · community · tag'],
  ['H', 'Hide or show my own ties'],
  ['E', 'Ego view of the selected person (again: leave it)'],
  ['C', 'Collapse every group'],
  ['F', 'Fit the graph to the window'],
  ['+ / −', 'Zoom in / out'],
  ['Click a group', 'Open it: its people appear around it (click its box to close)'],
  ['Shift or Ctrl + click', 'Pick several people or groups'],
  ['Shift + drag', 'Pick everyone in a box'],
  [`${MOD}Z`, 'Undo'],
  [REDO_KEYS, 'Redo'],
  ['Delete', 'Delete the selected person or tie'],
  ['Esc', 'Clear the selection, then the ego view'],
];

export function HelpSheet(): React.JSX.Element | null {
  const view = useStore().view;
  const open = useViewState((s) => s.helpOpen);
  if (!open) return null;
  return (
    <Dialog title="Keyboard shortcuts" onClose={() => view.setHelpOpen(false)} testId="help-sheet" width={520}>
      <dl className="shortcut-list">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="shortcut-row">
            <dt>
              {keys.split(' · ').map((k, i) => (
                <span key={k}>
                  {i > 0 ? ' · ' : ''}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
