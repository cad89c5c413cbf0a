import { readFileSync } from 'node:fs';
import { chmod, lstat, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../electron/backend/backend.js';
import { runCli } from '../../electron/cli/main.js';
import { DataStore } from '../../electron/backend/store/dataStore.js';
import { isOwnHost } from '../../electron/server/httpServer.js';
import type { ImportPreview } from '../../shared/api/contract/import.js';
import { parseKithFile, serializeKithFile } from '../../shared/data/fileFormat.js';
import type { RandomFill } from '../../shared/domain/ids.js';
import type { Person, PersonId } from '../../shared/domain/model.js';
import { csvSafe } from '../../shared/export/exportNetwork.js';
import { connectionsCsv, makeContacts } from '../fixtures/generate-linkedin.js';
import { rng } from '../fixtures/generate/network.js';
import { sampleDoc } from '../fixtures/store-helpers.js';

/*
 * The findings of issue 12 as figures for `npm run stress`: each case runs
 * the real backend (store, CLI, import) on files in a temp folder.
 */

async function inTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-hardening-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const quietIo = { out: () => undefined, err: () => undefined };

/** A data file reached through a symlink, saved `saves` times; then a CLI write through the link while the real file is open. */
export async function symlinkSaves(
  saves: number,
): Promise<{ saves: number; stillLink: number; realHoldsLast: boolean; cliRefused: boolean }> {
  return inTempDir(async (dir) => {
    await mkdir(join(dir, 'real'));
    const real = join(dir, 'real', 'kith.json');
    const link = join(dir, 'kith.json');
    await symlink(real, link);
    const store = await DataStore.open({ path: link, createIfMissing: () => sampleDoc(1), watch: false, saveDebounceMs: 0 });
    let stillLink = 0;
    try {
      for (let i = 1; i <= saves; i++) {
        const doc = store.doc;
        if (!doc) break;
        store.replace({ ...doc, people: [...doc.people, { id: `s${i}` as PersonId, name: `Save ${i}` }] });
        await store.flush();
        if ((await lstat(link)).isSymbolicLink()) stillLink += 1;
      }
      const realHoldsLast = parseKithFile(await readFile(real, 'utf8'), real).people.at(-1)?.name === `Save ${saves}`;
      const cliRefused = (await runCli(['add-person', '--name', 'Through the link', '--data', link], quietIo)) !== 0;
      return { saves, stillLink, realHoldsLast, cliRefused };
    } finally {
      await store.close();
    }
  });
}

/** The case: `rows` connections with an unclosed quote on data row 3, imported. */
export async function unclosedQuote(rows: number): Promise<{ rows: number; added: number; errors: number; named: boolean }> {
  return inTempDir(async (dir) => {
    const contacts = makeContacts(rows + 40, 5)
      .filter((c) => !c.hidden)
      .slice(0, rows);
    // No other quote in the file, so the unclosed one runs to its end, as in the issue.
    const lines = connectionsCsv(contacts, 'current')
      .split('\n')
      .map((l) => l.replace(/"([^"]*)"/g, (_m, inner: string) => inner.replace(/,/g, ' ')));
    const at = lines.findIndex((l) => l.startsWith('First Name')) + 3;
    lines[at] = (lines[at] as string).replace(/,([^,]*),([^,]*),([^,]*)$/, ',"$1,$2,$3');
    const report = await importText(dir, lines.join('\n'));
    const error = report.errors[0];
    return {
      rows,
      added: report.added,
      errors: report.errorCount,
      named: error?.line === at + 1 && error.message.includes(`swallowed lines ${at + 2}–${lines.length}`),
    };
  });
}

/** `rows` connections whose lines end in a random mix of CRLF, LF and CR. */
export async function mixedLineEndings(rows: number): Promise<{ rows: number; added: number; errors: number }> {
  return inTempDir(async (dir) => {
    const contacts = makeContacts(rows + 40, 8)
      .filter((c) => !c.hidden)
      .slice(0, rows);
    const random = rng(3);
    const text = connectionsCsv(contacts, 'current')
      .split('\n')
      .map((l, i) => (i === 0 ? l : `${['\r\n', '\n', '\r'][Math.floor(random() * 3)] as string}${l}`))
      .join('');
    const report = await importText(dir, text);
    return { rows, added: report.added, errors: report.errorCount };
  });
}

async function importText(
  dir: string,
  text: string,
): Promise<{ added: number; errorCount: number; errors: Array<{ line: number; message: string }> }> {
  const backend = await createBackend({
    dataPath: join(dir, `kith-${Math.random().toString(36).slice(2)}.json`),
    saveDebounceMs: 0,
    watch: false,
  });
  try {
    const preview = await backend.call('import:preview', {
      source: { kind: 'upload', name: 'Connections.csv', dataBase64: Buffer.from(text).toString('base64') },
    });
    if (!preview.ok) throw new Error(preview.error.message);
    return (preview.value as ImportPreview).report;
  } finally {
    await backend.close();
  }
}

/**
 * An import of `rows` contacts with a random source whose every block comes
 * four times in a row, so that each row's person id repeats the last row's:
 * how many contacts end up in the file, each under its own id.
 */
export async function idCollisions(rows: number): Promise<{ rows: number; added: number; people: number; distinct: number }> {
  return inTempDir(async (dir) => {
    let counter = 0;
    const repeating: RandomFill = (bytes) => {
      const value = counter >> 2;
      counter += 1;
      bytes.fill(0);
      for (let i = 0; i < 6 && i < bytes.length; i++) bytes[i] = (value >> (5 * i)) & 31;
    };
    const backend = await createBackend({ dataPath: join(dir, 'kith.json'), saveDebounceMs: 0, watch: false, random: repeating });
    try {
      const contacts = makeContacts(rows + 40, 12)
        .filter((c) => !c.hidden)
        .slice(0, rows);
      const preview = await backend.call('import:preview', {
        source: {
          kind: 'upload',
          name: 'Connections.csv',
          dataBase64: Buffer.from(connectionsCsv(contacts, 'current')).toString('base64'),
        },
      });
      if (!preview.ok) throw new Error(preview.error.message);
      const commit = await backend.call('import:commit', { previewId: (preview.value as ImportPreview).previewId });
      if (!commit.ok) throw new Error(commit.error.message);
      await backend.session().store.flush();
      const saved = parseKithFile(await readFile(join(dir, 'kith.json'), 'utf8'), 'kith.json');
      return {
        rows,
        added: (commit.value as { report: { added: number } }).report.added,
        people: saved.people.length - 1,
        distinct: new Set(saved.people.map((p) => p.id)).size - 1,
      };
    } finally {
      await backend.close();
    }
  });
}

/** A current-version file with fields this build does not know, at three levels: how many survive an edit and its save. */
export async function unknownFieldsKept(): Promise<{ planted: number; kept: number }> {
  return inTempDir(async (dir) => {
    const path = join(dir, 'kith.json');
    const raw = JSON.parse(serializeKithFile(sampleDoc(3))) as Record<string, unknown> & { people: Array<Record<string, unknown>> };
    raw['futureList'] = [{ id: 'f1' }];
    (raw.people[1] as Record<string, unknown>)['pronouns'] = 'they/them';
    raw['view'] = { layout: 'force', zoom: 2 };
    await writeFile(path, JSON.stringify(raw));
    const backend = await createBackend({ dataPath: path, saveDebounceMs: 0, watch: false });
    try {
      const id = raw.people[1]?.['id'];
      await backend.call('person:update', { id, patch: { company: 'Changed' } });
      await backend.session().store.flush();
    } finally {
      await backend.close();
    }
    const saved = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown> & { people: Array<Record<string, unknown>> };
    const kept = [
      JSON.stringify(saved['futureList']) === JSON.stringify(raw['futureList']),
      saved.people[1]?.['pronouns'] === 'they/them',
      (saved['view'] as Record<string, unknown> | undefined)?.['zoom'] === 2,
    ].filter(Boolean).length;
    return { planted: 3, kept };
  });
}

/** A data file marked read-only: opened, edits refused by name, the file unchanged. */
export async function readOnlyFile(): Promise<{ opened: boolean; refused: boolean; unchanged: boolean }> {
  return inTempDir(async (dir) => {
    const path = join(dir, 'kith.json');
    await writeFile(path, serializeKithFile(sampleDoc(3)));
    await chmod(path, 0o444);
    const before = await readFile(path);
    const backend = await createBackend({ dataPath: path, saveDebounceMs: 0, watch: false });
    try {
      const status = await backend.call('file:status', {});
      const opened = status.ok && (status.value as { readOnly?: unknown }).readOnly !== undefined;
      const edit = await backend.call('person:create', { name: 'Refused' });
      return { opened, refused: !edit.ok && edit.error.code === 'file-read-only', unchanged: (await readFile(path)).equals(before) };
    } finally {
      await backend.close();
      await chmod(path, 0o644);
    }
  });
}

/** Leading characters a spreadsheet may read a formula after: how many `csvSafe` neutralises. */
export function csvLeaders(): { leaders: number; neutralised: number } {
  const leaders = [
    '\n',
    '\r',
    '\t',
    ' ',
    '\u00a0',
    '\u3000',
    '\u200b',
    '\u200d',
    '\u2060',
    '\ufeff',
    '\uff1d',
    '\uff0b',
    '\uff0d',
    '\uff20',
    '=',
    '+',
    '-',
    '@',
  ];
  return { leaders: leaders.length, neutralised: leaders.filter((l) => csvSafe(`${l}SUM(1)`).startsWith("'")).length };
}

/** An edit every `everyMs` for `forMs`, with the app's default save timings: the longest time from an edit's ok to its save on disk. */
export async function saveCadence(forMs: number, everyMs: number): Promise<{ edits: number; longestMs: number; saves: number }> {
  return inTempDir(async (dir) => {
    const path = join(dir, 'kith.json');
    const backend = await createBackend({ dataPath: path, watch: false });
    try {
      const created = await backend.call('person:create', { name: 'Typist' });
      if (!created.ok) throw new Error(created.error.message);
      const id = (created.value as Person).id;
      const answered: number[] = [];
      const durable: number[] = [];
      let saves = 0;
      backend.session().store.on((event) => {
        if (event.kind !== 'saved') return;
        saves += 1;
        // A store listener must not await: the file is read as the save left it.
        const doc = parseKithFile(readFileSync(path, 'utf8'), path);
        const last = Number(/edit (\d+)/.exec(doc.people.find((p) => p.id === id)?.notes ?? '')?.[1] ?? -1);
        for (let i = durable.length; i <= last; i++) durable.push(Date.now());
      });
      const until = Date.now() + forMs;
      for (let i = 0; Date.now() < until; i++) {
        await backend.call('person:update', { id, patch: { notes: `edit ${i}` } });
        answered.push(Date.now());
        await new Promise((r) => setTimeout(r, everyMs));
      }
      await backend.session().store.flush();
      const longestMs = Math.max(...answered.map((t, i) => (durable[i] ?? Number.POSITIVE_INFINITY) - t));
      return { edits: answered.length, longestMs, saves };
    } finally {
      await backend.close();
    }
  });
}

/** Whether the Host check takes a browser's `127.0.0.1` and `localhost` (no port) on port 80. */
export function hostOnPort80(): boolean {
  return isOwnHost('127.0.0.1', 80) && isOwnHost('localhost', 80) && !isOwnHost('127.0.0.1', 8080);
}
