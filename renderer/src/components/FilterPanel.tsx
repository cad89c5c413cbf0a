import type React from 'react';
import { useMemo, useState } from 'react';
import type { KithFile } from '../../../shared/domain/model';
import {
  ACTIVITY_LABELS,
  DOING_ACTIVITIES,
  LIVING_ACTIVITIES,
  ORIGINS,
  type Activity,
  type Origin,
} from '../../../shared/domain/vocabulary';
import { normalizeLabel } from '../graph/filters';
import { ORIGIN_COLORS, ORIGIN_LABELS } from '../graph/palette';
import { useScene } from '../graph/storeScene';
import { formatCount } from '../graph/viewParts';
import { useAppState, useStore } from '../store/useAppState';
import { useViewState } from '../store/useViewState';
import { activeFilterCount, AGE_FILTERS, AGE_LABELS, type AgeFilter } from '../store/viewOptions';
import { usePopover } from './usePopover';

interface Facet {
  readonly label: string;
  readonly count: number;
}

/** The most common tags and companies of a network, for the filter chips. */
export function facets(file: KithFile, limit: number): { tags: Facet[]; companies: Facet[] } {
  const count = (values: Iterable<string>) => {
    const m = new Map<string, Facet>();
    for (const v of values) {
      const label = v.trim();
      if (!label) continue;
      const key = normalizeLabel(label);
      const cur = m.get(key);
      m.set(key, { label: cur?.label ?? label, count: (cur?.count ?? 0) + 1 });
    }
    return [...m.values()].sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
  };
  const others = file.people.filter((p) => p.id !== file.meId);
  return {
    tags: count(others.flatMap((p) => p.tags ?? [])).slice(0, limit),
    companies: count(others.map((p) => p.company ?? '')),
  };
}

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** The filters: origin, activity, strength, last interaction, tags and companies, with what they leave shown. */
export function FilterPanel(): React.JSX.Element {
  const store = useStore();
  const view = store.view;
  const file = useAppState((s) => s.network?.file);
  const filters = useViewState((s) => s.filters);
  const stats = useScene((s) => s?.stats ?? null);
  const [companyQuery, setCompanyQuery] = useState('');
  const ref = usePopover(true, () => view.setFiltersOpen(false));
  const all = useMemo(() => (file ? facets(file, 14) : { tags: [], companies: [] }), [file]);
  const companyMatches = useMemo(() => {
    const q = normalizeLabel(companyQuery);
    const chosen = new Set(filters.companies.map(normalizeLabel));
    const list = all.companies.filter((c) => !chosen.has(normalizeLabel(c.label)) && (q === '' || normalizeLabel(c.label).includes(q)));
    return list.slice(0, 8);
  }, [all, companyQuery, filters.companies]);
  const activityGroups: ReadonlyArray<readonly [Origin, readonly Activity[]]> = [
    ['living', LIVING_ACTIVITIES],
    ['doing', DOING_ACTIVITIES],
  ];
  return (
    <div className="popover filter-panel" ref={ref} data-testid="filter-panel" role="dialog" aria-label="Filters">
      <section>
        <h3>Origin of the tie</h3>
        <div className="chip-row">
          {ORIGINS.map((o) => (
            <label
              key={o}
              className={`filter-chip${filters.origins.includes(o) ? ' on' : ''}`}
              style={{ '--chip': ORIGIN_COLORS[o] } as React.CSSProperties}
            >
              <input
                type="checkbox"
                data-testid={`filter-origin-${o}`}
                checked={filters.origins.includes(o)}
                onChange={() => view.setFilters({ origins: toggle(filters.origins, o) })}
              />
              <span className="swatch" style={{ background: ORIGIN_COLORS[o] }} />
              {ORIGIN_LABELS[o]}
            </label>
          ))}
        </div>
      </section>
      <section>
        <h3>Activity</h3>
        {activityGroups.map(([origin, list]) => (
          <div className="chip-row" key={origin}>
            {list.map((a) => (
              <label
                key={a}
                className={`filter-chip small${filters.activities.includes(a) ? ' on' : ''}`}
                style={{ '--chip': ORIGIN_COLORS[origin] } as React.CSSProperties}
              >
                <input
                  type="checkbox"
                  data-testid={`filter-activity-${a}`}
                  checked={filters.activities.includes(a)}
                  onChange={() => view.setFilters({ activities: toggle(filters.activities, a) })}
                />
                {ACTIVITY_LABELS[a]}
              </label>
            ))}
          </div>
        ))}
      </section>
      <section className="filter-two">
        <label className="field">
          <span className="field-label">Strength at least</span>
          <select
            className="select"
            data-testid="filter-strength"
            value={filters.minStrength}
            onChange={(e) => view.setFilters({ minStrength: Number(e.target.value) })}
          >
            <option value={0}>Any</option>
            {[1, 2, 3, 4, 5].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Last interaction</span>
          <select
            className="select"
            data-testid="filter-age"
            value={filters.age}
            onChange={(e) => view.setFilters({ age: e.target.value as AgeFilter })}
          >
            {AGE_FILTERS.map((a) => (
              <option key={a} value={a}>
                {AGE_LABELS[a]}
              </option>
            ))}
          </select>
        </label>
      </section>
      {all.tags.length > 0 ? (
        <section>
          <h3>Tags</h3>
          <div className="chip-row">
            {all.tags.map((t) => (
              <label key={t.label} className={`filter-chip small${filters.tags.includes(t.label) ? ' on' : ''}`}>
                <input
                  type="checkbox"
                  data-testid={`filter-tag-${t.label}`}
                  checked={filters.tags.includes(t.label)}
                  onChange={() => view.setFilters({ tags: toggle(filters.tags, t.label) })}
                />
                {t.label} <span className="view-muted">{formatCount(t.count)}</span>
              </label>
            ))}
          </div>
        </section>
      ) : null}
      <section>
        <h3>Company</h3>
        <div className="chip-row">
          {filters.companies.map((c) => (
            <label key={c} className="filter-chip small on">
              <input type="checkbox" checked onChange={() => view.setFilters({ companies: filters.companies.filter((x) => x !== c) })} />
              {c}
            </label>
          ))}
        </div>
        <input
          className="input"
          data-testid="filter-company-search"
          placeholder={`Find one of ${formatCount(all.companies.length)} companies…`}
          value={companyQuery}
          onChange={(e) => setCompanyQuery(e.target.value)}
        />
        <div className="chip-row">
          {companyMatches.map((c) => (
            <button
              key={c.label}
              type="button"
              className="filter-chip small"
              data-testid={`filter-company-${c.label}`}
              onClick={() => view.setFilters({ companies: [...filters.companies, c.label] })}
            >
              {c.label} <span className="view-muted">{formatCount(c.count)}</span>
            </button>
          ))}
        </div>
      </section>
      <footer className="filter-footer">
        <span data-testid="filter-counts">
          {stats ? (
            <>
              {formatCount(stats.people.shown)} of {formatCount(stats.people.total)} people shown,{' '}
              {formatCount(stats.people.total - stats.people.shown)} hidden · {formatCount(stats.ties.shown)} of{' '}
              {formatCount(stats.ties.total)} ties
            </>
          ) : null}
        </span>
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="filter-clear"
          disabled={activeFilterCount(filters) === 0}
          onClick={() => view.clearFilters()}
        >
          Clear all
        </button>
      </footer>
    </div>
  );
}
