import type React from 'react';
import { ORIGINS } from '../../../shared/domain/model';
import { ORIGIN_DESCRIPTIONS, ORIGIN_LABELS } from '../graph/palette';
import { OriginLine } from './fields';

/** Explains the two cues of a tie (colour and dash) and the other marks of the graph. */
export function Legend(): React.JSX.Element {
  return (
    <aside className="legend" aria-label="Legend" data-testid="legend">
      <div className="legend-title">Ties</div>
      {ORIGINS.map((origin) => (
        <div className="legend-row" key={origin} title={ORIGIN_DESCRIPTIONS[origin]} data-origin={origin}>
          <OriginLine origin={origin} />
          <strong>{ORIGIN_LABELS[origin]}</strong>
          <span className="muted">{origin === 'living' ? 'solid' : origin === 'doing' ? 'dashed' : 'dotted'}</span>
        </div>
      ))}
      <div className="legend-note">
        <div className="legend-row">
          <svg width="28" height="10" viewBox="0 0 28 10" aria-hidden="true" focusable="false">
            <line x1="2" y1="5" x2="12" y2="5" stroke="currentColor" strokeOpacity="0.55" strokeWidth="1.5" strokeLinecap="round" />
            <line x1="16" y1="5" x2="26" y2="5" stroke="currentColor" strokeOpacity="0.55" strokeWidth="5" strokeLinecap="round" />
          </svg>
          <span>Thicker line = stronger tie</span>
        </div>
        <div className="legend-row">
          <span className="legend-me" aria-hidden="true" />
          <span>You, at the centre</span>
        </div>
      </div>
    </aside>
  );
}
