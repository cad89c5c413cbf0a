import type React from 'react';
import { useId, useMemo, useRef, useState } from 'react';
import type { Person, PersonId } from '../../../shared/domain/model';
import { buildSearchIndex, searchPeople } from '../graph/search';
import { initials } from '../store/lists';
import { SearchIcon } from './icons';
import { useTypoMatching } from './useTypoMatching';

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

/**
 * A searchable person select (ARIA combobox with a listbox), ranked as the
 * toolbar search ranks (graph/search.ts): exact name, name or surname
 * starting with the text, containing it, company or job, then typos.
 */
export function PersonPicker(props: PersonPickerProps): React.JSX.Element {
  const { people, meId, value, onChange, exclude } = props;
  const id = useId();
  const listId = `${id}-list`;
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);

  const index = useMemo(() => buildSearchIndex(people), [people]);
  const fuzzy = useTypoMatching(true);
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
      list = searchPeople(index, q, MAX_RESULTS, fuzzy).map((hit) => hit.person);
    }
    return list.filter((p) => p.id !== exclude);
  }, [query, people, meId, index, fuzzy, exclude]);

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
