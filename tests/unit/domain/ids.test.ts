import { describe, expect, it } from 'vitest';
import { createIdGenerator, ID_RANDOM_CHARS, idsTakenIn, randomToken, type RandomFill } from '../../../shared/domain/ids.js';
import { emptyKithFile } from '../../../shared/data/fileFormat.js';
import type { KithFile, PersonId, TieId } from '../../../shared/domain/model.js';

/** A random source that hands out `values` in turn, one per id (every byte of an id's block set to the value). */
function scripted(values: readonly number[]): RandomFill {
  let i = 0;
  return (bytes) => {
    bytes.fill(values[Math.min(i, values.length - 1)] as number);
    i += 1;
  };
}

const idOf = (prefix: string, byte: number) => `${prefix}_${'0123456789abcdefghjkmnpqrstvwxyz'[byte & 31]?.repeat(ID_RANDOM_CHARS)}`;

describe('the one id generator', () => {
  it('makes `<prefix>_` and 20 base-32 characters: 100 bits of randomness', () => {
    const newId = createIdGenerator();
    const ids = Array.from({ length: 20_000 }, () => newId('p'));
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^p_[0-9a-hjkmnp-tv-z]{20}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Every character of the alphabet turns up in every position: the draw is not biased to a part of it.
    const firsts = new Set(ids.map((id) => id[2]));
    expect(firsts.size).toBe(32);
  });

  it('draws again when the random source repeats an id it already gave', () => {
    const newId = createIdGenerator({ random: scripted([3, 3, 4]) });
    expect(newId('p')).toBe(idOf('p', 3));
    expect(newId('p')).toBe(idOf('p', 4));
  });

  it('draws again when the document already holds the id, and checks the list the prefix names', () => {
    const doc: KithFile = {
      ...emptyKithFile('Me', () => idOf('p', 1)),
      ties: [{ id: idOf('t', 2) as TieId, a: idOf('p', 1) as PersonId, b: idOf('p', 1) as PersonId, origin: 'unknown' }],
    };
    const newId = createIdGenerator({ random: scripted([1, 2, 2, 5]), isTaken: idsTakenIn(doc) });
    // p_111… is me: redrawn to p_222…, which only a tie has.
    expect(newId('p')).toBe(idOf('p', 2));
    // t_222… is the tie: redrawn.
    expect(newId('t')).toBe(idOf('t', 5));
  });

  it('refuses, naming the cause, when the random source never changes (instead of looping or reusing an id)', () => {
    const newId = createIdGenerator({ random: scripted([7]) });
    newId('p');
    expect(() => newId('p')).toThrow(/already in use; it is not random/);
  });

  it('idsTakenIn checks an unknown prefix against every list', () => {
    const doc = emptyKithFile('Me', () => 'me_x');
    const taken = idsTakenIn(doc);
    expect(taken('me_x')).toBe(true);
    expect(taken('p_x')).toBe(false);
  });

  it('randomToken: 20 base-32 characters', () => {
    expect(randomToken()).toMatch(/^[0-9a-hjkmnp-tv-z]{20}$/);
    expect(randomToken()).not.toBe(randomToken());
  });
});
