import type React from 'react';
import { useEffect, useId, useMemo, useState } from 'react';
import type { Path, PathTarget, TargetOption } from '../../../../shared/api/contract/insights';
import { ORIGIN_COLORS, ORIGIN_LABELS } from '../../graph/palette';
import { fitPeople } from '../../graph/intents';
import { useAppState, useStore } from '../../store/useAppState';
import { pathsHighlight } from './highlight';
import { QueryError, ViewHeader } from './ViewParts';
import { useInsightMemory } from './memory';
import { useBackendQuery } from './useBackendQuery';

interface PathsMemory {
  readonly target: (PathTarget & { readonly label: string }) | null;
  readonly k: number;
  readonly chosen: number;
}

const KIND_LABELS: Readonly<Record<TargetOption['kind'], string>> = {
  person: 'Person',
  company: 'Company',
  community: 'Community',
  tag: 'Tag',
  opportunity: 'Opportunity',
};

/** Planned-happenstance paths: pick a target, see the top paths, each hop in words; the chosen path is highlighted and centred. */
export function PathsView(): React.JSX.Element {
  const [memory, onMemory] = useInsightMemory<PathsMemory>('paths', { target: null, k: 3, chosen: 0 });
  const store = useStore();
  const meId = useAppState((s) => s.network?.file.meId);
  const input = memory.target ? { target: { kind: memory.target.kind, value: memory.target.value }, k: memory.k } : null;
  const result = useBackendQuery('paths:find', input);
  const data = result.data;
  const paths = useMemo(() => data?.paths ?? [], [data]);
  const chosen = Math.min(memory.chosen, Math.max(paths.length - 1, 0));

  useEffect(() => {
    store.setHighlight(paths.length > 0 ? pathsHighlight(paths, chosen) : null);
  }, [store, paths, chosen]);
  // A new answer is shown whole (every path in view); choosing a path centres that one.
  useEffect(() => {
    const everyone = [...new Set(paths.flatMap((p) => p.nodes))];
    if (everyone.length > 1) fitPeople(store, everyone);
  }, [store, paths]);
  useEffect(() => () => store.setHighlight(null), [store]);

  const choose = (i: number) => {
    if (i !== chosen) onMemory({ ...memory, chosen: i });
    const p = paths[i];
    if (p && p.nodes.length > 1) fitPeople(store, p.nodes);
  };

  return (
    <>
      <ViewHeader kicker="Planned happenstance" title="Paths">
        The warmest chains of ties from you to someone, somewhere or something. Living ties are cheapest, Doing ties dearest.
      </ViewHeader>
      <div className="panel-body">
        <TargetPicker initial={memory.target?.label ?? ''} onPick={(target) => onMemory({ ...memory, target, chosen: 0 })} />
        <div className="paths-options">
          <span className="field-label">Show</span>
          <div className="segmented" role="radiogroup" aria-label="How many paths">
            {[3, 5].map((k) => (
              <button
                key={k}
                type="button"
                role="radio"
                aria-checked={memory.k === k}
                className={memory.k === k ? 'is-on' : undefined}
                onClick={() => onMemory({ ...memory, k, chosen: 0 })}
              >
                Top {k}
              </button>
            ))}
          </div>
        </div>
        {result.error ? <QueryError message={result.error.message} /> : null}
        {!memory.target ? (
          <p className="prose insights-hint">
            Type a name, a company (current or past), a community, a tag or an opportunity, then pick it from the list.
          </p>
        ) : null}
        {result.data ? (
          <section className="panel-section" aria-live="polite" data-testid="paths-result">
            <h3 className="section-title">
              {paths.length === 0 ? 'No path' : `${paths.length} ${paths.length === 1 ? 'path' : 'paths'}`} to {result.data.target.label}
              <span className="kind-badge">{KIND_LABELS[result.data.target.kind]}</span>
            </h3>
            {result.data.note ? <p className="prose">{result.data.note}</p> : null}
            <ol className="path-list">
              {paths.map((p, i) => (
                <PathCard key={p.nodes.join('>')} path={p} rank={i + 1} isChosen={i === chosen} meId={meId} onChoose={() => choose(i)} />
              ))}
            </ol>
          </section>
        ) : result.loading && memory.target ? (
          <p className="prose insights-hint">Finding paths…</p>
        ) : null}
      </div>
    </>
  );
}

function PathCard({
  path,
  rank,
  isChosen,
  onChoose,
}: {
  readonly path: Path;
  readonly rank: number;
  readonly isChosen: boolean;
  readonly meId: string | undefined;
  readonly onChoose: () => void;
}): React.JSX.Element {
  return (
    <li className={`path-card${isChosen ? ' is-chosen' : ''}`} data-testid="path-card" data-mode={path.mode} data-chosen={isChosen}>
      <button
        type="button"
        className="path-card-head"
        onClick={onChoose}
        aria-pressed={isChosen}
        title="Highlight and centre this path on the graph"
      >
        <span className="path-rank">{rank}</span>
        <span className={`mode-chip mode-${path.mode}`}>{path.summary}</span>
        <span className="path-cost" title="Path cost: lower is warmer">
          cost {path.cost.toFixed(1)}
        </span>
      </button>
      {path.hops.length === 0 ? <p className="prose">That is you.</p> : null}
      <ol className="hop-list">
        {path.hops.map((h) => (
          <li key={h.tie} className="hop">
            <span
              className="hop-line"
              style={{ borderColor: ORIGIN_COLORS[h.origin] }}
              data-origin={h.origin}
              aria-label={ORIGIN_LABELS[h.origin]}
            />
            <span className="hop-text">
              <span className="hop-names">
                {h.fromName} → {h.toName}
              </span>
              <span className="hop-explanation" data-testid="hop-explanation">
                {h.explanation}
              </span>
            </span>
          </li>
        ))}
      </ol>
    </li>
  );
}

/** A combobox over the backend's target search (people, companies, communities, tags, opportunities). */
function TargetPicker({
  initial,
  onPick,
}: {
  readonly initial: string;
  readonly onPick: (t: PathTarget & { label: string }) => void;
}): React.JSX.Element {
  const id = useId();
  const [text, setText] = useState(initial);
  const [debounced, setDebounced] = useState(initial);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(text), 120);
    return () => clearTimeout(t);
  }, [text]);
  const query = useMemo(() => (open && debounced.trim() !== '' ? { query: debounced.trim(), limit: 12 } : null), [open, debounced]);
  const options = useBackendQuery('paths:targets', query).data ?? [];
  const pick = (o: TargetOption) => {
    setText(o.label);
    setOpen(false);
    onPick({ kind: o.kind, value: o.value, label: o.label });
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(options.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const o = options[active];
      if (open && o) pick(o);
      else if (text.trim() !== '') {
        setOpen(false);
        onPick({ kind: 'query', value: text.trim(), label: text.trim() });
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.stopPropagation();
        setOpen(false);
      }
    }
  };
  return (
    <div className="field target-picker">
      <label className="field-label" htmlFor={`${id}-input`}>
        Find paths to
      </label>
      <input
        id={`${id}-input`}
        className="input"
        role="combobox"
        aria-expanded={open && options.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${id}-opt-${active}` : undefined}
        autoComplete="off"
        placeholder="Person, company, community, tag, opportunity…"
        value={text}
        data-testid="paths-target"
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 120)}
        onKeyDown={onKeyDown}
      />
      {open && options.length > 0 ? (
        <ul className="target-options" role="listbox" id={`${id}-list`} data-testid="paths-options">
          {options.map((o, i) => (
            <li
              key={`${o.kind}:${o.value}`}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              data-testid="paths-option"
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(o)}
            >
              <span className="kind-badge">{KIND_LABELS[o.kind]}</span>
              <span className="option-label">{o.label}</span>
              <span className="option-detail">{o.detail}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
