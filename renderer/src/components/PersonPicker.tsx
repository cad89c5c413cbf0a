import Fuse from 'fuse.js';
import type React from 'react';
import { useId, useMemo, useRef, useState } from 'react';
import type { Person, PersonId } from '../../../shared/domain/model';
import { initials } from '../store/lists';
import { SearchIcon } from './icons';

interface PersonPickerProps {
  readonly people: readonly Person[];
  readonly meId: PersonId | undefined;
  readonly value: PersonId | null;
  readonly onChange: (id: PersonId) => void;
  /** Visible label; absent for the toolbar search, which uses `ariaLabel`. */
  readonly label?: string;
  /** Shown at the end of the label row (a hint, a "Clear" link). */
  readonly labelAside?: React.ReactNode;
  readonly ariaLabel?: string;
  /** Id of an element that describes the field (what the pick means). */
  readonly describedBy?: string;
  readonly placeholder?: string;
  /** Clear the text after picking (search box), instead of showing the name. */
  readonly clearOnPick?: boolean;
  readonly exclude?: PersonId | null;
  readonly testId?: string;
  readonly autoFocus?: boolean;
}

const MAX_RESULTS = 40;

const fold = (text: string | undefined): string => (text ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * What a person typing a name expects first: names that start with the text,
 * then names or jobs that contain it (accents ignored), then fuzzy matches
 * for typos.
 */
export function searchPeople(people: readonly Person[], fuse: Fuse<Person>, query: string, limit: number): Person[] {
  const q = fold(query.trim());
  const starts: Person[] = [];
  const contains: Person[] = [];
  for (const p of people) {
    const name = fold(p.name);
    if (name.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q))) starts.push(p);
    else if (name.includes(q) || fold(p.company).includes(q) || fold(p.position).includes(q)) contains.push(p);
    if (starts.length >= limit) break;
  }
  const byName = (a: Person, b: Person) => a.name.localeCompare(b.name);
  const out = [...starts.sort(byName), ...contains.sort(byName)].slice(0, limit);
  if (out.length < limit) {
    const seen = new Set(out.map((p) => p.id));
    for (const r of fuse.search(query, { limit })) {
      if (out.length >= limit) break;
      if (!seen.has(r.item.id)) out.push(r.item);
    }
  }
  return out;
}

/** A searchable person select (ARIA combobox with a listbox), fuzzy-matched by fuse.js on name, company and position. */
export function PersonPicker(props: PersonPickerProps): React.JSX.Element {
  const { people, meId, value, onChange, exclude } = props;
  const id = useId();
  const listId = `${id}-list`;
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);

  const fuse = useMemo(
    () =>
      new Fuse(people as Person[], {
        keys: [
          { name: 'name', weight: 3 },
          { name: 'company', weight: 1 },
          { name: 'position', weight: 1 },
        ],
        threshold: 0.3,
        ignoreLocation: true,
      }),
    [people],
  );
  const selected = value ? people.find((p) => p.id === value) : undefined;
  const text = query ?? (props.clearOnPick ? '' : (selected?.name ?? ''));

  const results = useMemo(() => {
    const q = (query ?? '').trim();
    let list: readonly Person[];
    if (q === '') {
      const me = people.find((p) => p.id === meId);
      const rest = people
        .filter((p) => p.id !== meId)
        .slice()
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(0, MAX_RESULTS);
      list = me ? [me, ...rest] : rest;
    } else {
      list = searchPeople(people, fuse, q, MAX_RESULTS);
    }
    return list.filter((p) => p.id !== exclude);
  }, [query, people, meId, fuse, exclude]);

  const pick = (person: Person) => {
    onChange(person.id);
    setQuery(null);
    setOpen(false);
    if (props.clearOnPick) inputRef.current?.blur();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(results.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      if (open && results[active]) {
        e.preventDefault();
        pick(results[active]);
      }
    } else if (e.key === 'Escape') {
      if (open || query !== null) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
        setQuery(null);
      }
    }
  };

  const activeId = open && results[active] ? `${id}-opt-${active}` : undefined;
  return (
    <div className="field combo">
      {props.label && props.labelAside ? (
        <div className="field-label">
          <label htmlFor={id}>{props.label}</label>
          <span className="field-hint">{props.labelAside}</span>
        </div>
      ) : props.label ? (
        <label className="field-label" htmlFor={id}>
          {props.label}
        </label>
      ) : null}
      <div className="combo-input-wrap">
        <SearchIcon />
        <input
          ref={inputRef}
          id={id}
          className="input"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          aria-label={props.label ? undefined : props.ariaLabel}
          aria-describedby={props.describedBy}
          placeholder={props.placeholder}
          autoComplete="off"
          spellCheck={false}
          value={text}
          data-testid={props.testId}
          data-autofocus={props.autoFocus ? true : undefined}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={(e) => {
            e.target.select();
          }}
          onClick={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            setQuery(null);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      {open ? (
        <ul className="combo-list" id={listId} role="listbox" aria-label={props.label ?? props.ariaLabel}>
          {results.length === 0 ? (
            <li className="combo-empty" role="presentation">
              Nobody matches “{query}”.
            </li>
          ) : (
            results.map((p, i) => {
              const isMe = p.id === meId;
              const meta = [p.position, p.company].filter(Boolean).join(' · ');
              return (
                <li
                  key={p.id}
                  id={`${id}-opt-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className="combo-option"
                  data-person={p.id}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(p);
                  }}
                  onMouseEnter={() => setActive(i)}
                >
                  <span className={`avatar avatar-sm${isMe ? ' me' : ''}`} aria-hidden="true">
                    {initials(p.name)}
                  </span>
                  <span className="combo-option-text">
                    <span className="combo-option-name">
                      {p.name}
                      {isMe ? <span className="muted"> (you)</span> : null}
                    </span>
                    {meta ? <span className="combo-option-meta">{meta}</span> : null}
                  </span>
                </li>
              );
            })
          )}
        </ul>
      ) : null}
    </div>
  );
}
