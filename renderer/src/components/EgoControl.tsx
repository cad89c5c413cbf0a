import type React from 'react';
import { useScene } from '../graph/storeScene';
import { useAppState, useStore } from '../store/useAppState';
import type { EgoHops } from '../store/viewOptions';
import { CloseIcon, EgoIcon } from './icons';

/** Opens the ego view of the selected person; once open, its person, how many ties out, and a way back. */
export function EgoControl(): React.JSX.Element {
  const store = useStore();
  const view = store.view;
  const ego = useScene((s) => s?.ego ?? null);
  const selection = useAppState((s) => s.selection);
  const index = useAppState((s) => s.index);
  if (!ego) {
    const person = selection?.kind === 'person' ? selection.id : null;
    const name = person ? index?.people.get(person)?.name : undefined;
    return (
      <button
        type="button"
        className="btn btn-ghost view-btn"
        data-testid="view-ego"
        disabled={!person}
        title={
          name ? `Show ${name} and the people within 1–3 ties of them (E)` : 'Select a person first, then show them and who they know (E)'
        }
        onClick={() => person && view.egoOf(person, 1)}
      >
        <EgoIcon />
        Ego view
      </button>
    );
  }
  const name = index?.people.get(ego.id)?.name ?? 'someone';
  return (
    <span className="ego-chip" data-testid="ego-chip">
      <EgoIcon />
      <span className="ego-name" title={name}>
        {name}
      </span>
      <span className="segmented ego-hops" role="radiogroup" aria-label="Ties away">
        {([1, 2, 3] as const).map((h: EgoHops) => (
          <button
            key={h}
            type="button"
            role="radio"
            aria-checked={ego.hops === h}
            data-testid={`ego-hops-${h}`}
            title={`${h} ${h === 1 ? 'tie' : 'ties'} away`}
            onClick={() => view.setEgo({ id: ego.id, hops: h })}
          >
            {h}
          </button>
        ))}
      </span>
      <button
        type="button"
        className="btn btn-ghost btn-icon"
        data-testid="ego-close"
        aria-label="Leave the ego view"
        title="Leave the ego view (Esc)"
        onClick={() => view.setEgo(null)}
      >
        <CloseIcon />
      </button>
    </span>
  );
}
