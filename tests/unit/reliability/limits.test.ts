import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend.js';
import { runCli } from '../../../electron/cli/main.js';
import { DataStore } from '../../../electron/backend/store/dataStore.js';
import { MAX_DATA_FILE_BYTES, serializeKithFile } from '../../../shared/data/fileFormat.js';
import { MAX_EXPORT_BYTES, MAX_FILE_BYTES, MAX_IMPORT_ROWS } from '../../../shared/import/limits.js';
import { connectionsCsv, makeContacts } from '../../fixtures/generate-linkedin.js';
import { sampleDoc } from '../../fixtures/store-helpers.js';
import { writeConnectionsCsv, zipOfRows } from '../../stress/memory.js';
import { useTempDirs } from '../support/tempDir.js';

const tempDir = useTempDirs();
const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close().catch(() => undefined)));
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

async function newDataFile(): Promise<string> {
  const path = join(await tempDir(), 'kith.json');
  expect((await cli('init', '--data', path)).code).toBe(0);
  return path;
}

describe('import limits, checked before anything is written', () => {
  it(`a Connections.csv of more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows is refused with the limit named, by the CLI and the backend; the data file stays byte-identical`, async () => {
    const data = await newDataFile();
    const before = await readFile(data);
    const csv = join(await tempDir(), 'Connections.csv');
    await writeConnectionsCsv(csv, 150_000);
    const run = await cli('import', csv, '--data', data);
    expect(run.code).not.toBe(0);
    expect(run.err).toContain('Connections.csv has 150,000 rows; Kith imports up to 100,000 connections at once');
    expect((await readFile(data)).equals(before)).toBe(true);
    const backend = await createBackend({ dataPath: data, saveDebounceMs: 0, watch: false });
    open.push(backend);
    const preview = await backend.call('import:preview', { source: { kind: 'path', path: csv } });
    expect(preview).toMatchObject({
      ok: false,
      error: { code: 'rejected', message: expect.stringContaining('up to 100,000 connections') },
    });
    await backend.close();
    expect((await readFile(data)).equals(before)).toBe(true);
  }, 60_000);

  it(`two 160 MB ZIP entries are refused from the ZIP's directory (over ${MAX_FILE_BYTES / 2 ** 20} MB a file), and two of 70 MB by their total (over ${MAX_EXPORT_BYTES / 2 ** 20} MB)`, async () => {
    const data = await newDataFile();
    const before = await readFile(data);
    const dir = await tempDir();
    const cases = [
      { entries: [160, 160], message: /messages\.csv in big\.zip unpacks to 160 MB; Kith reads at most 100 MB per file/ },
      { entries: [70, 70], message: /big\.zip unpacks to 141 MB; Kith reads at most 120 MB/ },
    ];
    for (const c of cases) {
      const zip = join(dir, 'big.zip');
      await writeFile(
        zip,
        zipOfRows([
          { name: 'Connections.csv', mb: 1 },
          { name: 'messages.csv', mb: c.entries[0] as number },
          { name: 'Invitations.csv', mb: c.entries[1] as number },
        ]),
      );
      const run = await cli('import', zip, '--data', data);
      expect(run.code).not.toBe(0);
      expect(run.err).toMatch(c.message);
      expect((await readFile(data)).equals(before)).toBe(true);
    }
  }, 120_000);

  it('an import that would make the data file larger than Kith reads back is refused at the preview, naming both sizes', async () => {
    const dir = await tempDir();
    const data = join(dir, 'kith.json');
    const backend = await createBackend({ dataPath: data, saveDebounceMs: 0, watch: false, maxDataFileBytes: 200_000 });
    open.push(backend);
    const before = await readFile(data);
    const csv = connectionsCsv(makeContacts(2_000, 4), 'current');
    const preview = await backend.call('import:preview', {
      source: { kind: 'upload', name: 'Connections.csv', dataBase64: Buffer.from(csv).toString('base64') },
    });
    expect(preview).toMatchObject({
      ok: false,
      error: {
        code: 'rejected',
        message: expect.stringMatching(/would make the data file about \d+(\.\d)? (KB|MB); Kith keeps data files under 195 KB/),
      },
    });
    expect((await readFile(data)).equals(before)).toBe(true);
    // A smaller one fits.
    const small = connectionsCsv(makeContacts(20, 4), 'current');
    const ok = await backend.call('import:preview', {
      source: { kind: 'upload', name: 'Connections.csv', dataBase64: Buffer.from(small).toString('base64') },
    });
    expect(ok.ok).toBe(true);
  });
});

describe('the data file: never written larger than the loader reads', () => {
  it('a save that would be larger is refused (save-failed, naming both sizes); the file on disk is unchanged and the edits are kept', async () => {
    const path = join(await tempDir(), 'kith.json');
    const store = await DataStore.open({
      path,
      createIfMissing: () => sampleDoc(2),
      watch: false,
      saveDebounceMs: 0,
      maxFileBytes: 20_000,
    });
    open.push(store);
    const before = await readFile(path);
    const big = sampleDoc(400);
    store.replace(big);
    await expect(store.flush()).rejects.toMatchObject({
      code: 'io',
      message: expect.stringMatching(/would take \d+ KB on disk, more than the 20 KB Kith reads back/),
    });
    expect(store.problem).toMatchObject({ kind: 'save-failed' });
    expect(store.doc).toBe(big);
    expect((await readFile(path)).equals(before)).toBe(true);
  });

  it('a file larger than the loader reads is refused from its size, with the limit named, by the app, the CLI and the server alike', async () => {
    const dir = await tempDir();
    const path = join(dir, 'kith.json');
    await writeFile(path, serializeKithFile(sampleDoc(1)));
    // As big as the file the 750,000-row import once wrote (sparse: it is the size that is refused).
    await truncate(path, 588 * 1024 * 1024);
    const stats = await cli('stats', '--data', path, '--json');
    expect(stats.code).not.toBe(0);
    expect(stats.err).toContain(`is 588 MB; Kith reads data files up to ${MAX_DATA_FILE_BYTES / 2 ** 20} MB`);
    const backend: Backend = await createBackend({ dataPath: path, saveDebounceMs: 0, watch: false });
    open.push(backend);
    expect(backend.session().store.problem).toMatchObject({
      kind: 'corrupt',
      message: expect.stringContaining('is 588 MB; Kith reads data files up to 128 MB'),
    });
    const network = await backend.call('network:get', {});
    expect(network).toMatchObject({ ok: false, error: { code: 'file-corrupt' } });
  });
});
