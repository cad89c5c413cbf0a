import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { zipSync } from 'fflate';
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

/** Writes lines made by `line(i)` for i in [0, n) through a stream, a few thousand at a time (no string of the whole file). */
async function writeLines(path: string, head: readonly string[], n: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${head.join('\n')}\n`);
  let batch: string[] = [];
  for (let i = 0; i < n; i++) {
    batch.push(line(i));
    if (batch.length === 5_000 || i === n - 1) {
      if (!out.write(`${batch.join('\n')}\n`)) await once(out, 'drain');
      batch = [];
    }
  }
  out.end();
  await once(out, 'finish');
}

/** A current-era Connections.csv of `rows` distinct people (about 110 bytes a row), written to `path`. */
export async function writeConnectionsCsv(path: string, rows: number): Promise<void> {
  const header = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
  await writeLines(path, [...PREAMBLE, header], rows, (i) => {
    const id = i.toString(36);
    const day = `${String(1 + (i % 28)).padStart(2, '0')} ${MONTHS[i % 12] as string} ${2010 + (i % 16)}`;
    return `Person${id},Surname${id},https://www.linkedin.com/in/person-${id}-${(i * 7919).toString(36)},,Company ${i % 700},Position ${i % 97},${day}`;
  });
}

/** A messages.csv of about `mb` MB: conversations with the first `people` rows of `writeConnectionsCsv`, as LinkedIn writes them. */
export async function writeMessagesCsv(path: string, mb: number, people: number): Promise<void> {
  const header =
    'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT';
  const content = 'Thanks for the chat about the meetup, here is the article I mentioned and a few thoughts on it. '.repeat(2);
  const approx = 330;
  await writeLines(path, [header], Math.round((mb * 2 ** 20) / approx), (i) => {
    const p = i % people;
    const id = p.toString(36);
    const name = `Person${id} Surname${id}`;
    const url = `https://www.linkedin.com/in/person-${id}-${(p * 7919).toString(36)}`;
    const when = `20${10 + (i % 16)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}:00 UTC`;
    return i % 2 === 0
      ? `conv-${id},,${OWNER},${OWNER_URL},${name},${url},${when},,"${content}",INBOX,No`
      : `conv-${id},,${name},${url},${OWNER},${OWNER_URL},${when},,"${content}",INBOX,No`;
  });
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
