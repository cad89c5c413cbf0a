import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';
import { parseKithFile, serializeKithFile } from '../../../shared/data/fileFormat.js';
import { newNetwork } from '../../../electron/backend/backend.js';
import { useTempDirs } from '../support/tempDir.js';

const tempDir = useTempDirs();
const EXAMPLE_TEXT = serializeKithFile(newNetwork('Robin', true));

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

describe('kith CLI', () => {
  it('init creates a file, and refuses to overwrite one', async () => {
    const path = join(await tempDir(), 'sub', 'kith.json');
    const first = await cli('init', '--data', path, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ people: 1, ties: 0 });
    const bytes = await readFile(path);
    const again = await cli('init', '--example', '--data', path);
    expect(again.code).not.toBe(0);
    expect(again.err).toMatch(/already exists/);
    expect(await readFile(path)).toEqual(bytes);
  });

  it('init over a lost file whose backups remain creates nothing and says why', async () => {
    const dir = await tempDir();
    const path = join(dir, 'kith.json');
    const backups = join(dir, 'kith.backups');
    await mkdir(backups);
    await writeFile(join(backups, 'kith-2026-11-20T10-00-00-000Z.json'), EXAMPLE_TEXT);
    const { code, err, out } = await cli('init', '--data', path);
    expect(code).not.toBe(0);
    expect(out).toBe('');
    expect(err).toMatch(/Nothing was created/);
    expect(err).toContain(backups);
    expect(existsSync(path)).toBe(false);
    expect(await readdir(backups)).toEqual(['kith-2026-11-20T10-00-00-000Z.json']);
  });

  it('stats --json prints the documented shape', async () => {
    const path = await exampleFile();
    const { code, out } = await cli('stats', '--data', path, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ people: 13, ties: 16, origins: { living: 9, doing: 6, unknown: 1 } });
  });

  it('add-person and add-tie edit the file; me names the owner', async () => {
    const path = await exampleFile();
    const added = await cli(
      'add-person',
      '--data',
      path,
      '--name',
      'Ada Example',
      '--company',
      'Analytical Engines',
      '--tags',
      'math, pioneer',
      '--interests',
      'poetry',
      '--needs',
      'funding',
      '--offers',
      'algorithms',
    );
    expect(added.code, added.err).toBe(0);
    const tie = await cli(
      'add-tie',
      '--data',
      path,
      '--a',
      'me',
      '--b',
      'Ada Example',
      '--origin',
      'living',
      '--activity',
      'curiosity-conversation',
      '--strength',
      '4',
      '--since',
      '2026-01-05',
      '--json',
    );
    expect(tie.code, tie.err).toBe(0);
    const doc = parseKithFile(await readFile(path, 'utf8'), path);
    const ada = doc.people.find((p) => p.name === 'Ada Example');
    expect(ada).toMatchObject({
      company: 'Analytical Engines',
      tags: ['math', 'pioneer'],
      interests: ['poetry'],
      needs: ['funding'],
      offers: ['algorithms'],
    });
    const t = doc.ties.find((x) => x.a === ada?.id || x.b === ada?.id);
    expect(t).toMatchObject({ origin: 'living', activity: 'curiosity-conversation', strength: 4, since: '2026-01-05' });
    expect(JSON.parse((await cli('stats', '--data', path, '--json')).out).origins.living).toBe(10);
  });

  it.each([
    [['add-tie', '--a', 'me', '--b', 'Nobody Here', '--origin', 'living'], /nobody is called "Nobody Here"/],
    [['add-tie', '--a', 'me', '--b', 'Priya Raman', '--origin', 'sideways'], /origin/],
    [['add-tie', '--a', 'me', '--b', 'Priya Raman', '--origin', 'living'], /already connected/],
    [['add-tie', '--a', 'Tom Okafor', '--b', 'Zoë Laurent', '--origin', 'doing', '--strength', '9'], /strength/],
    [
      ['add-tie', '--a', 'Tom Okafor', '--b', 'Kate Byrne', '--origin', 'living', '--since', '2026-02-30'],
      /since.*calendar date|calendar date/,
    ],
    [['add-person', '--name', ''], /--name/],
    [['add-person', '--name', 'X', '--bogus', '1'], /Unknown option/],
    [['export', '--format', 'pdf'], /--format must be one of/],
    [['frobnicate'], /unknown command/],
  ])('%j fails with a clear message and leaves the file byte-identical', async (args, pattern) => {
    const path = await exampleFile();
    const before = await readFile(path);
    const [command, ...rest] = args as string[];
    const { code, err } = await cli(command as string, ...rest, '--data', path);
    expect(code).not.toBe(0);
    expect(err).toMatch(pattern);
    expect(await readFile(path)).toEqual(before);
  });

  it('an ambiguous name is an error', async () => {
    const path = await exampleFile();
    await cli('add-person', '--data', path, '--name', 'Priya Raman');
    const before = await readFile(path);
    const r = await cli('add-tie', '--data', path, '--a', 'Priya Raman', '--b', 'Tom Okafor', '--origin', 'living');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/2 people are called "Priya Raman"/);
    expect(await readFile(path)).toEqual(before);
  });

  it('a missing or corrupt data file is a clear error and is left alone', async () => {
    const dir = await tempDir();
    const missing = await cli('stats', '--data', join(dir, 'none.json'));
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/No data file/);
    expect(existsSync(join(dir, 'none.json'))).toBe(false);
    const corrupt = join(dir, 'bad.json');
    await writeFile(corrupt, '{"schemaVersion":1,"meId":');
    for (const args of [['stats'], ['add-person', '--name', 'X']]) {
      const r = await cli(args[0] as string, ...args.slice(1), '--data', corrupt);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(/not valid JSON/);
    }
    expect(await readFile(corrupt, 'utf8')).toBe('{"schemaVersion":1,"meId":');
  });

  it('exports json, csv and graphml', async () => {
    const path = await exampleFile();
    const json = await cli('export', '--data', path, '--format', 'json');
    expect(JSON.parse(json.out).people).toHaveLength(13);
    const csv = await cli('export', '--data', path, '--format', 'csv');
    expect(csv.out.split('\r\n')[0]).toContain('"name","company"');
    const graphml = await cli('export', '--data', path, '--format', 'graphml');
    expect(graphml.out).toContain('<graphml');
    const out = join(await tempDir(), 'net.graphml');
    expect((await cli('export', '--data', path, '--format', 'graphml', '--out', out)).code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(graphml.out);
  });
});
