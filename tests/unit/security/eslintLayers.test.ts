import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The `no-restricted-imports` reports, by line, for `code` linted as the renderer file `file`. */
async function importReports(file: string, code: string): Promise<Array<{ line: number; message: string }>> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  const fatal = result?.messages.filter((m) => m.fatal) ?? [];
  if (fatal.length) throw new Error(`the probe does not parse: ${fatal.map((m) => m.message).join('; ')}`);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => ({ line: m.line, message: m.message }));
}

/** A probe file that imports each of `from` (a value import, and a type import on the next line). */
function probe(from: readonly string[]): string {
  return from
    .map((f, i) => `import { v${i} } from '${f}';\nimport type { T${i} } from '${f}';\nexport const x${i}: T${i} = v${i};`)
    .join('\n');
}

const WRONG_WAY: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    'renderer/src/store/Probe.ts',
    ['../graph/scene', '../components/ViewBar', '../features/insights/registry', '../keyboard/actions', '../App'],
  ],
  ['renderer/src/store/deeper/Probe.ts', ['../../graph/scene', '../../components/ViewBar']],
  ['renderer/src/graph/Probe.ts', ['../components/ViewBar', '../features/insights/registry', '../keyboard/actions', '../lazyPanels']],
  ['renderer/src/graph/draw/Probe.ts', ['../../components/ViewBar', '../../keyboard/platform']],
  ['renderer/src/api/Probe.ts', ['../store/appStore', '../graph/scene']],
  ['renderer/src/keyboard/Probe.ts', ['../components/ViewBar', '../features/insights/registry']],
];

const RIGHT_WAY: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['renderer/src/store/Probe.ts', ['../api/client', './viewStore', '../../../shared/graph/cost', '../../../shared/ui/actions']],
  ['renderer/src/graph/Probe.ts', ['../store/appStore', '../api/bridge', './scene', '../../../shared/graph/cost']],
  ['renderer/src/graph/draw/Probe.ts', ['../../store/viewStore', '../scene', './positions']],
  ['renderer/src/keyboard/Probe.ts', ['../store/appStore', '../graph/storeScene']],
  ['renderer/src/components/Probe.tsx', ['../graph/scene', '../store/appStore', '../keyboard/platform', '../features/insights/registry']],
];

describe('ESLint keeps the layers inside the renderer: api, store, graph, keyboard, then the views', () => {
  it.each(WRONG_WAY)('reports every import of a layer above from %s, types included', async (file, from) => {
    const reports = await importReports(file, probe(from));
    const lines = reports.map((r) => r.line);
    from.forEach((f, i) => {
      expect(lines, `${file} importing ${f}`).toContain(i * 3 + 1);
      expect(lines, `${file} importing a type from ${f}`).toContain(i * 3 + 2);
    });
    expect(
      reports.every((r) => /must not import|imports only shared|import the app shell/.test(r.message)),
      reports.map((r) => r.message).join('\n'),
    ).toBe(true);
  });

  it.each(RIGHT_WAY)('lets %s import the layers below it and shared/', async (file, from) => {
    expect(await importReports(file, probe(from))).toEqual([]);
  });

  it('still keeps Node and Electron out of every layer', async () => {
    for (const file of ['renderer/src/store/Probe.ts', 'renderer/src/graph/Probe.ts', 'renderer/src/api/Probe.ts']) {
      const reports = await importReports(file, probe(['node:fs', 'electron']));
      expect(
        reports.map((r) => r.line).sort((a, b) => a - b),
        file,
      ).toEqual([1, 2, 4, 5]);
    }
  });
});
