import type React from 'react';
import { useDeferredValue, useState } from 'react';
import type { Person, Tie } from '../../../shared/domain/model';
import { ACTIVITY_LABELS } from '../../../shared/domain/vocabulary';
import { draftKey, personFieldText, type PersonField } from '../store/draftText';
import { initials } from '../store/lists';
import { otherEnd } from '../store/networkIndex';
import { useAppState, useStore } from '../store/useAppState';
import { CommunitiesField } from './CommunitiesField';
import { DraftField, OriginChip, SaveButton, StrengthDots } from './fields';
import { CloseIcon, LinkIcon, TrashIcon } from './icons';
import { MOD } from '../keyboard/platform';

const ORIGIN_RANK = { living: 0, doing: 1, unknown: 2 } as const;
/** Ties listed at first: "me" after an import has 30,000, and each row is a live component. */
/** Ties listed at first (about two screens of the panel); "Show more" lists the rest. */
const TIES_SHOWN = 40;

/** Whether any field of the entity holds typed text not yet saved. */
export function hasDraftsFor(drafts: ReadonlyMap<string, unknown>, kind: 'person' | 'tie', id: string): boolean {
  for (const field of ['name', 'company', 'position', 'tags', 'interests', 'needs', 'offers', 'notes', 'since', 'lastInteraction']) {
    if (drafts.has(draftKey(kind, id, field))) return true;
  }
  return false;
}

/** Shows and edits one person; their ties are listed with origin chips. */
export function PersonPanel({ person }: { readonly person: Person }): React.JSX.Element {
  const store = useStore();
  const index = useAppState((s) => s.index);
  const file = useAppState((s) => s.network?.file);
  const dirty = useAppState((s) => hasDraftsFor(s.drafts, 'person', person.id));
  const isMe = person.id === file?.meId;
  const [shown, setShown] = useState(TIES_SHOWN);
  // The ties list (up to 40 live rows) comes in a second render: a click on someone paints their header and fields first.
  const isListed = useDeferredValue(person.id, null) === person.id;
  const allTies = index?.tiesOf.get(person.id) ?? [];
  const ties = isListed
    ? [...allTies].sort((a, b) => ORIGIN_RANK[a.origin] - ORIGIN_RANK[b.origin] || (b.strength ?? 0) - (a.strength ?? 0))
    : [];
  const field = (
    name: PersonField,
    label: string,
    extra: { hint?: string; multiline?: boolean; placeholder?: string; inputClassName?: string } = {},
  ) => (
    <DraftField
      label={label}
      draftKey={draftKey('person', person.id, name)}
      stored={personFieldText(person, name)}
      onCommit={() => void store.commitPerson(person.id, [name])}
      testId={`person-${name}`}
      {...extra}
    />
  );
  const subtitle = [person.position, person.company].filter(Boolean).join(' at ');

  return (
    <>
      <div className="panel-header">
        <span className={`avatar${isMe ? ' me' : ''}`} aria-hidden="true">
          {initials(person.name)}
        </span>
        <div className="panel-header-text">
          <div className="panel-kicker">{isMe ? 'You' : 'Person'}</div>
          <h2 className="panel-title" data-testid="panel-title">
            {person.name}
          </h2>
          {subtitle ? <div className="panel-subtitle">{subtitle}</div> : null}
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
        <section className="panel-section" aria-label="Details">
          {field('name', 'Name', { inputClassName: 'input-title' })}
          <div className="field-row">
            {field('company', 'Company')}
            {field('position', 'Position')}
          </div>
          {field('tags', 'Tags', { hint: 'comma-separated', placeholder: 'e.g. mentor, alumni' })}
          {field('interests', 'Interests', { hint: 'comma-separated', placeholder: 'What they care about' })}
          {field('needs', 'Looking for', { hint: 'comma-separated', placeholder: 'What they need now' })}
          {field('offers', 'Can help with', { hint: 'comma-separated', placeholder: 'What they offer' })}
          <CommunitiesField person={person} />
          {field('notes', 'Notes', { multiline: true, hint: `${MOD}Enter saves`, placeholder: 'How you met, what you talked about…' })}
        </section>
        <section className="panel-section" aria-labelledby="ties-title">
          <h3 className="section-title" id="ties-title">
            <span>
              Ties <span className="muted">({allTies.length})</span>
            </span>
            <button
              type="button"
              className="btn btn-ghost"
              style={{ height: 26 }}
              onClick={() => store.openDialog({ kind: 'connect', a: person.id })}
            >
              <LinkIcon />
              Connect
            </button>
          </h3>
          {allTies.length === 0 ? (
            <p className="prose muted">No ties yet. Connect {isMe ? 'yourself' : person.name} with someone you know.</p>
          ) : !isListed ? null : (
            <ul className="tie-list" data-testid="person-ties">
              {ties.slice(0, shown).map((t) => (
                <TieRow
                  key={t.id}
                  tie={t}
                  other={index?.people.get(otherEnd(t, person.id))}
                  isOtherMe={otherEnd(t, person.id) === file?.meId}
                />
              ))}
            </ul>
          )}
          {ties.length > shown ? (
            <button type="button" className="link-button" data-testid="person-ties-more" onClick={() => setShown(shown + 500)}>
              Show {Math.min(500, ties.length - shown).toLocaleString()} more of {ties.length.toLocaleString()}
            </button>
          ) : null}
        </section>
      </div>
      <div className="panel-footer">
        <button
          type="button"
          className="btn btn-danger"
          data-testid="person-delete"
          disabled={isMe}
          title={isMe ? 'You cannot delete yourself' : `Delete ${person.name} and their ties (Delete)`}
          onClick={() => void store.deletePerson(person.id)}
        >
          <TrashIcon />
          Delete
        </button>
        <span className="spacer" />
        <SaveButton dirty={dirty} testId="person-save" onSave={() => void store.commitPerson(person.id)} />
      </div>
    </>
  );
}

/** One tie in the list; the panel passes the other end in (no store subscription per row). */
function TieRow({
  tie,
  other,
  isOtherMe,
}: {
  readonly tie: Tie;
  readonly other: Person | undefined;
  readonly isOtherMe: boolean;
}): React.JSX.Element {
  const store = useStore();
  const name = other?.name ?? 'Unknown person';
  const meta = [tie.activity ? ACTIVITY_LABELS[tie.activity] : null, tie.since ? `since ${tie.since.slice(0, 4)}` : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <li>
      <button
        type="button"
        className="tie-item"
        data-testid="person-tie"
        data-tie={tie.id}
        onClick={() => store.select({ kind: 'tie', id: tie.id })}
      >
        <span className={`avatar avatar-sm${isOtherMe ? ' me' : ''}`} aria-hidden="true">
          {initials(name)}
        </span>
        <span className="tie-item-text">
          <span className="tie-item-name" style={{ display: 'block' }}>
            {name}
          </span>
          <span className="tie-item-meta" style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
            <StrengthDots strength={tie.strength} />
            {meta || 'No activity recorded'}
          </span>
        </span>
        <OriginChip origin={tie.origin} />
      </button>
    </li>
  );
}
