import { describe, expect, it } from 'vitest';
import { buildGraphIndex, opportunityProvenance } from '../../../shared/graph/index.js';
import { network, TODAY } from './network.js';

describe('opportunity provenance', () => {
  const doc = network({
    people: {
      mei: { name: 'Mei Chen' },
      ana: { name: 'Ana Costa' },
      tom: { name: 'Tom Okafor' },
      kate: { name: 'Kate Byrne' },
      ravi: { name: 'Ravi Patel' },
    },
    ties: [
      ['me', 'mei', 'living', { activity: 'curiosity-conversation', strength: 4 }],
      // Mei introduced me to Ana.
      ['me', 'ana', 'living', { activity: 'connecting-others', introducedBy: 'mei' as never }],
      ['me', 'tom', 'living', { activity: 'sharing-passion', strength: 4 }],
      ['me', 'kate', 'doing', { activity: 'cold-outreach' }],
      ['tom', 'ravi', 'doing', { activity: 'job-search-meeting' }],
    ],
    opportunities: [
      { id: 'o1', title: 'Data project', through: 'ana', date: '2025-01-10' },
      { id: 'o2', title: 'Interview at Acme', through: 'kate', date: '2025-02-10' },
      { id: 'o3', title: 'Design sprint', through: 'tom', date: '2025-03-10' },
      { id: 'o4', title: 'CTO chat', through: 'ravi', date: '2025-04-10' },
      { id: 'o5', title: 'Found on a job board' },
    ],
  });
  const result = opportunityProvenance(buildGraphIndex(doc, TODAY));
  const byId = (id: string) => result.opportunities.find((o) => o.opportunity === id);

  it('follows introducedBy first: the chain starts at my tie to the introducer', () => {
    expect(byId('o1')).toMatchObject({
      method: 'introduced',
      mode: 'living',
      activity: 'curiosity-conversation',
      throughName: 'Ana Costa',
    });
    expect(byId('o1')?.hops.map((h) => h.to)).toEqual(['mei', 'ana']);
    expect(byId('o1')?.explanation).toBe('Mei Chen introduced you to Ana Costa, who brought it.');
    expect(byId('o1')?.hops[1]?.explanation).toMatch(/^Mei Chen introduced you to Ana — Living: connecting others/);
  });

  it('uses my direct tie, else the best path, else says it is untraced', () => {
    expect(byId('o2')).toMatchObject({ method: 'direct', mode: 'doing', activity: 'cold-outreach' });
    expect(byId('o3')).toMatchObject({ method: 'direct', mode: 'living', activity: 'sharing-passion' });
    expect(byId('o4')).toMatchObject({ method: 'path', mode: 'living', activity: 'sharing-passion' });
    expect(byId('o4')?.hops.map((h) => h.to)).toEqual(['tom', 'ravi']);
    expect(byId('o5')).toMatchObject({ method: 'none', mode: 'untraced', hops: [] });
  });

  it('summarises by mode and activity', () => {
    expect(result.summary).toMatchObject({ total: 5, living: 3, doing: 1, unknown: 0, untraced: 1 });
    expect(result.summary.byActivity[0]).toEqual({ activity: 'sharing-passion', count: 2 });
    expect(result.summary.sentence).toBe('3 of your 5 opportunities came through Living ties.');
    expect(result.summary.activitySentence).toBe('Most came through sharing your passion (2 of 5).');
  });

  it('speaks of the last few when there are many', () => {
    const many = network({
      people: { a: {}, b: {} },
      ties: [
        ['me', 'a', 'living'],
        ['me', 'b', 'doing'],
      ],
      opportunities: [
        { id: 'o1', title: 'Old', through: 'b', date: '2020-01-01' },
        { id: 'o2', title: 'Older', through: 'b', date: '2019-01-01' },
        { id: 'o3', title: 'New 1', through: 'a', date: '2025-01-01' },
        { id: 'o4', title: 'New 2', through: 'a', date: '2025-02-01' },
        { id: 'o5', title: 'New 3', through: 'a', date: '2025-03-01' },
        { id: 'o6', title: 'New 4', through: 'b', date: '2025-04-01' },
      ],
    });
    expect(opportunityProvenance(buildGraphIndex(many, TODAY)).summary.sentence).toBe(
      '3 of your last 5 opportunities came through Living ties.',
    );
  });

  it('names every activity on a draw, Living first', () => {
    const draw = network({
      people: { a: {}, b: {} },
      ties: [
        ['me', 'b', 'doing', { activity: 'cold-outreach' }],
        ['me', 'a', 'living', { activity: 'curiosity-conversation' }],
      ],
      opportunities: [
        { id: 'o1', title: 'One', through: 'b' },
        { id: 'o2', title: 'Two', through: 'a' },
      ],
    });
    const summary = opportunityProvenance(buildGraphIndex(draw, TODAY)).summary;
    expect(summary.byActivity.map((a) => a.activity)).toEqual(['curiosity-conversation', 'cold-outreach']);
    expect(summary.activitySentence).toBe('Curiosity conversation and cold call or message brought 1 each.');
  });
});
