import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Origin } from '../../../shared/domain/model.js';
import { pairKey } from '../../../shared/data/fileFormat.js';
import { buildGraphIndex, introductionDraft, suggestIntroductions } from '../../../shared/graph/index.js';
import { network, TODAY } from './network.js';

const pairs = (list: ReadonlyArray<{ a: string; b: string }>) => list.map((s) => [s.a, s.b].sort().join('+'));

function sample(introDecisions?: Array<{ a: string; b: string; snoozedUntil?: string }>) {
  return network({
    communities: { c1: 'Climbing club' },
    people: {
      tom: { name: 'Tom Okafor', company: 'Helix', interests: ['health tech'], needs: ['UX researcher'] },
      mei: { name: 'Mei Chen', company: 'Freelance', position: 'UX Researcher', interests: ['Health tech', 'accessibility'] },
      ana: { name: 'Ana Costa', company: 'Open Data', interests: ['accessibility'], needs: ['data design'] },
      zoe: { name: 'Zoë Laurent', company: 'Studio', offers: ['data design'], communities: ['c1'] },
      ravi: { name: 'Ravi Patel', company: 'Helix', interests: ['health tech'] },
      stranger: { name: 'Stranger', interests: ['health tech'], offers: ['UX researchers'] },
    },
    ties: [
      ['me', 'tom', 'living', { strength: 4, lastInteraction: '2025-06-01' }],
      ['me', 'mei', 'living', { strength: 4, lastInteraction: '2025-06-01' }],
      ['me', 'ana', 'living', { strength: 3, since: '2023-01-01' }],
      ['me', 'zoe', 'doing', { strength: 2, since: '2024-01-01' }],
      ['me', 'ravi', 'unknown'],
      ['tom', 'ravi', 'doing'],
      // Not tied to me: never part of a suggestion, even with a perfect match.
      ['stranger', 'ravi', 'living'],
    ],
    ...(introDecisions ? { introDecisions } : {}),
  });
}

describe('introduction suggestions', () => {
  it('ranks a need met by a position, in different circles, both warm, first — with reasons', () => {
    const [first, ...rest] = suggestIntroductions(buildGraphIndex(sample(), TODAY), 10);
    expect(first).toMatchObject({ a: 'tom', b: 'mei' });
    expect(first?.reasons).toEqual([
      'Tom is looking for UX researcher; Mei is a UX Researcher.',
      'Both are interested in health tech.',
      'Different circles (Helix and Freelance): no community or contact in common besides you.',
      'Both are warm to you: Tom (strong Living tie) and Mei (strong Living tie).',
    ]);
    expect(pairs(rest)).toContain('ana+zoe');
    const anaZoe = rest.find((s) => pairs([s])[0] === 'ana+zoe');
    expect(anaZoe?.reasons[0]).toBe('Ana is looking for data design; Zoë offers data design.');
  });

  it('never suggests a tied pair, me, or someone I do not know', () => {
    const suggestions = suggestIntroductions(buildGraphIndex(sample(), TODAY), 50);
    const keys = pairs(suggestions);
    expect(keys).not.toContain('ravi+tom');
    for (const s of suggestions) {
      expect([s.a, s.b]).not.toContain('me');
      expect([s.a, s.b]).not.toContain('stranger');
    }
  });

  it('leaves out dismissed pairs for good and snoozed pairs until their date', () => {
    const dismissed = suggestIntroductions(buildGraphIndex(sample([{ a: 'mei', b: 'tom' }]), TODAY), 50);
    expect(pairs(dismissed)).not.toContain('mei+tom');
    const snoozed = sample([{ a: 'tom', b: 'mei', snoozedUntil: '2025-07-15' }]);
    expect(pairs(suggestIntroductions(buildGraphIndex(snoozed, TODAY), 50))).not.toContain('mei+tom');
    expect(pairs(suggestIntroductions(buildGraphIndex(snoozed, '2025-07-14'), 50))).not.toContain('mei+tom');
    expect(pairs(suggestIntroductions(buildGraphIndex(snoozed, '2025-07-15'), 50))).toContain('mei+tom');
  });

  it('respects the limit and a stable order', () => {
    const index = buildGraphIndex(sample(), TODAY);
    const all = suggestIntroductions(index, 50);
    expect(suggestIntroductions(index, 2)).toEqual(all.slice(0, 2));
    for (let i = 1; i < all.length; i++) expect(all[i]?.score).toBeLessThanOrEqual(all[i - 1]?.score as number);
  });

  it('drafts a double opt-in message to each person', () => {
    const doc = sample();
    const person = (id: string) => doc.people.find((p) => p.id === id) as (typeof doc.people)[number];
    const draft = introductionDraft({ ...person('me'), name: 'Robin Hill' }, person('tom'), person('mei'));
    expect(draft.toA).toContain('Hi Tom,');
    expect(draft.toA).toContain('introduce you to Mei Chen (UX Researcher, Freelance)');
    expect(draft.toA).toContain('You mentioned you are looking for UX researcher, and Mei is a UX Researcher.');
    expect(draft.toB).toContain('Tom is looking for UX researcher, and I thought of you.');
    expect(draft.toB).toMatch(/Would you be happy for me to connect you\?/);
    expect(draft.toB.endsWith('Robin')).toBe(true);
    expect(draft.text).toContain('To Tom Okafor:');
    expect(draft.text).toContain('To Mei Chen:');
  });

  it('on random networks, never suggests tied, dismissed or unknown people', () => {
    const labels = ['a', 'b', 'c'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ interests: fc.subarray(labels), needs: fc.subarray(labels), offers: fc.subarray(labels), knowsMe: fc.boolean() }),
          { minLength: 2, maxLength: 9 },
        ),
        fc.array(fc.tuple(fc.nat(8), fc.nat(8)), { maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(8), fc.nat(8)), { maxLength: 4 }),
        (specs, extra, dismissals) => {
          const people: Record<string, object> = {};
          const ties: Array<[string, string, Origin]> = [];
          const seen = new Set<string>();
          const tie = (a: string, b: string) => {
            const key = pairKey(a, b);
            if (a !== b && !seen.has(key)) {
              seen.add(key);
              ties.push([a, b, 'living']);
            }
          };
          specs.forEach((s, i) => {
            people[`p${i}`] = { interests: s.interests, needs: s.needs, offers: s.offers };
            if (s.knowsMe) tie(`p${i}`, 'me');
          });
          for (const [x, y] of extra) tie(`p${x % specs.length}`, `p${y % specs.length}`);
          const decisions = dismissals
            .map(([x, y]) => ({ a: `p${x % specs.length}`, b: `p${y % specs.length}` }))
            .filter((d) => d.a !== d.b);
          const doc = network({ people, ties, introDecisions: decisions });
          const dismissed = new Set(decisions.map((d) => pairKey(d.a, d.b)));
          const contacts = new Set(ties.filter((t) => t[1] === 'me').map((t) => t[0]));
          for (const s of suggestIntroductions(buildGraphIndex(doc, TODAY), 100)) {
            expect(seen.has(pairKey(s.a, s.b))).toBe(false);
            expect(dismissed.has(pairKey(s.a, s.b))).toBe(false);
            expect(contacts.has(s.a) && contacts.has(s.b)).toBe(true);
            expect(s.reasons.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
