import { describe, expect, it } from 'vitest';
import { exampleNetwork } from '../../../../../shared/domain/example';
import type { CommunityId, Opportunity, OpportunityId, Person, PersonId } from '../../../../../shared/domain/model';
import {
  checkOpportunityForm,
  companySuggestions,
  emptyOpportunityForm,
  formFromOpportunity,
  hasTypedText,
  localToday,
  opportunityFields,
  opportunityPatch,
  throughSummary,
} from '../../../../../renderer/src/features/insights/opportunityForm';

const ME = 'me' as PersonId;
const file = exampleNetwork('Me', ME);
const id = (key: string) => `ex-${key}` as PersonId;

const stored: Opportunity = {
  id: 'o1' as OpportunityId,
  title: 'Design sprint',
  kind: 'project',
  date: '2024-05-20',
  through: id('tom'),
  company: 'Helix Health',
};

describe('opportunity form', () => {
  it('starts empty on today, in the local calendar', () => {
    expect(localToday(new Date(2025, 0, 5, 23, 30))).toBe('2025-01-05');
    expect(emptyOpportunityForm('2025-01-05')).toEqual({
      title: '',
      kind: 'job',
      date: '2025-01-05',
      through: null,
      company: '',
      community: '',
      notes: '',
    });
  });

  it('asks for a title and a real date, and says which field is wrong', () => {
    const form = emptyOpportunityForm('2025-01-05');
    expect(checkOpportunityForm(form)).toEqual({ field: 'title', message: 'Say what the opportunity was.' });
    expect(checkOpportunityForm({ ...form, title: '   ' })?.field).toBe('title');
    expect(checkOpportunityForm({ ...form, title: 'x'.repeat(201) })?.field).toBe('title');
    expect(checkOpportunityForm({ ...form, title: 'Talk', date: '2025-02-30' })).toEqual({
      field: 'date',
      message: 'Enter a real date, or leave it empty.',
    });
    expect(checkOpportunityForm({ ...form, title: 'Talk', date: '' })).toBeNull();
    expect(checkOpportunityForm({ ...form, title: 'Talk' })).toBeNull();
  });

  it('leaves empty fields out of a new opportunity and trims what is typed', () => {
    const form = { ...emptyOpportunityForm(''), title: '  Talk at the guild ', kind: 'speaking' as const, company: '  ', notes: '\n' };
    expect(opportunityFields(form)).toEqual({ title: 'Talk at the guild', kind: 'speaking' });
    const full = {
      ...form,
      date: '2025-09-12',
      through: id('lena'),
      company: ' Career Practitioners Network ',
      community: 'c-careerpros' as CommunityId,
      notes: 'Lena suggested me.',
    };
    expect(opportunityFields(full)).toEqual({
      title: 'Talk at the guild',
      kind: 'speaking',
      date: '2025-09-12',
      through: id('lena'),
      company: 'Career Practitioners Network',
      community: 'c-careerpros',
      notes: 'Lena suggested me.',
    });
  });

  it('patches only what changed, null clearing a field, and nothing when nothing changed', () => {
    const form = formFromOpportunity(stored);
    expect(opportunityPatch(stored, form)).toBeNull();
    expect(opportunityPatch(stored, { ...form, title: ' Design sprint ' })).toBeNull();
    expect(opportunityPatch(stored, { ...form, title: 'Design sprint, phase 2', company: '' })).toEqual({
      title: 'Design sprint, phase 2',
      company: null,
    });
    expect(opportunityPatch(stored, { ...form, through: null, date: '', notes: 'Came after a climb.' })).toEqual({
      through: null,
      date: null,
      notes: 'Came after a climb.',
    });
    expect(opportunityPatch(stored, { ...form, kind: 'client', community: 'c-climbing' as CommunityId })).toEqual({
      kind: 'client',
      community: 'c-climbing',
    });
  });
});

describe('hasTypedText', () => {
  it('is true once the title, company or notes differ from what the form opened with, not for picks or spaces', () => {
    const empty = emptyOpportunityForm('2025-01-05');
    expect(hasTypedText(empty, empty)).toBe(false);
    expect(hasTypedText(empty, { ...empty, title: '   ' })).toBe(false);
    expect(hasTypedText(empty, { ...empty, kind: 'speaking', through: id('tom'), date: '2025-01-04' })).toBe(false);
    expect(hasTypedText(empty, { ...empty, title: 'Keynote' })).toBe(true);
    expect(hasTypedText(empty, { ...empty, company: 'Acme' })).toBe(true);
    expect(hasTypedText(empty, { ...empty, notes: ' ' })).toBe(true);
    const opened = formFromOpportunity(stored);
    expect(hasTypedText(opened, { ...opened, title: ' Design sprint ' })).toBe(false);
    expect(hasTypedText(opened, { ...opened, company: '' })).toBe(true);
  });
});

describe('throughSummary', () => {
  it('describes my own tie to whoever brought it, with its activity and introducer', () => {
    expect(throughSummary(file, id('tom'))).toEqual({ kind: 'direct', origin: 'living', activity: 'sharing-passion' });
    expect(throughSummary(file, id('kate'))).toEqual({ kind: 'direct', origin: 'doing', activity: 'cold-outreach' });
    expect(throughSummary(file, id('noah'))).toEqual({ kind: 'direct', origin: 'unknown' });
    expect(throughSummary(file, id('ana'))).toEqual({
      kind: 'direct',
      origin: 'living',
      activity: 'connecting-others',
      introducedBy: 'Mei Chen',
    });
  });

  it('says when there is no direct tie, and when I brought it myself', () => {
    expect(throughSummary(file, id('omar'))).toEqual({ kind: 'indirect' });
    expect(throughSummary(file, ME)).toEqual({ kind: 'me' });
  });
});

describe('companySuggestions', () => {
  const people: Person[] = [
    { id: 'a' as PersonId, name: 'A', company: 'Helix Health' },
    { id: 'b' as PersonId, name: 'B', company: 'helix health ' },
    { id: 'c' as PersonId, name: 'C', company: 'Acme Corp' },
    { id: 'd' as PersonId, name: 'D', company: 'Zeta' },
    { id: 'e' as PersonId, name: 'E', company: 'Zeta' },
    { id: 'f' as PersonId, name: 'F', company: 'Zeta' },
    { id: 'g' as PersonId, name: 'G' },
    { id: 'h' as PersonId, name: 'H', company: '  ' },
  ];

  it('offers the most common companies first, each once, whatever the case', () => {
    expect(companySuggestions(people, null, 10)).toEqual(['Zeta', 'Helix Health', 'Acme Corp']);
    expect(companySuggestions(people, null, 2)).toEqual(['Zeta', 'Helix Health']);
  });

  it('puts the company of whoever brought it first', () => {
    expect(companySuggestions(people, 'c' as PersonId, 10)).toEqual(['Acme Corp', 'Zeta', 'Helix Health']);
    expect(companySuggestions(people, 'b' as PersonId, 10)).toEqual(['helix health', 'Zeta', 'Acme Corp']);
    expect(companySuggestions(people, 'g' as PersonId, 10)).toEqual(['Zeta', 'Helix Health', 'Acme Corp']);
  });
});
