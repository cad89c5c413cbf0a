import { describe, expect, it } from 'vitest';
import type { KithFile, PersonId, TieId } from '../../../../../shared/domain/model.js';
import { commandForKey, triageQueue } from '../../../../../renderer/src/features/import/triage.js';

const me = 'me' as PersonId;
const p = (id: string, name: string, position?: string) => ({ id: id as PersonId, name, ...(position ? { position } : {}) });

function network(): KithFile {
  return {
    schemaVersion: 1,
    meId: me,
    people: [p('me', 'Me'), p('a', 'Ada'), p('b', 'Bo', 'Technical Recruiter'), p('c', 'Cy'), p('d', 'Di'), p('e', 'Ed')],
    ties: [
      { id: 't_a' as TieId, a: 'a' as PersonId, b: me, origin: 'unknown', since: '2020-01-01' },
      { id: 't_b' as TieId, a: 'b' as PersonId, b: me, origin: 'unknown', since: '2019-01-01' },
      {
        id: 't_c' as TieId,
        a: 'c' as PersonId,
        b: me,
        origin: 'unknown',
        evidence: {
          messages: { sent: 5, received: 5 },
          suggested: { origin: 'living', confidence: 0.7, reasons: ['both ways'], activity: 'sharing-information' },
        },
      },
      { id: 't_d' as TieId, a: 'd' as PersonId, b: me, origin: 'living' },
      { id: 't_e' as TieId, a: 'e' as PersonId, b: 'a' as PersonId, origin: 'unknown' },
    ],
    communities: [],
    opportunities: [],
  };
}

describe('triage queue', () => {
  it('holds the unknown ties to me, confident suggestions first, then the most recent', () => {
    const queue = triageQueue(network());
    expect(queue.map((i) => i.person.name)).toEqual(['Cy', 'Bo', 'Ada']);
    expect(queue[0]?.suggestion).toMatchObject({ origin: 'living', activity: 'sharing-information' });
    // No evidence stored, but the position speaks: the suggestion is worked out when shown.
    expect(queue[1]?.suggestion).toMatchObject({ origin: 'doing', activity: 'recruiter' });
    expect(queue[2]?.suggestion).toBeUndefined();
  });
});

describe('triage keys', () => {
  it('L then 1–5 picks a Living activity; D then 1–5 a Doing technique', () => {
    expect(commandForKey('l', 'choose')).toEqual({ kind: 'mode', mode: 'living' });
    expect(commandForKey('L', 'choose')).toEqual({ kind: 'mode', mode: 'living' });
    expect(commandForKey('1', 'living')).toEqual({ kind: 'decide', origin: 'living', activity: 'curiosity-conversation' });
    expect(commandForKey('5', 'living')).toEqual({ kind: 'decide', origin: 'living', activity: 'connecting-others' });
    expect(commandForKey('d', 'choose')).toEqual({ kind: 'mode', mode: 'doing' });
    expect(commandForKey('1', 'doing')).toEqual({ kind: 'decide', origin: 'doing', activity: 'cold-outreach' });
    expect(commandForKey('5', 'doing')).toEqual({ kind: 'decide', origin: 'doing', activity: 'recruiter' });
    expect(commandForKey('l', 'living')).toEqual({ kind: 'decide', origin: 'living' });
    expect(commandForKey('Enter', 'doing')).toEqual({ kind: 'decide', origin: 'doing' });
    expect(commandForKey('6', 'living')).toBeUndefined();
  });

  it('Enter accepts, S and → skip, U and Backspace undo, Esc steps back then closes', () => {
    expect(commandForKey('Enter', 'choose')).toEqual({ kind: 'accept' });
    expect(commandForKey('s', 'choose')).toEqual({ kind: 'skip' });
    expect(commandForKey('ArrowRight', 'choose')).toEqual({ kind: 'skip' });
    expect(commandForKey('u', 'choose')).toEqual({ kind: 'undo' });
    expect(commandForKey('Backspace', 'living')).toEqual({ kind: 'undo' });
    expect(commandForKey('Escape', 'doing')).toEqual({ kind: 'mode', mode: 'choose' });
    expect(commandForKey('Escape', 'choose')).toEqual({ kind: 'close' });
    expect(commandForKey('1', 'choose')).toBeUndefined();
    expect(commandForKey('x', 'choose')).toBeUndefined();
  });
});
