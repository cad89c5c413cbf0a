import { describe, expect, it } from 'vitest';
import { cyclesOf, importGraph } from '../../../scripts/circles';

describe('the import-cycle check', () => {
  it('finds cycles of any length and a file importing itself, and nothing in a tree', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c', 'd']],
      ['c', ['a']],
      ['d', []],
      ['e', ['e']],
      ['f', ['d']],
    ]);
    expect(cyclesOf(graph)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(
      cyclesOf(
        new Map([
          ['x', ['y']],
          ['y', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('reads static, type-only and dynamic imports', async () => {
    const graph = await importGraph(['renderer/src']);
    const of = (file: string) =>
      [...graph.entries()].find(([f]) => f.endsWith(file))?.[1].map((t) => t.replace(/.*renderer\/src\//, '')) ?? [];
    expect(of('features/insights/registry.ts')).toContain('features/insights/PathsView.tsx');
    expect(of('store/viewStore.ts')).toContain('store/graphCommands.ts');
  });

  it('finds none in the renderer', async () => {
    expect(cyclesOf(await importGraph(['renderer/src']))).toEqual([]);
  });
});
