import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { Zip, ZipDeflate, zipSync } from 'fflate';
import { MAX_DATA_FILE_BYTES, serializeKithFile } from '../../shared/data/fileFormat.js';
import { MAX_EXPORT_BYTES, MAX_IMPORT_ROWS } from '../../shared/import/limits.js';
import { generateNetwork } from '../fixtures/generate/network.js';
import { PREAMBLE } from '../fixtures/generate-linkedin.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** One case measured in a process of its own. */
export interface MemoryFigure {
  readonly what: string;
  readonly outcome: string;
  readonly message?: string;
  readonly peakMB: number;
  readonly ms: number;
  readonly inputMB: number;
  readonly fileBytes?: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const OWNER = 'Robin Example';
const OWNER_URL = 'https://www.linkedin.com/in/robin-example-0a1b2c';

/**
 * Writes `head`, then lines made by `line(i)` for i = 0, 1, … until `n` lines
 * or until the next would take the file past `maxBytes`, through a stream a
 * few thousand lines at a time (never a string of the whole file).
 */
async function writeLines(
  path: string,
  head: readonly string[],
  n: number,
  line: (i: number) => string,
  maxBytes = Infinity,
): Promise<void> {
  const out = createWriteStream(path);
  const first = `${head.join('\n')}\n`;
  out.write(first);
  let size = Buffer.byteLength(first);
  let batch: string[] = [];
  for (let i = 0; i < n; i++) {
    const text = line(i);
    size += Buffer.byteLength(text) + 1;
    const isLast = i === n - 1 || size > maxBytes;
    if (size <= maxBytes) batch.push(text);
    if (batch.length === 5_000 || isLast) {
      if (batch.length > 0 && !out.write(`${batch.join('\n')}\n`)) await once(out, 'drain');
      batch = [];
    }
    if (isLast) break;
  }
  out.end();
  await once(out, 'finish');
}

/** A current-era Connections.csv of `rows` distinct people (about 110 bytes a row), written to `path`. */
export async function writeConnectionsCsv(path: string, rows: number): Promise<void> {
  const header = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
  await writeLines(path, [...PREAMBLE, header], rows, (i) => {
    const { id, url } = contactOf(i);
    const day = `${String(1 + (i % 28)).padStart(2, '0')} ${MONTHS[i % 12] as string} ${2010 + (i % 16)}`;
    return `Person${id},Surname${id},${url},,Company ${i % 700},Position ${i % 97},${day}`;
  });
}

/** Row `p` of `writeConnectionsCsv`, as messages.csv and Invitations.csv name them. */
function contactOf(p: number): { id: string; name: string; url: string } {
  const id = p.toString(36);
  return { id, name: `Person${id} Surname${id}`, url: `https://www.linkedin.com/in/person-${id}-${(p * 7919).toString(36)}` };
}

/** A messages.csv of at most `mb` MB: conversations with the first `people` rows of `writeConnectionsCsv`, as LinkedIn writes them. */
export async function writeMessagesCsv(path: string, mb: number, people: number): Promise<void> {
  const header =
    'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT';
  const content = 'Thanks for the chat about the meetup, here is the article I mentioned and a few thoughts on it. '.repeat(2);
  await writeLines(
    path,
    [header],
    Infinity,
    (i) => {
      const { id, name, url } = contactOf(i % people);
      const when = `20${10 + (i % 16)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}:00 UTC`;
      return i % 2 === 0
        ? `conv-${id},,${OWNER},${OWNER_URL},${name},${url},${when},,"${content}",INBOX,No`
        : `conv-${id},,${name},${url},${OWNER},${OWNER_URL},${when},,"${content}",INBOX,No`;
    },
    mb * 2 ** 20,
  );
}

/** An Invitations.csv of at most `mb` MB, with notes, to and from the first `people` rows of `writeConnectionsCsv`. */
export async function writeInvitationsCsv(path: string, mb: number, people: number): Promise<void> {
  const header = 'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl';
  const note = 'Hi, I enjoyed your talk at the meetup and would love to stay in touch about service design. '.repeat(2);
  await writeLines(
    path,
    [header],
    Infinity,
    (i) => {
      const { name, url } = contactOf(i % people);
      const when = `${1 + (i % 12)}/${1 + (i % 28)}/${String(10 + (i % 16))}, 10:${String(i % 60).padStart(2, '0')} AM`;
      return i % 2 === 0
        ? `${OWNER},${name},"${when}","${note}",OUTGOING,${OWNER_URL},${url}`
        : `${name},${OWNER},"${when}","${note}",INCOMING,${url},${OWNER_URL}`;
    },
    mb * 2 ** 20,
  );
}

/** A ZIP of the named files, deflated at the lowest level (the test is about what Kith does with the entries, not about deflate). */
export async function writeZip(path: string, files: Readonly<Record<string, string>>): Promise<void> {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, file] of Object.entries(files)) entries[name] = new Uint8Array(await readFile(file));
  await writeFile(path, zipSync(entries, { level: 1 }));
}

/** Runs one case of memoryChild.ts on a copy of `data` (when given) and returns its figures. */
export async function measure(
  what: string,
  kind: 'import' | 'upload' | 'load',
  options: { data?: string; source?: string; dir: string; keepDataAs?: string },
): Promise<MemoryFigure> {
  const dataPath = join(options.dir, `data-${Math.random().toString(36).slice(2)}.json`);
  if (options.data) await copyFile(options.data, dataPath);
  const args = ['--import', 'tsx', join(ROOT, 'tests/stress/memoryChild.ts'), '--case', kind, '--data', dataPath];
  if (options.source) args.push('--source', options.source);
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
  const input = options.source ?? options.data;
  const inputMB = input ? Math.round((await stat(input)).size / 2 ** 20) : 0;
  const line = r.stdout.trim().split('\n').pop() ?? '';
  let parsed: { outcome: string; message?: string; peakMB: number; ms: number; fileBytes?: number };
  try {
    parsed = JSON.parse(line) as typeof parsed;
  } catch {
    const why = /heap out of memory/i.test(r.stderr) ? 'V8 out of memory' : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`);
    parsed = { outcome: 'died', message: why, peakMB: 0, ms: 0 };
  }
  const fileBytes = options.data || parsed.fileBytes ? (await stat(dataPath).catch(() => undefined))?.size : undefined;
  if (options.keepDataAs) await copyFile(dataPath, options.keepDataAs).catch(() => undefined);
  await rm(dataPath, { force: true });
  return { what, ...parsed, inputMB, ...(fileBytes !== undefined ? { fileBytes } : {}) };
}

/** A temp folder for the inputs, removed by the returned function. */
export async function memoryDir(): Promise<{ dir: string; done: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-memory-'));
  return { dir, done: () => rm(dir, { recursive: true, force: true }) };
}

/** A network serialised to just under `maxBytes` (the generator scaled from a sample), written to `path`; returns its size. */
async function writeNetworkUnder(path: string, maxBytes: number): Promise<number> {
  const sample = Buffer.byteLength(serializeKithFile(generateNetwork({ people: 10_000, extraTies: 25_000, communities: 300 })));
  let people = Math.floor(((maxBytes * 0.97) / sample) * 10_000);
  for (;;) {
    const text = serializeKithFile(generateNetwork({ people, extraTies: Math.round(people * 2.5), communities: 300 }));
    const bytes = Buffer.byteLength(text);
    if (bytes <= maxBytes) {
      await writeFile(path, text);
      return bytes;
    }
    people = Math.floor(people * 0.97);
  }
}

/** `kith stats` on a data file of `mb` MB (sparse): how it answers, and how fast. */
function statsOnHugeFile(path: string): { status: number | null; stderr: string; ms: number } {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/main.ts'), 'stats', '--data', path, '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: r.status, stderr: r.stderr.trim(), ms: Date.now() - started };
}

/**
 * The memory figures of the limits (shared/import/limits.ts, MAX_DATA_FILE_BYTES):
 * the largest accepted import (a ZIP of MAX_IMPORT_ROWS connections plus
 * messages and invitations up to MAX_EXPORT_BYTES in all, by path and as an
 * upload) and the largest accepted data file (loaded, its network:get
 * encoded, edited and saved) when `heavy`; always the oversized
 * inputs, which must be refused.
 */
export async function measureLimits(options: { heavy: boolean; log: (text: string) => void }): Promise<{
  figures: MemoryFigure[];
  hugeFile: { status: number | null; stderr: string; ms: number };
}> {
  const { dir, done } = await memoryDir();
  const figures: MemoryFigure[] = [];
  try {
    if (options.heavy) {
      options.log('  writing the largest accepted export…');
      const connections = join(dir, 'Connections.csv');
      await writeConnectionsCsv(connections, MAX_IMPORT_ROWS);
      const invitations = join(dir, 'Invitations.csv');
      const left = MAX_EXPORT_BYTES - (await stat(connections)).size - 64 * 1024;
      await writeInvitationsCsv(invitations, (left * 0.3) / 2 ** 20, MAX_IMPORT_ROWS);
      const messages = join(dir, 'messages.csv');
      await writeMessagesCsv(
        messages,
        (MAX_EXPORT_BYTES - (await stat(connections)).size - (await stat(invitations)).size - 64 * 1024) / 2 ** 20,
        MAX_IMPORT_ROWS,
      );
      const zip = join(dir, 'Complete_LinkedInDataExport.zip');
      await writeZip(zip, { 'Connections.csv': connections, 'messages.csv': messages, 'Invitations.csv': invitations });
      const text = ((await stat(connections)).size + (await stat(messages)).size + (await stat(invitations)).size) / 2 ** 20;
      options.log('  importing it by path and as an upload…');
      figures.push(
        await measure(
          `largest accepted import: ${MAX_IMPORT_ROWS.toLocaleString('en')} rows, ${Math.round(text)} MB of CSV in a ZIP`,
          'import',
          { source: zip, dir },
        ),
      );
      figures.push(await measure('the same, uploaded to the browser fallback', 'upload', { source: zip, dir }));
      options.log('  writing and loading the largest accepted data file…');
      const data = join(dir, 'largest.json');
      const bytes = await writeNetworkUnder(data, MAX_DATA_FILE_BYTES);
      figures.push(
        await measure(`largest accepted data file (${Math.round(bytes / 2 ** 20)} MB): load, network:get, edit, save`, 'load', {
          data,
          dir,
        }),
      );
      options.log("  the issue's 750,000-row Connections.csv…");
      const rows750 = join(dir, 'Connections-750k.csv');
      await writeConnectionsCsv(rows750, 750_000);
      figures.push(await measure("750,000-row Connections.csv (the issue's)", 'import', { source: rows750, dir }));
      await rm(rows750, { force: true });
    }
    const rows1m = join(dir, 'Connections-1m.csv');
    await writeConnectionsCsv(rows1m, 1_000_000);
    figures.push(await measure('1,000,000-row Connections.csv', 'import', { source: rows1m, dir }));
    await rm(rows1m, { force: true });
    const bomb = join(dir, 'two-entries.zip');
    await writeFile(
      bomb,
      zipOfRows([
        { name: 'Connections.csv', mb: 1 },
        { name: 'messages.csv', mb: 160 },
        { name: 'Invitations.csv', mb: 160 },
      ]),
    );
    figures.push(await measure("two 160 MB ZIP entries (the issue's)", 'import', { source: bomb, dir }));
    const huge = join(dir, 'huge.json');
    await writeFile(huge, '{}');
    await truncate(huge, 588 * 2 ** 20);
    return { figures, hugeFile: statsOnHugeFile(huge) };
  } finally {
    await done();
  }
}

/** A ZIP whose entries hold `mb` MB of CSV rows each, deflated a megabyte at a time (never held unzipped). */
export function zipOfRows(entries: ReadonlyArray<{ name: string; mb: number }>): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    parts.push(data);
  });
  const block = new TextEncoder().encode('Ada,Lee,,,Acme,Engineer,01 Jan 2024\n'.repeat(30_000).slice(0, 2 ** 20));
  for (const { name, mb } of entries) {
    const entry = new ZipDeflate(name, { level: 1 });
    zip.add(entry);
    for (let i = 0; i < mb; i++) entry.push(block, i === mb - 1);
  }
  zip.end();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
