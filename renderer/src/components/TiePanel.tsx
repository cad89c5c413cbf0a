import type React from 'react';
import type { Evidence, Tie } from '../../../shared/domain/model';
import {
  ACTIVITY_LABELS,
  activityOrigin,
  DOING_ACTIVITIES,
  LIVING_ACTIVITIES,
  ORIGINS,
  type Activity,
  type Origin,
} from '../../../shared/domain/vocabulary';
import type { TiePatch } from '../../../shared/api/contract/core';
import { ORIGIN_LABELS } from '../graph/palette';
import { draftKey, tieFieldText } from '../store/draftText';
import { initials } from '../store/lists';
import { useAppState, useStore } from '../store/useAppState';
import { DraftField, OriginChip, OriginLine, SaveButton, Segmented } from './fields';
import { CloseIcon, TrashIcon } from './icons';
import { hasDraftsFor } from './PersonPanel';
import { MOD } from '../keyboard/platform';

export const STRENGTH_LABELS: Readonly<Record<number, string>> = {
  1: 'Acquaintance',
  2: 'Occasional',
  3: 'Regular',
  4: 'Strong',
  5: 'Very strong',
};

/** The activity select's options for an origin: Living or Doing activities, or both when unknown. */
export function ActivityOptions({ origin }: { readonly origin: Origin }): React.JSX.Element {
  const group = (label: string, list: readonly Activity[]) => (
    <optgroup label={label}>
      {list.map((a) => (
        <option key={a} value={a}>
          {ACTIVITY_LABELS[a]}
        </option>
      ))}
    </optgroup>
  );
  return (
    <>
      <option value="">Not recorded</option>
      {origin !== 'doing' ? group('Living networking', LIVING_ACTIVITIES) : null}
      {origin !== 'living' ? group('Doing networking', DOING_ACTIVITIES) : null}
    </>
  );
}

export const ORIGIN_OPTIONS = ORIGINS.map((o) => ({ value: o, label: ORIGIN_LABELS[o], icon: <OriginLine origin={o} width={14} /> }));
export const STRENGTH_OPTIONS = [1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n), title: STRENGTH_LABELS[n] ?? '' }));

/** Shows and edits one tie: origin, activity, strength, dates, notes; evidence read-only. */
export function TiePanel({ tie }: { readonly tie: Tie }): React.JSX.Element {
  const store = useStore();
  const people = useAppState((s) => s.index?.people);
  const meId = useAppState((s) => s.network?.file.meId);
  const dirty = useAppState((s) => hasDraftsFor(s.drafts, 'tie', tie.id));
  // Show me second, as "them – me".
  const [first, second] = tie.a === meId ? [tie.b, tie.a] : [tie.a, tie.b];
  const a = people?.get(first);
  const b = people?.get(second);
  const introducer = tie.introducedBy ? people?.get(tie.introducedBy) : undefined;
  const update = (patch: TiePatch) => void store.updateTie(tie.id, patch);

  const setOrigin = (origin: Origin) => {
    if (origin === tie.origin) return;
    const clash = tie.activity !== undefined && origin !== 'unknown' && activityOrigin(tie.activity) !== origin;
    update(clash ? { origin, activity: null } : { origin });
  };
  const field = (
    name: 'since' | 'lastInteraction' | 'notes',
    label: string,
    extra: { multiline?: boolean; type?: 'date'; hint?: string; placeholder?: string } = {},
  ) => (
    <DraftField
      label={label}
      draftKey={draftKey('tie', tie.id, name)}
      stored={tieFieldText(tie, name)}
      onCommit={() => void store.commitTie(tie.id, [name])}
      testId={`tie-${name}`}
      {...extra}
    />
  );

  return (
    <>
      <div className="panel-header">
        <div className="panel-header-text">
          <div className="panel-kicker">Tie</div>
          <h2 className="panel-title" data-testid="panel-title">
            {a?.name ?? '?'} – {b?.name ?? '?'}
          </h2>
          <div className="panel-subtitle" style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 4 }}>
            <OriginChip origin={tie.origin} />
            {tie.activity ? <span>{ACTIVITY_LABELS[tie.activity]}</span> : null}
          </div>
        </div>
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          aria-label="Close panel"
          title="Close (Esc)"
          onClick={() => store.select(null)}
        >
          <CloseIcon />
        </button>
      </div>
      <div className="panel-body">
        <div className="tie-ends">
          {[a, b].map((p, i) =>
            p ? (
              <button
                key={p.id}
                type="button"
                className="tie-end"
                title={`Show ${p.name}`}
                onClick={() => store.select({ kind: 'person', id: p.id })}
              >
                <span className={`avatar avatar-sm${p.id === meId ? ' me' : ''}`} aria-hidden="true">
                  {initials(p.name)}
                </span>
                <span>{p.name}</span>
              </button>
            ) : (
              <span key={i} className="tie-end muted">
                Unknown person
              </span>
            ),
          )}
        </div>
        <section className="panel-section" aria-label="Tie details">
          <div className="field">
            <span className="field-label" id="tie-origin-label">
              Origin
            </span>
            <Segmented label="Origin" options={ORIGIN_OPTIONS} value={tie.origin} onChange={setOrigin} testId="tie-origin" />
          </div>
          <div className="field">
            <label className="field-label" htmlFor="tie-activity">
              Activity
            </label>
            <select
              id="tie-activity"
              className="select"
              data-testid="tie-activity"
              value={tie.activity ?? ''}
              onChange={(e) => update({ activity: e.target.value === '' ? null : (e.target.value as Activity) })}
            >
              <ActivityOptions origin={tie.origin} />
            </select>
          </div>
          <div className="field">
            <span className="field-label">
              <span>Strength</span>
              <span className="field-hint">
                {tie.strength ? STRENGTH_LABELS[tie.strength] : 'Not set'}
                {tie.strength ? (
                  <>
                    {' · '}
                    <button type="button" className="link-button" onClick={() => update({ strength: null })}>
                      Clear
                    </button>
                  </>
                ) : null}
              </span>
            </span>
            <Segmented
              label="Strength"
              options={STRENGTH_OPTIONS}
              value={tie.strength}
              onChange={(strength) => update({ strength })}
              testId="tie-strength"
            />
          </div>
          <div className="field-row">
            {field('since', 'Since', { type: 'date' })}
            {field('lastInteraction', 'Last interaction', { type: 'date' })}
          </div>
          {field('notes', 'Notes', { multiline: true, hint: `${MOD}Enter saves`, placeholder: 'What this tie is about…' })}
          {introducer ? (
            <div className="field">
              <span className="field-label">Introduced by</span>
              <button
                type="button"
                className="link-button"
                style={{ textAlign: 'left' }}
                onClick={() => store.select({ kind: 'person', id: introducer.id })}
              >
                {introducer.name}
              </button>
            </div>
          ) : null}
        </section>
        {tie.evidence ? <EvidenceSection evidence={tie.evidence} /> : null}
      </div>
      <div className="panel-footer">
        <button
          type="button"
          className="btn btn-danger"
          data-testid="tie-delete"
          title="Delete this tie (Delete)"
          onClick={() => void store.deleteTie(tie.id)}
        >
          <TrashIcon />
          Delete
        </button>
        <span className="spacer" />
        <SaveButton dirty={dirty} testId="tie-save" onSave={() => void store.commitTie(tie.id)} />
      </div>
    </>
  );
}

function formatInstant(iso: string | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

function EvidenceSection({ evidence }: { readonly evidence: Evidence }): React.JSX.Element {
  const { invitation, messages, suggested } = evidence;
  return (
    <section className="panel-section" aria-labelledby="evidence-title" data-testid="tie-evidence">
      <h3 className="section-title" id="evidence-title">
        Evidence
      </h3>
      <dl className="evidence">
        {suggested ? (
          <>
            <dt>Suggested</dt>
            <dd>
              <OriginChip origin={suggested.origin} /> <span className="muted">{Math.round(suggested.confidence * 100)}% sure</span>
              {suggested.reasons.length > 0 ? (
                <ul>
                  {suggested.reasons.map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ul>
              ) : null}
            </dd>
          </>
        ) : null}
        {invitation ? (
          <>
            <dt>Invitation</dt>
            <dd>
              {invitation.direction === 'outgoing' ? 'You invited them' : 'They invited you'}
              {invitation.sentAt ? `, ${formatInstant(invitation.sentAt)}` : ''}
              {invitation.hasMessage ? ', with a message' : ', without a message'}
            </dd>
          </>
        ) : null}
        {messages ? (
          <>
            <dt>Messages</dt>
            <dd>
              {messages.sent} sent, {messages.received} received
              {messages.firstFrom ? ` · first from ${messages.firstFrom === 'me' ? 'you' : 'them'}` : ''}
              {messages.first ? ` · ${formatInstant(messages.first)}` : ''}
              {messages.last && messages.last !== messages.first ? ` to ${formatInstant(messages.last)}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
