import type React from 'react';
import { useId, useState } from 'react';
import type { Community } from '../../../shared/domain/model';
import { COMMUNITY_KIND_LABELS, COMMUNITY_KINDS, type CommunityKind } from '../../../shared/domain/vocabulary';
import { useAppState, useStore } from '../store/useAppState';
import { communityNamed } from '../store/communities';
import { Segmented } from './fields';
import { CommunityIcon, OrganisationIcon } from './icons';

export const COMMUNITY_KIND_OPTIONS = COMMUNITY_KINDS.map((k) => ({
  value: k,
  label: COMMUNITY_KIND_LABELS[k],
  icon: <CommunityKindIcon kind={k} />,
}));

export function CommunityKindIcon({ kind, className }: { readonly kind: CommunityKind; readonly className?: string }): React.JSX.Element {
  return kind === 'organisation' ? (
    <OrganisationIcon className={className ?? 'kind-icon'} />
  ) : (
    <CommunityIcon className={className ?? 'kind-icon'} />
  );
}

interface NewCommunityFormProps {
  readonly initialName?: string;
  /** Called with the community made (or, with `reuseExisting`, the one of that name that already existed). */
  readonly onCreated: (community: Community) => void;
  /** Absent where the form is always shown (the manager): no Cancel button then. */
  readonly onCancel?: () => void;
  /** A name that exists already picks that community instead of refusing. */
  readonly reuseExisting?: boolean;
  readonly submitLabel?: string;
  readonly autoFocus?: boolean;
  readonly testId: string;
}

/**
 * Inline "new community" fields: name and kind. Not a <form> of its own, so
 * that it can sit inside a dialog's form; Enter creates, Escape cancels.
 */
export function NewCommunityForm(props: NewCommunityFormProps): React.JSX.Element {
  const store = useStore();
  const communities = useAppState((s) => s.network?.file.communities);
  const id = useId();
  const [name, setName] = useState(props.initialName ?? '');
  const [kind, setKind] = useState<CommunityKind>('community');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    if (busy) return;
    const trimmed = name.trim().replace(/\s+/g, ' ');
    if (trimmed === '') {
      setError('Give it a name.');
      return;
    }
    const twin = communityNamed(communities ?? [], trimmed);
    if (twin) {
      if (props.reuseExisting) {
        props.onCreated(twin);
        return;
      }
      setError(`“${twin.name}” is already on the list.`);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await store.createCommunity({ name: trimmed, kind });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setName('');
    props.onCreated(result.value);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void create();
    } else if (e.key === 'Escape' && props.onCancel) {
      e.preventDefault();
      e.stopPropagation();
      props.onCancel();
    }
  };

  return (
    <div className="community-new" role="group" aria-label="New community or organisation" data-testid={props.testId}>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-name`}>
          New community or organisation
        </label>
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          placeholder="e.g. UX Guild, Acme Corp"
          autoComplete="off"
          maxLength={200}
          autoFocus={props.autoFocus}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          data-testid={`${props.testId}-name`}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <div className="community-new-row">
        <Segmented label="Kind" options={COMMUNITY_KIND_OPTIONS} value={kind} onChange={setKind} testId={`${props.testId}-kind`} />
        {props.onCancel ? (
          <button type="button" className="btn" onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          data-testid={`${props.testId}-submit`}
          onClick={() => void create()}
        >
          {busy ? 'Adding…' : (props.submitLabel ?? 'Add')}
        </button>
      </div>
      {error ? (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
