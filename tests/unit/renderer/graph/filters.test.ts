import { describe, expect, it } from 'vitest';
import type { PersonId } from '../../../../shared/domain/model';
import { ageMatches, applyFilters, daysBefore, egoSet, normalizeLabel } from '../../../../renderer/src/graph/filters';
import { activeFilterCount, NO_FILTERS, type Filters } from '../../../../renderer/src/store/viewOptions';
import { net } from './fixtures';

const TODAY = '2026-06-01';
const f = (patch: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...patch });

/*
 *   me ─living(5, 2026-05-20)─ a ─living─ b
 *   me ─doing(2)─ c        c ─unknown─ d (d not tied to me)
 *   me ─unknown─ e (tag mentor, company "ACME  Corp")
 */
const file = net(
  [
    { id: 'a', company: 'Acme Corp', tags: ['Friend'] },
    { id: 'b', company: 'Beta' },
    { id: 'c', company: 'acme corp' },
    { id: 'd' },
    { id: 'e', company: 'ACME  Corp', tags: ['mentor'] },
  ],
  [
    ['t1', 'me', 'a', 'living', 5, '2026-05-20', 'curiosity-conversation'],
    ['t2', 'a', 'b', 'living', 3, '2024-01-01'],
    ['t3', 'c', 'me', 'doing', 2, undefined, 'event'],
    ['t4', 'c', 'd', 'unknown'],
    ['t5', 'me', 'e', 'unknown'],
  ],
);

describe('applyFilters', () => {
  it('shows everything when nothing is set, with counts that leave me out', () => {
    const v = applyFilters(file, NO_FILTERS, null, TODAY);
    expect(v.people.size).toBe(6);
    expect(v.counts).toEqual({ people: { shown: 5, total: 5 }, ties: { shown: 5, total: 5 } });
    expect([...v.tieIndexes]).toEqual([0, 1, 2, 3, 4]);
  });

  it('Living ties only: the ties that pass, and the people who keep one; me always', () => {
    const v = applyFilters(file, f({ origins: ['living'] }), null, TODAY);
    expect(v.ties.map((t) => t.id)).toEqual(['t1', 't2']);
    expect([...v.people].sort()).toEqual(['a', 'b', 'me']);
    expect(v.counts.people).toEqual({ shown: 2, total: 5 });
    expect(v.counts.ties).toEqual({ shown: 2, total: 5 });
    expect([...v.tieIndexes]).toEqual([0, 1]);
  });

  it('combines tie filters: origin, activity, strength, last interaction', () => {
    expect(applyFilters(file, f({ minStrength: 3 }), null, TODAY).ties.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(applyFilters(file, f({ activities: ['event'] }), null, TODAY).ties.map((t) => t.id)).toEqual(['t3']);
    expect(applyFilters(file, f({ age: '30d' }), null, TODAY).ties.map((t) => t.id)).toEqual(['t1']);
    expect(applyFilters(file, f({ age: 'older' }), null, TODAY).ties.map((t) => t.id)).toEqual(['t2']);
    expect(applyFilters(file, f({ age: 'never' }), null, TODAY).ties.map((t) => t.id)).toEqual(['t3', 't4', 't5']);
    expect(applyFilters(file, f({ origins: ['living'], minStrength: 4 }), null, TODAY).ties.map((t) => t.id)).toEqual(['t1']);
  });

  it('person filters match tags and companies whatever their case and spacing, and keep their ties among themselves', () => {
    const acme = applyFilters(file, f({ companies: ['ACME CORP'] }), null, TODAY);
    expect([...acme.people].sort()).toEqual(['a', 'c', 'e', 'me']);
    expect(acme.ties.map((t) => t.id)).toEqual(['t1', 't3', 't5']);
    const mentors = applyFilters(file, f({ tags: ['MENTOR'] }), null, TODAY);
    expect([...mentors.people].sort()).toEqual(['e', 'me']);
    const both = applyFilters(file, f({ companies: ['acme corp'], origins: ['doing'] }), null, TODAY);
    expect([...both.people].sort()).toEqual(['c', 'me']);
  });

  it('the ego view keeps a person and k hops, never walking through me', () => {
    const one = applyFilters(file, NO_FILTERS, { id: 'a' as PersonId, hops: 1 }, TODAY);
    expect([...one.people].sort()).toEqual(['a', 'b', 'me']);
    // Two hops from a: through b nobody new; through me would be everyone, so no.
    const two = applyFilters(file, NO_FILTERS, { id: 'a' as PersonId, hops: 2 }, TODAY);
    expect([...two.people].sort()).toEqual(['a', 'b', 'me']);
    const fromC = applyFilters(file, NO_FILTERS, { id: 'c' as PersonId, hops: 3 }, TODAY);
    expect([...fromC.people].sort()).toEqual(['c', 'd', 'me']);
    expect(fromC.ties.map((t) => t.id)).toEqual(['t3', 't4']);
    // From me, one hop is everyone tied to me.
    expect([...egoSet('me', 1, file.ties, 'me')].sort()).toEqual(['a', 'c', 'e', 'me']);
  });

  it('the ego view walks only the ties the filters keep', () => {
    const v = applyFilters(file, f({ origins: ['doing', 'unknown'] }), { id: 'c' as PersonId, hops: 2 }, TODAY);
    expect([...v.people].sort()).toEqual(['c', 'd', 'me']);
  });

  it('shows everyone when the ego view’s person is gone', () => {
    const v = applyFilters(file, NO_FILTERS, { id: 'gone' as PersonId, hops: 1 }, TODAY);
    expect(v.people.size).toBe(file.people.length);
    expect(v.ties).toHaveLength(file.ties.length);
  });
});

describe('filter helpers', () => {
  it('dates and ages', () => {
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
    expect(ageMatches('2025-06-02', '1y', TODAY)).toBe(true);
    expect(ageMatches('2025-05-31', '1y', TODAY)).toBe(false);
    expect(ageMatches(undefined, 'any', TODAY)).toBe(true);
  });

  it('normalises labels and counts set filters', () => {
    expect(normalizeLabel('  ACME \t Corp ')).toBe('acme corp');
    expect(normalizeLabel(undefined)).toBe('');
    expect(activeFilterCount(NO_FILTERS)).toBe(0);
    expect(activeFilterCount(f({ origins: ['living'], tags: ['x'], age: 'never' }))).toBe(3);
  });
});
