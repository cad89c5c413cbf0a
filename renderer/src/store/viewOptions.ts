import type { Activity, Origin } from '../../../shared/domain/vocabulary';
import type { PersonId } from '../../../shared/domain/model';

export const LAYOUTS = ['around-me', 'force', 'clusters'] as const;
export type LayoutName = (typeof LAYOUTS)[number];
export const LAYOUT_LABELS: Readonly<Record<LayoutName, string>> = { 'around-me': 'Around me', force: 'Force', clusters: 'Clusters' };
export const LAYOUT_HINTS: Readonly<Record<LayoutName, string>> = {
  'around-me': 'Rings around you: the nearer and warmer the tie, the closer the ring',
  force: 'ForceAtlas2: people (or groups) who share ties pull together',
  clusters: 'One cluster per company, community or tag',
};

/** How people are gathered into group nodes; `none` draws everyone one by one. */
export const GROUPINGS = ['none', 'company', 'community', 'tag'] as const;
export type GroupBy = (typeof GROUPINGS)[number];
export const GROUPING_LABELS: Readonly<Record<GroupBy, string>> = {
  none: 'Everyone',
  company: 'Company',
  community: 'Community',
  tag: 'Tag',
};

/** Last interaction: within a window, older than a year, or never recorded. */
export const AGE_FILTERS = ['any', '30d', '90d', '1y', 'older', 'never'] as const;
export type AgeFilter = (typeof AGE_FILTERS)[number];
export const AGE_LABELS: Readonly<Record<AgeFilter, string>> = {
  any: 'Any time',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  '1y': 'Last year',
  older: 'Over a year ago',
  never: 'Never recorded',
};

/**
 * What the graph shows. Tie filters (origin, activity, strength, age) keep
 * the ties that pass and the people who keep at least one; person filters
 * (tag, company) keep the people who match. An empty list means "any".
 */
export interface Filters {
  readonly origins: readonly Origin[];
  readonly activities: readonly Activity[];
  readonly tags: readonly string[];
  /** Company names as written in the file (compared case-insensitively). */
  readonly companies: readonly string[];
  /** 0 = any; else the least strength (ties without a strength fail). */
  readonly minStrength: number;
  readonly age: AgeFilter;
}

export const NO_FILTERS: Filters = { origins: [], activities: [], tags: [], companies: [], minStrength: 0, age: 'any' };

export function hasTieFilters(f: Filters): boolean {
  return f.origins.length > 0 || f.activities.length > 0 || f.minStrength > 0 || f.age !== 'any';
}

export function hasPersonFilters(f: Filters): boolean {
  return f.tags.length > 0 || f.companies.length > 0;
}

/** How many filters are set, for the Filters button's badge. */
export function activeFilterCount(f: Filters): number {
  return (
    (f.origins.length > 0 ? 1 : 0) +
    (f.activities.length > 0 ? 1 : 0) +
    (f.tags.length > 0 ? 1 : 0) +
    (f.companies.length > 0 ? 1 : 0) +
    (f.minStrength > 0 ? 1 : 0) +
    (f.age !== 'any' ? 1 : 0)
  );
}

export type EgoHops = 1 | 2 | 3;

/** A person and everyone within `hops` ties of them (never walking through me: I know everyone). */
export interface Ego {
  readonly id: PersonId;
  readonly hops: EgoHops;
}
