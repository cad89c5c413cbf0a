import { describe, expect, it } from 'vitest';
import { baseName, formatList, initials, parseList, sameList } from '../../../../renderer/src/store/lists';
import { needsRelayout } from '../../../../renderer/src/store/networkIndex';
import { network } from '../fixtures';

describe('comma-separated lists', () => {
  it('trims, drops empties and repeats (any case), keeps order', () => {
    expect(parseList(' design,  research ,,Design, a  b ')).toEqual(['design', 'research', 'a b']);
    expect(parseList('')).toEqual([]);
  });

  it('round-trips through formatList', () => {
    expect(parseList(formatList(['x', 'y z']))).toEqual(['x', 'y z']);
    expect(formatList(undefined)).toBe('');
    expect(sameList(['a'], ['a'])).toBe(true);
    expect(sameList(['a'], ['a', 'b'])).toBe(false);
  });

  it('makes initials and base names', () => {
    expect(initials('Ada Example')).toBe('AE');
    expect(initials('  zoë  ')).toBe('Z');
    expect(initials('Jean Paul Sartre')).toBe('JS');
    expect(baseName('/home/u/.config/Kith/kith.json')).toBe('kith.json');
    expect(baseName('C:\\Users\\u\\kith.json')).toBe('kith.json');
  });
});

describe('needsRelayout', () => {
  const one = network([], []);
  const small = network(['a', 'b'], [['1', 'a', 'me', 'living']]);
  it('lays out on first load, after an import, a reload or a restore, and when the example arrives', () => {
    expect(needsRelayout(null, small, undefined)).toBe(true);
    expect(needsRelayout(small, small, 'import')).toBe(true);
    expect(needsRelayout(small, small, 'reload')).toBe(true);
    expect(needsRelayout(small, small, 'restore')).toBe(true);
    expect(needsRelayout(one, small, 'edit')).toBe(true);
  });

  it('keeps positions for ordinary edits, undo and redo', () => {
    const plusOne = network(['a', 'b', 'c'], [['1', 'a', 'me', 'living']]);
    expect(needsRelayout(small, plusOne, 'edit')).toBe(false);
    expect(needsRelayout(plusOne, small, 'undo')).toBe(false);
  });
});
