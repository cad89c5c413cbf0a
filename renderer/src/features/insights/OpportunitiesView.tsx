import type React from 'react';
import { useEffect, useRef, useState } from 'react';
import type { OpportunityProvenance } from '../../../../shared/api/contract/insights';
import type { Opportunity, OpportunityId } from '../../../../shared/domain/model';
import { ACTIVITY_LABELS, activityOrigin, OPPORTUNITY_KIND_LABELS } from '../../../../shared/domain/vocabulary';
import { EditIcon, PlusIcon, TrashIcon } from '../../components/icons';
import { ORIGIN_COLORS } from '../../graph/palette';
import { fitPeople } from '../../graph/intents';
import { useAppState, useStore } from '../../store/useAppState';
import { BarList, Donut, Legend } from './charts';
import { hopsHighlight } from './highlight';
import { QueryError, ViewHeader } from './ViewParts';
import { OpportunityDialog } from './OpportunityDialog';
import { useBackendQuery } from './useBackendQuery';

/** The opportunity dialog: closed, recording a new one, or editing one. */
type Editing = null | { readonly kind: 'new' } | { readonly kind: 'edit'; readonly id: OpportunityId };

const UNTRACED = '#c9ced6';
const MODE_LABEL: Readonly<Record<OpportunityProvenance['mode'], string>> = {
  living: 'Living',
  doing: 'Doing',
  unknown: 'Unclassified',
  untraced: 'Not traced',
};
const METHOD_LABEL: Readonly<Record<OpportunityProvenance['method'], string>> = {
  introduced: 'through an introduction',
  direct: 'through your own tie',
  path: 'through a chain of ties',
  none: 'no chain recorded',
};

/**
 * Opportunity provenance: each recorded opportunity traced to the tie that
 * started it, with the summary by mode and activity; opportunities are
 * recorded, edited and deleted here. The provenance is refetched whenever the
 * network's revision changes, so a recorded opportunity shows up counted.
 */
export function OpportunitiesView(): React.JSX.Element {
  const store = useStore();
  const meId = useAppState((s) => s.network?.file.meId);
  const stored = useAppState((s) => s.network?.file.opportunities);
  const communities = useAppState((s) => s.network?.file.communities);
  const { data, error } = useBackendQuery('provenance:get', {});
  const [chosen, setChosen] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const revealed = useRef<string | null>(null);
  const picked = data?.opportunities.find((o) => o.opportunity === chosen);
  const editingOpportunity = editing?.kind === 'edit' ? stored?.find((o) => o.id === editing.id) : undefined;

  // Bring the card of an opportunity just recorded or edited into view once the provenance lists it.
  useEffect(() => {
    const id = revealed.current;
    if (!id || !data?.opportunities.some((o) => o.opportunity === id)) return;
    revealed.current = null;
    document.querySelector(`[data-opportunity="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [data, chosen]);

  useEffect(() => {
    if (picked && meId && picked.hops.length > 0) {
      store.setHighlight(hopsHighlight(meId, picked.hops));
      fitPeople(store, [meId, ...picked.hops.map((h) => h.to)]);
    } else store.setHighlight(null);
  }, [store, picked, meId]);
  useEffect(() => () => store.setHighlight(null), [store]);

  const s = data?.summary;
  const record = (
    <button type="button" className="btn btn-primary" data-testid="opportunity-record" onClick={() => setEditing({ kind: 'new' })}>
      <PlusIcon />
      Record an opportunity
    </button>
  );
  return (
    <>
      <ViewHeader kicker="Planned happenstance" title="Where opportunities came from">
        Each opportunity traced back to the tie that started it: introductions first, else your tie to whoever brought it, else the warmest
        path to them.
      </ViewHeader>
      <div className="panel-body">
        {data && data.opportunities.length > 0 ? <div className="view-actions">{record}</div> : null}
        {error ? <QueryError message={error.message} /> : null}
        {s && s.total > 0 ? (
          <section className="panel-section" data-testid="provenance-summary">
            <p className="headline">{s.sentence}</p>
            <div className="chart-row">
              <Donut
                title="By the tie that started them"
                segments={[
                  { label: 'Living', value: s.living, color: ORIGIN_COLORS.living },
                  { label: 'Doing', value: s.doing, color: ORIGIN_COLORS.doing },
                  { label: 'Unclassified', value: s.unknown, color: ORIGIN_COLORS.unknown },
                  { label: 'Not traced', value: s.untraced, color: UNTRACED },
                ]}
                center={`${s.living}/${s.total}`}
                centerSub="Living"
                size={120}
              />
              <Legend
                items={[
                  { label: 'Living', color: ORIGIN_COLORS.living, value: String(s.living) },
                  { label: 'Doing', color: ORIGIN_COLORS.doing, value: String(s.doing) },
                  { label: 'Unclassified', color: ORIGIN_COLORS.unknown, value: String(s.unknown) },
                  { label: 'Not traced', color: UNTRACED, value: String(s.untraced) },
                ]}
              />
            </div>
            {s.byActivity.length > 0 ? (
              <>
                <h3 className="section-title">By activity</h3>
                <BarList
                  title="Opportunities by the activity that started them"
                  rows={s.byActivity.map((a) => ({
                    key: a.activity,
                    label: ACTIVITY_LABELS[a.activity],
                    value: a.count,
                    color: ORIGIN_COLORS[activityOrigin(a.activity)],
                  }))}
                />
                {s.activitySentence ? <p className="prose">{s.activitySentence}</p> : null}
              </>
            ) : null}
          </section>
        ) : null}
        {data && data.opportunities.length === 0 ? (
          <div className="opportunities-empty">
            <p className="prose insights-hint">
              No opportunities recorded yet. Record the jobs, projects, clients and talks that came your way, and who brought them.
            </p>
            {record}
          </div>
        ) : null}
        {data && data.opportunities.length > 0 ? (
          <section className="panel-section">
            <h3 className="section-title">
              <span>
                Opportunities <span className="muted">({data.opportunities.length})</span>
              </span>
            </h3>
            <ul className="opportunity-list" data-testid="opportunity-list">
              {[...data.opportunities]
                .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))
                .map((o) => (
                  <li
                    key={o.opportunity}
                    className={`opportunity-card${o.opportunity === chosen ? ' is-chosen' : ''}`}
                    data-testid="opportunity-card"
                    data-opportunity={o.opportunity}
                    data-mode={o.mode}
                  >
                    <div className="opportunity-top">
                      <button
                        type="button"
                        className="opportunity-head"
                        data-testid="opportunity-head"
                        aria-pressed={o.opportunity === chosen}
                        disabled={o.hops.length === 0}
                        title={o.hops.length > 0 ? 'Highlight the chain on the graph' : undefined}
                        onClick={() => setChosen(o.opportunity === chosen ? null : o.opportunity)}
                      >
                        <span className="opportunity-title">{o.title}</span>
                        <span className={`mode-chip mode-${o.mode}`}>{MODE_LABEL[o.mode]}</span>
                      </button>
                      <span className="opportunity-actions">
                        <button
                          type="button"
                          className="btn btn-ghost btn-icon"
                          aria-label={`Edit ${o.title}`}
                          title="Edit"
                          data-testid="opportunity-edit"
                          onClick={() => setEditing({ kind: 'edit', id: o.opportunity })}
                        >
                          <EditIcon />
                        </button>
                        <button
                          type="button"
                          className="btn btn-ghost btn-icon opportunity-delete"
                          aria-label={`Delete ${o.title}`}
                          title="Delete"
                          data-testid="opportunity-delete"
                          onClick={() => {
                            if (chosen === o.opportunity) setChosen(null);
                            void store.deleteOpportunity(o.opportunity);
                          }}
                        >
                          <TrashIcon />
                        </button>
                      </span>
                    </div>
                    <div className="opportunity-meta">{cardMeta(o, stored, communities)}</div>
                    <p className="opportunity-explanation">{o.explanation}</p>
                    {o.opportunity === chosen && o.hops.length > 0 ? (
                      <ol className="hop-list">
                        {o.hops.map((h) => (
                          <li key={h.tie} className="hop">
                            <span className="hop-line" style={{ borderColor: ORIGIN_COLORS[h.origin] }} data-origin={h.origin} />
                            <span className="hop-text">
                              <span className="hop-explanation">{h.explanation}</span>
                            </span>
                          </li>
                        ))}
                      </ol>
                    ) : null}
                  </li>
                ))}
            </ul>
          </section>
        ) : null}
      </div>
      {editing && (editing.kind === 'new' || editingOpportunity) ? (
        <OpportunityDialog
          key={editing.kind === 'edit' ? editing.id : 'new'}
          opportunity={editingOpportunity}
          onClose={() => setEditing(null)}
          onSaved={(id) => {
            setEditing(null);
            setChosen(id);
            revealed.current = id;
          }}
        />
      ) : null}
    </>
  );
}

/** "Project · 2024-05-20 · via Tom Okafor · through your own tie · Helix Health · UX Guild". */
function cardMeta(
  o: OpportunityProvenance,
  stored: readonly Opportunity[] | undefined,
  communities: ReadonlyArray<{ readonly id: string; readonly name: string }> | undefined,
): string {
  const full = stored?.find((x) => x.id === o.opportunity);
  const community = full?.community ? communities?.find((c) => c.id === full.community)?.name : undefined;
  return [
    OPPORTUNITY_KIND_LABELS[o.kind],
    o.date,
    o.throughName ? `via ${o.throughName}` : undefined,
    METHOD_LABEL[o.method],
    full?.company,
    community,
  ]
    .filter(Boolean)
    .join(' · ');
}
