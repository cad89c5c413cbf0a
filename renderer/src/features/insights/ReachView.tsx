import type React from 'react';
import { useEffect } from 'react';
import { ORIGIN_COLORS } from '../../graph/palette';
import { useAppState, useStore } from '../../store/useAppState';
import { GroupedBars, Legend } from './charts';
import { reachHighlight, type ReachMode } from './highlight';
import { QueryError, ViewHeader } from './ViewParts';
import { useInsightMemory } from './memory';
import { useBackendQuery } from './useBackendQuery';

interface ReachMemory {
  readonly hops: 1 | 2 | 3;
  readonly mode: ReachMode;
  readonly overlay: boolean;
}

const MODES: ReadonlyArray<{ readonly id: ReachMode; readonly label: string }> = [
  { id: 'compare', label: 'Both' },
  { id: 'living', label: 'Living only' },
  { id: 'doing', label: 'Doing only' },
];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Happenstance reach: whom Living ties alone reach within 1–3 hops, against Doing ties alone, as a chart and an overlay on the graph. */
export function ReachView(): React.JSX.Element {
  const [memory, onMemory] = useInsightMemory<ReachMemory>('reach', { hops: 3, mode: 'compare', overlay: true });
  const store = useStore();
  const file = useAppState((s) => s.network?.file ?? null);
  const { data, error } = useBackendQuery('reach:get', { maxHops: 3 });

  useEffect(() => {
    if (data && file && memory.overlay) store.setHighlight(reachHighlight(file, data, memory.hops, memory.mode));
    else store.setHighlight(null);
  }, [store, data, file, memory.hops, memory.mode, memory.overlay]);
  useEffect(() => {
    store.commands.send({ kind: 'fit' });
    return () => store.setHighlight(null);
  }, [store]);

  const living = data?.living.within ?? [0, 0, 0];
  const doing = data?.doing.within ?? [0, 0, 0];
  const h = memory.hops;
  const l = living[h - 1] ?? 0;
  const d = doing[h - 1] ?? 0;
  return (
    <>
      <ViewHeader kicker="Planned happenstance" title="Happenstance reach">
        Living networking exposes you to diverse chances; Doing networking to targeted ones. Here is how far each reaches on its own.
      </ViewHeader>
      <div className="panel-body">
        {error ? <QueryError message={error.message} /> : null}
        <section className="panel-section">
          <div className="reach-figures" data-testid="reach-counts">
            <div className="stat">
              <div className="stat-value" style={{ color: ORIGIN_COLORS.living }} data-testid="reach-living">
                {l}
              </div>
              <div className="stat-label">through Living ties within {plural(h, 'hop', 'hops')}</div>
            </div>
            <div className="stat">
              <div className="stat-value" style={{ color: ORIGIN_COLORS.doing }} data-testid="reach-doing">
                {d}
              </div>
              <div className="stat-label">through Doing ties within {plural(h, 'hop', 'hops')}</div>
            </div>
          </div>
          <GroupedBars
            title="People reached within 1, 2 and 3 hops"
            groups={['1 hop', '2 hops', '3 hops']}
            series={[
              { label: 'Living ties only', color: ORIGIN_COLORS.living, values: living },
              { label: 'Doing ties only', color: ORIGIN_COLORS.doing, values: doing, dash: true },
            ]}
            testId="reach-chart"
          />
          <Legend
            items={[
              { label: 'Living ties only', color: ORIGIN_COLORS.living },
              { label: 'Doing ties only', color: ORIGIN_COLORS.doing, dashed: true },
            ]}
          />
          {data ? (
            <p className="prose">
              Within 3 hops, {plural(data.livingOnly, 'person is', 'people are')} reachable only through Living ties,{' '}
              {plural(data.doingOnly, 'person', 'people')} only through Doing ties, and {data.both} through either — out of{' '}
              {plural(data.total, 'person', 'people')} in your network.
            </p>
          ) : null}
        </section>
        <section className="panel-section" aria-labelledby="reach-overlay-title">
          <h3 className="section-title" id="reach-overlay-title">
            On the graph
          </h3>
          <label className="toggle-row">
            <input
              type="checkbox"
              checked={memory.overlay}
              onChange={(e) => onMemory({ ...memory, overlay: e.target.checked })}
              data-testid="reach-overlay"
            />
            <span>Show the reach overlay</span>
          </label>
          <div className="field">
            <span className="field-label">Within</span>
            <div className="segmented" role="radiogroup" aria-label="Within how many hops" data-testid="reach-hops">
              {([1, 2, 3] as const).map((n) => (
                <button
                  key={n}
                  type="button"
                  role="radio"
                  aria-checked={h === n}
                  className={h === n ? 'is-on' : undefined}
                  onClick={() => onMemory({ ...memory, hops: n })}
                >
                  {plural(n, 'hop', 'hops')}
                </button>
              ))}
            </div>
          </div>
          <div className="field">
            <span className="field-label">Show</span>
            <div className="segmented" role="radiogroup" aria-label="Which ties" data-testid="reach-mode">
              {MODES.map((m) => (
                <button
                  key={m.id}
                  type="button"
                  role="radio"
                  aria-checked={memory.mode === m.id}
                  className={memory.mode === m.id ? 'is-on' : undefined}
                  onClick={() => onMemory({ ...memory, mode: m.id })}
                >
                  {m.label}
                </button>
              ))}
            </div>
          </div>
          <Legend
            items={[
              { label: 'Reached through Living ties', color: ORIGIN_COLORS.living },
              { label: 'Reached through Doing ties', color: ORIGIN_COLORS.doing, dashed: true },
              { label: 'Both', color: `linear-gradient(90deg, ${ORIGIN_COLORS.living} 50%, ${ORIGIN_COLORS.doing} 50%)` },
            ]}
          />
        </section>
      </div>
    </>
  );
}
