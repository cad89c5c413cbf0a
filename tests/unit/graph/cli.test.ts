import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';
import { useTempDirs } from '../support/tempDir.js';

const tempDir = useTempDirs();

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

async function exampleFile(): Promise<string> {
  const path = join(await tempDir(), 'kith.json');
  expect((await cli('init', '--example', '--owner', 'Robin', '--data', path)).code).toBe(0);
  return path;
}

describe('kith paths and intros', () => {
  it('paths --json prints the documented shape, cheapest first', async () => {
    const path = await exampleFile();
    const { code, out, err } = await cli('paths', '--data', path, '--to', 'Acme Corp', '--k', '3', '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { paths: Array<{ hops: Array<Record<string, unknown>>; cost: number }> };
    expect(Object.keys(parsed)).toEqual(['paths']);
    expect(parsed.paths.length).toBeGreaterThan(0);
    for (const p of parsed.paths) {
      expect(Object.keys(p).sort()).toEqual(['cost', 'hops']);
      for (const h of p.hops) expect(Object.keys(h).sort()).toEqual(['activity', 'from', 'origin', 'to']);
    }
    expect(parsed.paths[0]?.hops[0]).toEqual({ from: 'Robin', to: 'Kate Byrne', origin: 'doing', activity: 'cold-outreach' });
    const costs = parsed.paths.map((p) => p.cost);
    expect([...costs].sort((a, b) => a - b)).toEqual(costs);
  });

  it('paths without --json explains each hop; --k limits', async () => {
    const path = await exampleFile();
    const { code, out } = await cli('paths', '--data', path, '--to', 'Northwind Labs', '--k', '1');
    expect(code).toBe(0);
    expect(out).toContain('Paths from you to Northwind Labs (company, 2 people):');
    expect(out).toContain('1. Living, 1 hop');
    expect(out).toContain('You met Priya at UX Guild — Living: professional community, close');
    expect(out).not.toContain('2. ');
  });

  it('a query that matches nothing is an error, not an empty success', async () => {
    const path = await exampleFile();
    const bytes = await readFile(path);
    const { code, out, err } = await cli('paths', '--data', path, '--to', 'Nobody Anywhere', '--json');
    expect(code).not.toBe(0);
    expect(out).toBe('');
    expect(err).toMatch(/Nothing in your network matches "Nobody Anywhere"/);
    expect(await readFile(path)).toEqual(bytes);
    expect((await cli('paths', '--data', path)).code).toBe(2);
    expect((await cli('paths', '--data', path, '--to', 'Tom', '--k', 'lots')).err).toMatch(/--k must be a whole number/);
  });

  it('intros --json prints the documented shape', async () => {
    const path = await exampleFile();
    const { code, out } = await cli('intros', '--data', path, '--limit', '2', '--json');
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { suggestions: Array<Record<string, unknown>> };
    expect(parsed.suggestions).toHaveLength(2);
    expect(Object.keys(parsed.suggestions[0] ?? {}).sort()).toEqual(['a', 'b', 'reasons', 'score']);
    expect(parsed.suggestions[0]).toMatchObject({ a: 'Tom Okafor', b: 'Mei Chen' });
    const text = await cli('intros', '--data', path, '--limit', '1');
    expect(text.out).toMatch(/^1\. Tom Okafor ↔ Mei Chen \(score [\d.]+\)\n {3}- Tom is looking for UX researcher/);
  });
});
