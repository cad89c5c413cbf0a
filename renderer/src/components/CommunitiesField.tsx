import type React from 'react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Community, CommunityId, Person } from '../../../shared/domain/model';
import { COMMUNITY_KIND_LABELS } from '../../../shared/domain/vocabulary';
import { useAppState, useStore } from '../store/useAppState';
import { matchCommunities } from '../store/communities';
import { CloseIcon, PlusIcon } from './icons';
import { CommunityKindIcon, NewCommunityForm } from './NewCommunityForm';
import './communities.css';

const NO_COMMUNITIES: readonly Community[] = [];
const MAX_OPTIONS = 50;

/** A person's communities and organisations: chips to remove, a search to add one, "New community…" to make one. */
export function CommunitiesField({ person }: { readonly person: Person }): React.JSX.Element {
  const store = useStore();
  const communities = useAppState((s) => s.network?.file.communities) ?? NO_COMMUNITIES;
  const [creating, setCreating] = useState<string | null>(null);
  const ids = person.communities ?? [];
  const mine = ids.flatMap((id) => communities.filter((c) => c.id === id));
  const labelId = useId();

  const add = (id: CommunityId) => {
    if (!ids.includes(id)) void store.setPersonCommunities(person.id, [...ids, id]);
  };
  const remove = (id: CommunityId) =>
    void store.setPersonCommunities(
      person.id,
      ids.filter((c) => c !== id),
    );

  return (
    <div className="field" data-testid="person-communities">
      <span className="field-label" id={labelId}>
        <span>Communities</span>
        <span className="field-hint">guilds, clubs, employers</span>
      </span>
      {mine.length > 0 ? (
        <ul className="community-chips" aria-labelledby={labelId}>
          {mine.map((c) => (
            <li
              key={c.id}
              className="community-chip"
              data-testid="person-community"
              data-community={c.id}
              title={COMMUNITY_KIND_LABELS[c.kind]}
            >
              <CommunityKindIcon kind={c.kind} />
              <span className="community-chip-name">{c.name}</span>
              <button
                type="button"
                className="community-chip-remove"
                aria-label={`Take ${person.name} off ${c.name}`}
                title={`Remove from ${c.name}`}
                onClick={() => remove(c.id)}
              >
                <CloseIcon />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {creating !== null ? (
        <NewCommunityForm
          initialName={creating}
          reuseExisting
          autoFocus
          submitLabel="Add"
          testId="person-community-new"
          onCancel={() => setCreating(null)}
          onCreated={(c) => {
            setCreating(null);
            add(c.id);
          }}
        />
      ) : (
        <CommunityPicker
          communities={communities}
          exclude={ids}
          label={`Add ${person.name} to a community`}
          onPick={add}
          onNew={(text) => setCreating(text)}
        />
      )}
    </div>
  );
}

interface CommunityPickerProps {
  readonly communities: readonly Community[];
  readonly exclude: readonly CommunityId[];
  readonly label: string;
  readonly onPick: (id: CommunityId) => void;
  /** "New community…" chosen, with the text typed so far. */
  readonly onNew: (text: string) => void;
}

/** A combobox over the communities, its last option making a new one. */
function CommunityPicker({ communities, exclude, label, onPick, onNew }: CommunityPickerProps): React.JSX.Element {
  const id = useId();
  const listId = `${id}-list`;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(
    () => matchCommunities(communities, query, new Set(exclude)).slice(0, MAX_OPTIONS),
    [communities, query, exclude],
  );
  // The last option is always "New community…".
  const count = matches.length + 1;
  const listRef = useRef<HTMLUListElement>(null);

  // The panel scrolls: show the whole list when it opens (above the sticky footer), then the active option.
  useEffect(() => {
    if (open) listRef.current?.scrollIntoView({ block: 'nearest' });
  }, [open]);
  useEffect(() => {
    if (open) document.getElementById(`${id}-opt-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [open, active, id]);

  const choose = (i: number) => {
    const c = matches[i];
    setOpen(false);
    setQuery('');
    setActive(0);
    if (c) onPick(c.id);
    else onNew(query.trim());
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(count - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      if (open) {
        e.preventDefault();
        choose(active);
      }
    } else if (e.key === 'Escape' && (open || query !== '')) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setQuery('');
    }
  };

  return (
    <div className="combo community-combo">
      <div className="combo-input-wrap">
        <PlusIcon />
        <input
          id={id}
          className="input"
          role="combobox"
          aria-label={label}
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
          placeholder="Add to a community…"
          autoComplete="off"
          spellCheck={false}
          value={query}
          data-testid="person-community-add"
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onClick={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            setQuery('');
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      {open ? (
        <ul ref={listRef} className="combo-list" id={listId} role="listbox" aria-label={label}>
          {matches.map((c, i) => (
            <li
              key={c.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className="combo-option"
              data-community={c.id}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(i);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="combo-kind" aria-hidden="true">
                <CommunityKindIcon kind={c.kind} />
              </span>
              <span className="combo-option-text">
                <span className="combo-option-name">{c.name}</span>
                <span className="combo-option-meta">{COMMUNITY_KIND_LABELS[c.kind]}</span>
              </span>
            </li>
          ))}
          <li
            id={`${id}-opt-${matches.length}`}
            role="option"
            aria-selected={active === matches.length}
            className="combo-option combo-option-new"
            data-testid="person-community-new-option"
            onMouseDown={(e) => {
              e.preventDefault();
              choose(matches.length);
            }}
            onMouseEnter={() => setActive(matches.length)}
          >
            <span className="combo-kind" aria-hidden="true">
              <PlusIcon className="kind-icon" />
            </span>
            <span className="combo-option-name">{query.trim() ? `New community “${query.trim()}”…` : 'New community…'}</span>
          </li>
        </ul>
      ) : null}
    </div>
  );
}
