import type React from 'react';
import { useEffect } from 'react';
import type { Style } from '../../../../shared/api/contract/insights';
import { ORIGIN_COLORS } from '../../graph/palette';
import { useStore } from '../../store/useAppState';
import { BarList, Donut, Legend, StackedBars, type Segment } from './charts';
import { QueryError, ViewHeader } from './ViewParts';
import { useBackendQuery } from './useBackendQuery';

const segments = (b: Style['all']): Segment[] => [
  { label: 'Living', value: b.living, color: ORIGIN_COLORS.living },
  { label: 'Doing', value: b.doing, color: ORIGIN_COLORS.doing },
  { label: 'Unknown', value: b.unknown, color: ORIGIN_COLORS.unknown },
];

const share = (n: number, total: number) => (total === 0 ? '–' : `${Math.round((n / total) * 100)}%`);

function formatDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00`);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** Your style: the Living/Doing balance overall and lately, ties per activity, what is left to classify, the activity you are strongest at. */
export function StyleView(): React.JSX.Element {
  const store = useStore();
  const { data, error } = useBackendQuery('style:get', {});
  // A dashboard of the whole network: show the whole network beside it.
  useEffect(() => store.commands.send({ kind: 'fit' }), [store]);
  return (
    <>
      <ViewHeader kicker="Your style" title="How you network">
        Most people are already good at one style: start from the one you are good at.
      </ViewHeader>
      <div className="panel-body">
        {error ? <QueryError message={error.message} /> : null}
        {data ? <StyleBody s={data} /> : null}
      </div>
    </>
  );
}

function StyleBody({ s }: { readonly s: Style }): React.JSX.Element {
  const classified = s.all.total - s.unknownLeft;
  const maxActivity = s.perActivity.some((a) => a.mine > 0) ? 'mine' : 'all';
  return (
    <>
      <section className="panel-section" data-testid="style-headline">
        <p className="headline">{s.headline}</p>
      </section>
      <section className="panel-section" aria-labelledby="style-balance">
        <h3 className="section-title" id="style-balance">
          Living and Doing
        </h3>
        <div className="chart-row">
          <Donut
            title="All ties"
            segments={segments(s.all)}
            center={share(s.all.living, s.all.total)}
            centerSub="Living"
            testId="style-donut-all"
          />
          <Donut
            title="Last 12 months"
            segments={segments(s.recent)}
            center={share(s.recent.living, s.recent.total)}
            centerSub="Living"
            testId="style-donut-recent"
          />
        </div>
        <Legend
          items={[
            { label: 'Living', color: ORIGIN_COLORS.living },
            { label: 'Doing', color: ORIGIN_COLORS.doing },
            { label: 'Unknown origin', color: ORIGIN_COLORS.unknown },
          ]}
        />
        <StackedBars
          title="Balance of all ties, your own ties and ties formed in the last 12 months"
          rows={[
            { label: 'All ties', segments: segments(s.all) },
            { label: 'Your own ties', segments: segments(s.mine) },
            { label: `Formed since ${formatDay(s.windowStart)}`, segments: segments(s.recent) },
          ]}
          testId="style-compare"
        />
        {s.undated > 0 ? (
          <p className="prose muted">
            {s.undated} {s.undated === 1 ? 'tie has' : 'ties have'} no “since” date and {s.undated === 1 ? 'is' : 'are'} left out of the
            last 12 months.
          </p>
        ) : null}
      </section>
      <section className="panel-section" aria-labelledby="style-activities">
        <h3 className="section-title" id="style-activities">
          Ties per activity
          <span className="section-note">{maxActivity === 'mine' ? 'your own ties' : 'all ties'}</span>
        </h3>
        <BarList
          title="Ties per activity"
          testId="style-activities-chart"
          rows={s.perActivity.map((a) => ({
            key: a.activity,
            label: a.label,
            value: maxActivity === 'mine' ? a.mine : a.all,
            color: ORIGIN_COLORS[a.origin],
            strong: s.strongest?.activity === a.activity,
            note: `${a.all} in the whole network`,
          }))}
        />
        {s.strongest ? (
          <p className="prose">
            ★ Strongest: <strong>{s.strongest.label}</strong> ({s.strongest.origin === 'living' ? 'Living' : 'Doing'}, {s.strongest.ties}{' '}
            {s.strongest.ties === 1 ? 'tie' : 'ties'}).
          </p>
        ) : null}
      </section>
      <section className="panel-section" aria-labelledby="style-classify">
        <h3 className="section-title" id="style-classify">
          Left to classify
        </h3>
        <div className="classify-row" data-testid="style-unknown">
          <div className="stat">
            <div className="stat-value">{s.unknownLeft}</div>
            <div className="stat-label">{s.unknownLeft === 1 ? 'tie of unknown origin' : 'ties of unknown origin'}</div>
          </div>
          <div
            className="progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={s.all.total}
            aria-valuenow={classified}
            aria-label="Ties classified"
          >
            <span style={{ width: s.all.total === 0 ? '0%' : `${(classified / s.all.total) * 100}%` }} />
          </div>
          <div className="stat-label">
            {classified} of {s.all.total} classified
            {s.withoutActivity > 0 ? ` · ${s.withoutActivity} without an activity` : ''}
          </div>
        </div>
      </section>
    </>
  );
}
