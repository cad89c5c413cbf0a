import type React from 'react';
import { ORIGINS } from '../../../shared/domain/vocabulary';
import { ORIGIN_DESCRIPTIONS, ORIGIN_LABELS, ORIGIN_LINE_STYLES } from '../graph/palette';
import { useScene } from '../graph/storeScene';
import { OriginLine } from './fields';

/** Explains the two cues of a tie (colour and dash) and the other marks of the graph, in one compact strip. */
export function Legend(): React.JSX.Element {
  const grouped = useScene((s) => s?.stats.mode === 'grouped');
  return (
    <aside className="legend" aria-label="Legend" data-testid="legend">
      {ORIGINS.map((origin) => (
        <span
          className="legend-item"
          key={origin}
          title={`${ORIGIN_DESCRIPTIONS[origin]} (${ORIGIN_LINE_STYLES[origin]} line)`}
          data-origin={origin}
        >
          <OriginLine origin={origin} width={30} />
          <strong>{ORIGIN_LABELS[origin]}</strong>
        </span>
      ))}
      <span className="legend-sep" aria-hidden="true" />
      <span className="legend-item" title="Line width shows the strength of a tie, 1 to 5">
        <svg width="30" height="10" viewBox="0 0 30 10" aria-hidden="true" focusable="false">
          <line x1="2" y1="5" x2="11" y2="5" stroke="currentColor" strokeOpacity="0.6" strokeWidth="1.5" strokeLinecap="round" />
          <line x1="17" y1="5" x2="28" y2="5" stroke="currentColor" strokeOpacity="0.6" strokeWidth="5" strokeLinecap="round" />
        </svg>
        <span>Strength</span>
      </span>
      <span className="legend-item">
        <span className="legend-me" aria-hidden="true" />
        <span>You</span>
      </span>
      {grouped ? (
        <span
          className="legend-item"
          data-testid="legend-group"
          title="A group of people: its size grows with its members, its pie shows how their ties to you split into Living, Doing and Unknown. Click it to see its people."
        >
          <span className="legend-group" aria-hidden="true" />
          <span>Group · ties to you</span>
        </span>
      ) : null}
    </aside>
  );
}
