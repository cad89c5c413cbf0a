import { describe, expect, it } from 'vitest';
import { buildGraphIndex, happenstanceReach } from '../../../shared/graph/index.js';
import { network, TODAY } from './network.js';

describe('happenstance reach', () => {
  it('counts whom I reach within 1, 2, 3 hops through Living ties alone vs Doing ties alone', () => {
    // Living: me-a-b-c-d (d at hop 4: out of reach). Doing: me-x-y-a (a at hop 3). Unknown: me-u (neither).
    const doc = network({
      people: { a: {}, b: {}, c: {}, d: {}, x: {}, y: {}, u: {} },
      ties: [
        ['me', 'a', 'living'],
        ['a', 'b', 'living'],
        ['b', 'c', 'living'],
        ['c', 'd', 'living'],
        ['me', 'x', 'doing'],
        ['x', 'y', 'doing'],
        ['y', 'a', 'doing'],
        ['me', 'u', 'unknown'],
      ],
    });
    const reach = happenstanceReach(buildGraphIndex(doc, TODAY), 3);
    expect(reach.living.within).toEqual([1, 2, 3]);
    expect(reach.living.byHop).toEqual([['a'], ['b'], ['c']]);
    expect(reach.doing.within).toEqual([1, 2, 3]);
    expect(reach.doing.byHop).toEqual([['x'], ['y'], ['a']]);
    expect(reach).toMatchObject({ total: 7, livingOnly: 2, doingOnly: 2, both: 1 });
    expect(happenstanceReach(buildGraphIndex(doc, TODAY), 1)).toMatchObject({
      living: { within: [1] },
      doing: { within: [1] },
      livingOnly: 1,
      doingOnly: 1,
    });
  });

  it('handles cycles and a network of only me', () => {
    const cycle = network({
      people: { a: {}, b: {} },
      ties: [
        ['me', 'a', 'living'],
        ['a', 'b', 'living'],
        ['b', 'me', 'living'],
      ],
    });
    expect(happenstanceReach(buildGraphIndex(cycle, TODAY)).living.within).toEqual([2, 2, 2]);
    const alone = network({ people: {}, ties: [] });
    expect(happenstanceReach(buildGraphIndex(alone, TODAY))).toMatchObject({
      total: 0,
      living: { within: [0, 0, 0] },
      doing: { within: [0, 0, 0] },
    });
  });
});
