import { beforeAll, describe, expect, it } from 'vitest';
import type { Person, PersonId } from '../../../../shared/domain/model';
import { buildSearchIndex, fold, loadFuse, searchPeople } from '../../../../renderer/src/graph/search';

const person = (id: string, name: string, company?: string, position?: string): Person => ({
  id: id as PersonId,
  name,
  ...(company ? { company } : {}),
  ...(position ? { position } : {}),
});

const people = [
  person('1', 'Ana Costa', 'Northwind'),
  person('2', 'Anaïs Dubois'),
  person('3', 'Joana Anand'),
  person('4', 'Diana Ross'),
  person('5', 'Ben Ana'),
  person('6', 'Chloé Martin', 'Anatomy Labs'),
  person('7', 'Priya Raman', 'Contoso', 'Data Analyst'),
  person('8', 'Ana'),
];

describe('searchPeople before fuse.js is loaded', () => {
  it('finds the plain matches and no typos (fuse.js loads on the first search)', () => {
    const index = buildSearchIndex(people);
    expect(index.fuse()).toBeNull();
    expect(searchPeople(index, 'ana').map((h) => h.person.name)).toContain('Ana Costa');
    expect(searchPeople(index, 'Prya Ramn')).toEqual([]);
  });
});

describe('searchPeople', () => {
  beforeAll(() => loadFuse());
  const index = buildSearchIndex(people);
  const names = (q: string, limit?: number) => searchPeople(index, q, limit).map((h) => h.person.name);

  it('ranks the exact name, then names starting with it, then a word of the name, then names containing it, then company or job', () => {
    const hits = searchPeople(index, 'ana');
    expect(hits.map((h) => [h.person.name, h.match])).toEqual([
      ['Ana', 'exact'],
      ['Ana Costa', 'prefix'],
      ['Anaïs Dubois', 'prefix'],
      ['Ben Ana', 'word'],
      ['Joana Anand', 'word'],
      ['Diana Ross', 'contains'],
      ['Chloé Martin', 'company'],
      ['Priya Raman', 'company'],
    ]);
  });

  it('ignores accents and case', () => {
    expect(fold('Chloé')).toBe('chloe');
    expect(names('CHLOE')[0]).toBe('Chloé Martin');
    expect(names('anais')[0]).toBe('Anaïs Dubois');
  });

  it('finds through typos with fuse.js when the plain matches run out', () => {
    const hits = searchPeople(index, 'Prya Ramn');
    expect(hits[0]?.person.name).toBe('Priya Raman');
    expect(hits[0]?.match).toBe('fuzzy');
  });

  it('honours the limit and finds nobody for nothing', () => {
    expect(names('a', 3)).toHaveLength(3);
    expect(names('   ')).toEqual([]);
    expect(names('zzzzzz')).toEqual([]);
  });

  it('stays quick on 30,000 people', () => {
    const many = Array.from({ length: 30_000 }, (_, i) => person(`p${i}`, `Person ${i} Example`, `Company ${i % 500}`));
    const big = buildSearchIndex(many);
    const t0 = performance.now();
    const hits = searchPeople(big, 'person 2999', 10);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(hits[0]?.person.name).toBe('Person 2999 Example');
  });
});
