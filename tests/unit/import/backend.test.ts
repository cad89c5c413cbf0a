import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend.js';
import { runCli } from '../../../electron/cli/main.js';
import type { ImportPreview, ImportReport, ImportUndoResult } from '../../../shared/api/contract/import.js';
import { parseKithFile } from '../../../shared/data/fileFormat.js';
import type { ImportRecord, KithFile, Tie } from '../../../shared/domain/model.js';
import { linkedinFixtures, writeLinkedInFixtures } from '../../fixtures/generate-linkedin.js';
import { useTempDirs } from '../support/tempDir.js';

const tempDir = useTempDirs();
const open: Backend[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

let fixtureDir = '';
beforeAll(async () => {
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  fixtureDir = await mkdtemp(join(tmpdir(), 'kith-linkedin-'));
  await writeLinkedInFixtures(fixtureDir);
});

const COMPLETE = 'Complete_LinkedInDataExport_01-15-2026.zip';

async function newFile(): Promise<string> {
  const path = join(await tempDir(), 'kith.json');
  const code = await runCli(['init', '--data', path, '--owner', 'Robin'], { out: () => undefined, err: () => undefined });
  expect(code).toBe(0);
  return path;
}

async function backendAt(path: string, events: Array<[string, unknown]> = []): Promise<Backend> {
  const backend = await createBackend({ dataPath: path, saveDebounceMs: 0, watch: false });
  backend.onEvent((name, payload) => events.push([name, payload]));
  open.push(backend);
  return backend;
}

async function ok<T>(backend: Backend, name: string, input: unknown): Promise<T> {
  const result = await backend.call(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('import channels', () => {
  it('previews without writing, commits as one save and one undo step, with progress', async () => {
    const path = await newFile();
    const before = await readFile(path);
    const events: Array<[string, unknown]> = [];
    const backend = await backendAt(path, events);
    const preview = await ok<ImportPreview>(backend, 'import:preview', { source: { kind: 'path', path: join(fixtureDir, COMPLETE) } });
    expect(preview.report).toMatchObject({ era: 'current', added: 118, skipped: 2, hidden: 2 });
    await backend.session().store.flush();
    expect(await readFile(path)).toEqual(before);
    expect(events.some(([name]) => name === 'onImportPreview')).toBe(true);
    const phases = events.filter(([name]) => name === 'onImportProgress').map(([, p]) => (p as { phase: string }).phase);
    expect(phases).toEqual(expect.arrayContaining(['read', 'decode', 'parse', 'match']));

    const committed = await ok<{ record: ImportRecord; report: ImportReport }>(backend, 'import:commit', { previewId: preview.previewId });
    expect(committed.record).toMatchObject({ file: COMPLETE, era: 'current', added: 118, canUndo: true });
    const onDisk = parseKithFile(await readFile(path, 'utf8'), path);
    expect(onDisk.people).toHaveLength(119);
    expect(events.filter(([name, p]) => name === 'onNetworkChanged' && (p as { cause: string }).cause === 'import')).toHaveLength(1);
    expect(backend.session().history()).toMatchObject({ canUndo: true, undoLabel: `Import ${COMPLETE}` });

    const again = await backend.call('import:commit', { previewId: preview.previewId });
    expect(again).toMatchObject({ ok: false, error: { code: 'not-found' } });

    await ok(backend, 'history:undo', {});
    await backend.session().store.flush();
    expect(parseKithFile(await readFile(path, 'utf8'), path).people).toHaveLength(1);
  });

  it('takes uploads, lists imports and undoes one later as a whole', async () => {
    const path = await newFile();
    const backend = await backendAt(path);
    const dataBase64 = Buffer.from(linkedinFixtures()[COMPLETE] as Uint8Array).toString('base64');
    const preview = await ok<ImportPreview>(backend, 'import:preview', { source: { kind: 'upload', name: COMPLETE, dataBase64 } });
    const { record } = await ok<{ record: ImportRecord }>(backend, 'import:commit', { previewId: preview.previewId });
    const doc = (await ok<{ file: KithFile }>(backend, 'network:get', {})).file;
    const tie = doc.ties[0] as Tie;
    await ok(backend, 'tie:update', { id: tie.id, patch: { origin: 'living', activity: 'sharing-passion' } });
    const list = await ok<{ imports: Array<ImportRecord & { canUndo: boolean }> }>(backend, 'import:list', {});
    expect(list.imports).toEqual([expect.objectContaining({ id: record.id, canUndo: true })]);
    expect(list.imports[0]).not.toHaveProperty('changed');
    const undone = await ok<ImportUndoResult>(backend, 'import:undo', { importId: record.id });
    expect(undone).toMatchObject({
      removedPeople: 117,
      removedTies: 117,
      keptPeople: 1,
      keptTies: 1,
      record: { canUndo: false, undone: true },
    });
    const after = parseKithFile(await readFile(path, 'utf8'), path);
    expect(after.people).toHaveLength(2);
    expect(after.ties).toEqual([expect.objectContaining({ id: tie.id, origin: 'living' })]);
    expect(await backend.call('import:undo', { importId: record.id })).toMatchObject({ ok: false, error: { code: 'rejected' } });
  });

  it('plans again at commit when the network changed since the preview, and forgets cancelled previews', async () => {
    const path = await newFile();
    const backend = await backendAt(path);
    const source = { kind: 'path', path: join(fixtureDir, 'connections-current.csv') };
    const first = await ok<ImportPreview>(backend, 'import:preview', { source });
    const second = await ok<ImportPreview>(backend, 'import:preview', { source });
    expect(await ok(backend, 'import:cancel', { previewId: second.previewId })).toEqual({ cancelled: true });
    expect(await backend.call('import:commit', { previewId: second.previewId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // Someone already in the export is added by hand between preview and commit.
    await ok(backend, 'person:create', { name: 'Ada Baker', url: 'https://www.linkedin.com/in/ada-baker-rs' });
    const committed = await ok<{ report: ImportReport }>(backend, 'import:commit', { previewId: first.previewId });
    expect(committed.report).toMatchObject({ added: first.report.added - 1, updated: 1 });
    const doc = (await ok<{ file: KithFile }>(backend, 'network:get', {})).file;
    expect(doc.people.filter((p) => p.name === 'Ada Baker')).toHaveLength(1);
  });

  it('refuses what is not an export with a reason, leaving the file byte-identical', async () => {
    const path = await newFile();
    const backend = await backendAt(path);
    await ok(backend, 'person:create', { name: 'Ada' });
    await backend.session().store.flush();
    const before = await readFile(path);
    for (const [input, code, message] of [
      [{ kind: 'path', path: join(fixtureDir, 'bad/not-linkedin.csv') }, 'rejected', /not a LinkedIn Connections\.csv/],
      [{ kind: 'path', path: join(fixtureDir, 'bad/truncated.zip') }, 'rejected', /not a ZIP file Kith can read/],
      [{ kind: 'path', path: join(fixtureDir, 'nowhere.zip') }, 'not-found', /there is no file or folder there/],
      [{ kind: 'path', path: join(fixtureDir, 'bad') }, 'rejected', /holds no Connections\.csv/],
      [{ kind: 'upload', name: 'x.csv', dataBase64: '%%%' }, 'invalid-input', /not base64/],
    ] as const) {
      const result = await backend.call('import:preview', { source: input });
      expect(result).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } });
    }
    await backend.session().store.flush();
    expect(await readFile(path)).toEqual(before);
  });

  it('imports an unpacked export folder', async () => {
    const path = await newFile();
    const backend = await backendAt(path);
    const preview = await ok<ImportPreview>(backend, 'import:preview', {
      source: { kind: 'path', path: join(fixtureDir, 'Complete_LinkedInDataExport_01-15-2026') },
    });
    expect(preview.report.files.map((f) => f.kind).sort()).toEqual(['connections', 'invitations', 'messages', 'profile']);
    expect(preview.report.messages.people).toBe(3);
  });
});

describe('kith import (CLI)', () => {
  it('prints the documented JSON and is idempotent', async () => {
    const path = await newFile();
    const first = await cli('import', join(fixtureDir, COMPLETE), '--data', path, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual({ added: 118, updated: 0, unchanged: 0, skipped: 2, errors: [], people: 119 });
    expect(Object.keys(JSON.parse(first.out))).toEqual(['added', 'updated', 'unchanged', 'skipped', 'errors', 'people']);
    const second = await cli('import', join(fixtureDir, 'Complete_LinkedInDataExport_01-15-2026'), '--data', path, '--json');
    expect(JSON.parse(second.out)).toEqual({ added: 0, updated: 0, unchanged: 118, skipped: 2, errors: [], people: 119 });
  });

  it('--dry-run reports without writing', async () => {
    const path = await newFile();
    const before = await readFile(path);
    const result = await cli('import', join(fixtureDir, 'connections-2018.csv'), '--data', path, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /Would import connections-2018\.csv \(2018 layout\)[\s\S]*118 added[\s\S]*Nothing was written; the network would hold 119 people/,
    );
    expect(await readFile(path)).toEqual(before);
  });

  it('lists rejected rows with their lines', async () => {
    const path = await newFile();
    const csv = join(await tempDir(), 'Connections.csv');
    await writeFile(
      csv,
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Lee,,,Acme,,\n,,,,,,08 Jan 2024\nBo,Ek,https://www.linkedin.com/in/bo,,,,08 Jan 2024',
    );
    const result = await cli('import', csv, '--data', path, '--json');
    expect(JSON.parse(result.out)).toEqual({
      added: 1,
      updated: 0,
      unchanged: 0,
      skipped: 2,
      errors: [{ line: 2, message: expect.stringMatching(/nothing tells this person apart/) }],
      people: 2,
    });
  });

  it.each([
    ['bad/not-linkedin.csv', /not a LinkedIn Connections\.csv/],
    ['bad/empty.csv', /not a LinkedIn Connections\.csv/],
    ['bad/binary.csv', /binary data/],
    ['bad/truncated.zip', /not a ZIP file/],
    ['bad/invitations-only.csv', /Invitations\.csv, not Connections\.csv/],
    ['missing.zip', /Cannot read .*missing\.zip: there is no file or folder there/],
  ])('refuses %s: non-zero exit, reason on stderr, data file byte-identical', async (name, message) => {
    const path = await newFile();
    await cli('add-person', '--name', 'Ada', '--data', path);
    const before = await readFile(path);
    const result = await cli('import', join(fixtureDir, name), '--data', path, '--json');
    expect(result.code).not.toBe(0);
    expect(result.out).toBe('');
    expect(result.err).toMatch(message);
    expect(await readFile(path)).toEqual(before);
  });

  it('explains a missing PATH', async () => {
    const path = await newFile();
    const result = await cli('import', '--data', path);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/import needs the PATH/);
  });

  it('imports every era fixture', async () => {
    const dir = await tempDir();
    await mkdir(dir, { recursive: true });
    for (const name of [
      'connections-current.csv',
      'connections-2022.csv',
      'connections-2018.csv',
      'connections-resaved.csv',
      'connections-windows-1252.csv',
      'connections-utf16le.csv',
      'Basic_LinkedInDataExport_2022.zip',
    ]) {
      const path = join(dir, `${name}.kith.json`);
      await cli('init', '--data', path);
      const result = await cli('import', join(fixtureDir, name), '--data', path, '--json');
      expect(result.code, `${name}: ${result.err}`).toBe(0);
      const out = JSON.parse(result.out) as { added: number; errors: unknown[] };
      expect(out.errors).toEqual([]);
      expect(out.added).toBeGreaterThan(30);
    }
  });
});
