import { describe, expect, it } from 'vitest';
import { styleStats } from '../../../shared/graph/index.js';
import { network, TODAY } from './network.js';

describe('your style', () => {
  const doc = network({
    people: { a: {}, b: {}, c: {}, d: {}, e: {} },
    ties: [
      ['me', 'a', 'living', { activity: 'sharing-passion', strength: 5, since: '2025-03-01' }],
      ['me', 'b', 'living', { activity: 'sharing-passion', strength: 4, since: '2018-01-01' }],
      ['me', 'c', 'doing', { activity: 'event', strength: 2, since: '2024-06-15' }],
      ['me', 'd', 'unknown', { since: '2024-06-14' }],
      ['me', 'e', 'living', { activity: 'curiosity-conversation', strength: 3 }],
      ['a', 'b', 'doing', { activity: 'recruiter', since: '2025-06-15' }],
      ['c', 'd', 'living', { since: '2025-06-16' }],
    ],
  });
  const stats = styleStats(doc, TODAY);

  it('balances all ties, my ties and ties formed in the last 12 months (relative to today)', () => {
    expect(stats.windowStart).toBe('2024-06-15');
    expect(stats.all).toEqual({ living: 4, doing: 2, unknown: 1, total: 7 });
    expect(stats.mine).toEqual({ living: 3, doing: 1, unknown: 1, total: 5 });
    // 2025-03-01, 2024-06-15 (first day in), 2025-06-15 (today); not 2024-06-14, nor tomorrow.
    expect(stats.recent).toEqual({ living: 1, doing: 2, unknown: 0, total: 3 });
    expect(stats.undated).toBe(1);
  });

  it('counts ties per activity, what is left to classify, and the strongest activity', () => {
    const count = (a: string) => stats.perActivity.find((x) => x.activity === a);
    expect(count('sharing-passion')).toMatchObject({ all: 2, mine: 2, origin: 'living' });
    expect(count('recruiter')).toMatchObject({ all: 1, mine: 0, origin: 'doing' });
    expect(stats.perActivity).toHaveLength(10);
    expect(stats.unknownLeft).toBe(1);
    expect(stats.withoutActivity).toBe(1);
    expect(stats.strongest).toMatchObject({ activity: 'sharing-passion', ties: 2, basis: 'mine' });
    expect(stats.style).toBe('living');
    expect(stats.headline).toBe(
      'You are mostly a Living networker (3 of your 4 classified ties). You are strongest at sharing your passion: start from there.',
    );
  });

  it('asks for classification when nothing is classified', () => {
    const raw = network({ people: { a: {} }, ties: [['me', 'a', 'unknown']] });
    const s = styleStats(raw, TODAY);
    expect(s.style).toBe('unclassified');
    expect(s.strongest).toBeUndefined();
    expect(s.headline).toMatch(/classify a few/);
  });
});
