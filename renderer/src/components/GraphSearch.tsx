import type React from 'react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PersonId } from '../../../shared/domain/model';
import { focusPerson } from '../graph/intents';
import { buildSearchIndex, searchPeople, type SearchHit } from '../graph/search';
import { initials } from '../store/lists';
import { useAppState, useStore } from '../store/useAppState';
import { useViewState } from '../store/useViewState';
import { SearchIcon } from './icons';
import { useTypoMatching } from './useTypoMatching';
import { keysOf } from '../keyboard/platform';

const LIMIT = 12;

/**
 * Find a person and land on the graph on them (their group opens, a filter
 * that hides them goes): a combobox over fuse.js-backed ranking, built only
 * once the box is used, so that a 30,000-person network costs nothing until
 * then. Ctrl/Cmd+F focuses it.
 */
export function GraphSearch(): React.JSX.Element {
  const store = useStore();
  const people = useAppState((s) => s.network?.file.people);
  const meId = useAppState((s) => s.network?.file.meId);
  const focusSeq = useViewState((s) => s.searchFocusSeq);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [used, setUsed] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    if (focusSeq === 0) return;
    input.current?.focus();
    input.current?.select();
  }, [focusSeq]);

  // Typo matching (fuse.js) loads when the box is first used; the plain matches do not wait for it.
  const fuzzy = useTypoMatching(used);
  const index = useMemo(() => (used && people ? buildSearchIndex(people) : null), [used, people]);
  // Once fuse.js is in (`fuzzy`), the same query is searched again with typos.
  const hits = useMemo<SearchHit[]>(() => (index && query.trim() ? searchPeople(index, query, LIMIT, fuzzy) : []), [index, query, fuzzy]);

  const pick = (hit: SearchHit) => {
    focusPerson(store, hit.person.id as PersonId);
    setQuery('');
    setOpen(false);
    input.current?.blur();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(hits.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      const hit = hits[active];
      if (hit) {
        e.preventDefault();
        pick(hit);
      }
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setQuery('');
      setOpen(false);
      input.current?.blur();
    }
  };

  const showList = open && query.trim() !== '';
  return (
    <div className="graph-search combo" role="search">
      <div className="combo-input-wrap">
        <SearchIcon />
        <input
          ref={input}
          className="input"
          type="search"
          role="combobox"
          aria-label="Find a person"
          aria-expanded={showList}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={showList && hits[active] ? `${id}-${active}` : undefined}
          placeholder={`Find a person… (${keysOf('find')})`}
          data-testid="toolbar-search"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onFocus={() => {
            setUsed(true);
            setOpen(true);
          }}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      {showList ? (
        <ul className="combo-list" id={`${id}-list`} role="listbox" aria-label="People found" data-testid="search-results">
          {hits.length === 0 ? (
            <li className="combo-empty" role="presentation">
              {index ? 'Nobody by that name' : 'Indexing…'}
            </li>
          ) : (
            hits.map((hit, i) => (
              <li
                key={hit.person.id}
                id={`${id}-${i}`}
                role="option"
                aria-selected={i === active}
                className="combo-option"
                data-person={hit.person.id}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(hit);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className={`avatar avatar-sm${hit.person.id === meId ? ' me' : ''}`} aria-hidden="true">
                  {initials(hit.person.name)}
                </span>
                <span className="combo-option-text">
                  <span className="combo-option-name">{hit.person.name}</span>
                  {hit.person.company || hit.person.position ? (
                    <span className="combo-option-meta">{[hit.person.position, hit.person.company].filter(Boolean).join(' · ')}</span>
                  ) : null}
                </span>
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}
