import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { FileStatusSchema, type FileStatus } from '../../shared/api/contract/core.js';
import type { Result } from '../../shared/api/envelope.js';
import { createBackend, type Backend } from '../../electron/backend/backend.js';
import { MAX_DATA_FILE_BYTES } from '../../shared/data/fileFormat.js';

/** How a case's bytes are made from the last good file (`good`); `path` lets a huge case stream to disk instead. */
export interface CorruptCase {
  readonly name: string;
  readonly bytes?: (good: Buffer) => Buffer;
  readonly write?: (path: string) => Promise<void>;
  /** What the message must say (besides the file's path). `loads` means the file is fine and must load as it is. */
  readonly expect: RegExp | 'loads';
}

const json = (value: unknown) => () => Buffer.from(JSON.stringify(value));
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** Rewrites the good file's JSON, keeping it otherwise intact. */
const edited = (change: (doc: Record<string, unknown>) => unknown) => (good: Buffer) =>
  Buffer.from(JSON.stringify(change(JSON.parse(good.toString('utf8')) as Record<string, unknown>)));

/** Empty, cut off, NUL-filled, BOM-prefixed, `null`, foreign JSON, a newer version and other broken files, each with the reason the user must read. */
export const CORRUPT_CASES: readonly CorruptCase[] = [
  { name: 'empty (0 bytes)', bytes: () => Buffer.alloc(0), expect: /empty/ },
  { name: 'only white space', bytes: () => Buffer.from(' \r\n\t\n'), expect: /empty/ },
  { name: 'NUL-filled, same size (power cut)', bytes: (good) => Buffer.alloc(good.length), expect: /NUL/ },
  {
    name: 'tail zeroed (power cut after a resize)',
    bytes: (good) => Buffer.concat([good.subarray(0, good.length >> 1), Buffer.alloc(good.length - (good.length >> 1))]),
    expect: /NUL/,
  },
  { name: 'truncated to 1 byte', bytes: (good) => good.subarray(0, 1), expect: /not valid JSON/ },
  { name: 'truncated to half', bytes: (good) => good.subarray(0, good.length >> 1), expect: /not valid JSON/ },
  { name: 'last byte missing', bytes: (good) => good.subarray(0, good.length - 1), expect: /not valid JSON/ },
  { name: 'BOM-prefixed, valid', bytes: (good) => Buffer.concat([BOM, good]), expect: 'loads' },
  { name: 'BOM-prefixed, truncated', bytes: (good) => Buffer.concat([BOM, good.subarray(0, 40)]), expect: /not valid JSON/ },
  { name: 'two BOMs (an editor added one more)', bytes: (good) => Buffer.concat([BOM, BOM, good]), expect: 'loads' },
  { name: 'UTF-16 LE with BOM (wrong encoding)', bytes: (good) => utf16le(good.toString('utf8')), expect: /UTF-8|NUL/ },
  { name: 'Latin-1 bytes, not UTF-8', bytes: () => Buffer.from([0x7b, 0x22, 0x6e, 0xe9, 0x22, 0x3a, 0x31, 0x7d]), expect: /UTF-8/ },
  { name: 'null', bytes: () => Buffer.from('null'), expect: /null/ },
  { name: 'an array', bytes: json([1, 2, 3]), expect: /array/ },
  { name: 'a string', bytes: json('kith'), expect: /string/ },
  { name: 'a number', bytes: () => Buffer.from('42'), expect: /number/ },
  { name: 'an empty object', bytes: json({}), expect: /schemaVersion/ },
  { name: "lowdb's default of another app", bytes: json({ posts: [], user: {} }), expect: /schemaVersion/ },
  { name: 'a package.json', bytes: json({ name: 'x', version: '1.0.0', dependencies: {} }), expect: /schemaVersion/ },
  { name: 'a newer schemaVersion', bytes: edited((doc) => ({ ...doc, schemaVersion: 99 })), expect: /newer Kith.*schemaVersion 99/ },
  { name: 'schemaVersion as a string', bytes: edited((doc) => ({ ...doc, schemaVersion: '1' })), expect: /schemaVersion/ },
  {
    name: 'a person without a name',
    bytes: edited((doc) => ({ ...doc, people: [...(doc['people'] as object[]), { id: 'x' }] })),
    expect: /people/,
  },
  {
    name: 'a repeated person id',
    bytes: edited((doc) => ({ ...doc, people: [...(doc['people'] as object[]), ...(doc['people'] as object[])] })),
    expect: /repeats the id/,
  },
  {
    name: 'a tie to nobody',
    bytes: edited((doc) => ({ ...doc, ties: [{ id: 'tx', a: doc['meId'], b: 'ghost', origin: 'living' }] })),
    expect: /unknown person/,
  },
  { name: 'meId naming nobody', bytes: edited((doc) => ({ ...doc, meId: 'ghost' })), expect: /meId/ },
  {
    name: 'a __proto__ key (prototype pollution)',
    bytes: (good) =>
      Buffer.from(good.toString('utf8').replace(/^\{/, '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},')),
    expect: 'loads',
  },
  { name: '100,000 nested arrays', bytes: () => Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), expect: /array/ },
  { name: 'v0 contacts that are not a list', bytes: json({ version: 0, owner: 'x', contacts: 'many', links: [] }), expect: /contacts/ },
];

/** A data file of `mb` MB cut off at the end: a huge network whose last save was interrupted. Streamed to disk, never held whole in this process. */
async function writeCutOff(path: string, mb: number): Promise<void> {
  const out = createWriteStream(path);
  const target = mb * 1024 * 1024;
  let written = 0;
  const put = async (text: string) => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await put('{"schemaVersion":1,"meId":"me","people":[{"id":"me","name":"Me"}');
  const notes = 'x'.repeat(400);
  let n = 0;
  const rows: string[] = [];
  while (written < target) {
    rows.length = 0;
    for (let i = 0; i < 1000; i += 1) {
      n += 1;
      rows.push(`,{"id":"p${n}","name":"Person ${n}","company":"Company ${n % 997}","notes":"${notes}"}`);
    }
    await put(rows.join(''));
  }
  out.end();
  await once(out, 'finish');
}

/**
 * Huge files: one just under the largest data file Kith reads, cut off (it is
 * read and refused as truncated), and one of 200 MB, over it (refused from its
 * size before a byte is read, as the 588 MB file a too-large import once wrote).
 */
export const HUGE_CASES: readonly CorruptCase[] = [
  {
    name: `a ${Math.floor(MAX_DATA_FILE_BYTES / 2 ** 20) - 8} MB file, cut off`,
    expect: /not valid JSON/,
    write: (path) => writeCutOff(path, Math.floor(MAX_DATA_FILE_BYTES / 2 ** 20) - 8),
  },
  {
    name: 'a 200 MB file, over the largest Kith reads',
    expect: /is 200 MB; Kith reads data files up to 128 MB/,
    write: async (path) => {
      await writeCutOff(path, 1);
      // Sparse: the size is what is refused, not the content.
      await truncate(path, 200 * 1024 * 1024);
    },
  },
];

export interface CorruptCaseResult {
  readonly name: string;
  /** The open or a call threw, or a call answered with `internal`. */
  readonly crashed: boolean;
  /** A call returned a network other than the file's (the empty default, say). */
  readonly silentReset: boolean;
  /** The file's bytes changed before the user chose to restore. */
  readonly originalChanged: boolean;
  readonly isMessageClear: boolean;
  /** The newest valid backup was listed first in the problem. */
  readonly isNewestBackupOffered: boolean;
  /** `file:restoreBackup` brought back the newest backup and set the broken file aside byte for byte. */
  readonly isRestored: boolean;
  readonly message: string;
  readonly problems: readonly string[];
  readonly ms: number;
}

export interface CorruptFigures {
  readonly cases: number;
  readonly crashes: number;
  readonly silentResets: number;
  readonly originalsChanged: number;
  readonly unclearMessages: number;
  readonly backupOffered: number;
  readonly restored: number;
  /** Cases that must load as they are (a valid file with a BOM, say) and did. */
  readonly loadedAsIs: number;
  readonly results: readonly CorruptCaseResult[];
}

async function call(backend: Backend, name: string, input: unknown, problems: string[]): Promise<Result<unknown>> {
  try {
    const result = await backend.call(name, input);
    if (!result.ok && result.error.code === 'internal') problems.push(`${name} answered internal: ${result.error.message}`);
    return result;
  } catch (err) {
    problems.push(`${name} threw: ${String(err)}`);
    return { ok: false, error: { code: 'internal', message: String(err) } };
  }
}

/**
 * A data file with two backups (the newest holds 2 people), built through the
 * backend as the app builds it: each session's first save backs up the file
 * as it was. Returns the last good bytes and the newest backup's people count.
 */
async function fileWithBackups(path: string): Promise<{ good: Buffer; newestBackupPeople: number }> {
  for (const name of ['Ada Backup', 'Grace Backup']) {
    const backend = await createBackend({ dataPath: path, saveDebounceMs: 0, watch: false, ownerName: 'Robin' });
    await backend.call('person:create', { name });
    await backend.session().store.flush();
    await backend.close();
  }
  return { good: await readFile(path), newestBackupPeople: 2 };
}

/** Opens each broken file through the backend, as the app does, and checks what the user is told and offered. */
export async function runCorruptCase(testCase: CorruptCase): Promise<CorruptCaseResult> {
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'kith-corrupt-'));
  const path = join(dir, 'kith.json');
  const problems: string[] = [];
  let crashed = false;
  let silentReset = false;
  let originalChanged = false;
  let isMessageClear = false;
  let isNewestBackupOffered = false;
  let isRestored = false;
  let message = '';
  try {
    const { good, newestBackupPeople } = await fileWithBackups(path);
    if (testCase.write) await testCase.write(path);
    else await writeFile(path, testCase.bytes?.(good) ?? Buffer.alloc(0));
    const original = await readFile(path);
    const polluted = () => ({}) as Record<string, unknown>;

    let backend: Backend | undefined;
    try {
      backend = await createBackend({ dataPath: path, saveDebounceMs: 0, watch: false });
    } catch (err) {
      crashed = true;
      problems.push(`opening threw: ${String(err)}`);
    }
    if (backend) {
      const status = await call(backend, 'file:status', {}, problems);
      const parsed = status.ok ? FileStatusSchema.safeParse(status.value) : undefined;
      const fileStatus: FileStatus | undefined = parsed?.success ? parsed.data : undefined;
      if (!fileStatus) problems.push(`file:status did not answer a status: ${String(JSON.stringify(status)).slice(0, 200)}`);
      const network = await call(backend, 'network:get', {}, problems);
      if (testCase.expect === 'loads') {
        isMessageClear = fileStatus?.problem === undefined;
        if (!isMessageClear) problems.push(`a good file was refused: ${fileStatus?.problem?.message ?? ''}`);
        const people = network.ok ? (network.value as { file: { people: unknown[] } }).file.people.length : -1;
        if (people !== 3) silentReset = true;
        isNewestBackupOffered = true;
        isRestored = true;
        if (polluted()['polluted'] !== undefined) problems.push('Object.prototype was polluted');
      } else {
        const problem = fileStatus?.problem;
        message = problem?.message ?? '';
        isMessageClear =
          problem?.kind === 'corrupt' && message.includes(path) && testCase.expect.test(message) && /left the file as it is/.test(message);
        if (!isMessageClear) problems.push(`unclear or missing message: ${message.slice(0, 300)}`);
        isNewestBackupOffered =
          problem?.kind === 'corrupt' && problem.backups[0]?.people === newestBackupPeople && /2 backup\(s\) can be restored/.test(message);
        if (!isNewestBackupOffered) problems.push(`the newest backup is not offered: ${String(JSON.stringify(problem)).slice(0, 300)}`);
        if (network.ok) {
          silentReset = true;
          problems.push('network:get answered a network for a broken file');
        } else if (network.error.code !== 'file-corrupt') problems.push(`network:get refused with ${network.error.code}`);
        const edit = await call(backend, 'person:create', { name: 'Typed while broken' }, problems);
        if (edit.ok || edit.error.code !== 'file-corrupt')
          problems.push(`an edit was not refused as file-corrupt: ${String(JSON.stringify(edit)).slice(0, 200)}`);
        await backend.session().store.flush();
        originalChanged = Buffer.compare(await readFile(path), original) !== 0;

        const restored = await call(backend, 'file:restoreBackup', {}, problems);
        const after = restored.ok ? FileStatusSchema.safeParse(restored.value) : undefined;
        const asides = (await readdir(dir)).filter((name) => name.startsWith('kith.corrupt-'));
        const aside = asides[0] ? await readFile(join(dir, asides[0])) : undefined;
        isRestored =
          after?.success === true &&
          after.data.problem === undefined &&
          after.data.people === newestBackupPeople &&
          aside !== undefined &&
          Buffer.compare(aside, original) === 0;
        if (!isRestored)
          problems.push(`restore failed: ${String(JSON.stringify(restored)).slice(0, 300)}; set aside: ${asides.join(', ')}`);
        const again = await call(backend, 'person:create', { name: 'After restore' }, problems);
        if (!again.ok) problems.push('an edit after the restore was refused');
      }
      try {
        await backend.close();
      } catch (err) {
        problems.push(`close threw: ${String(err)}`);
      }
      if (testCase.expect === 'loads') originalChanged = Buffer.compare(await readFile(path), original) !== 0;
    }
    if (problems.some((p) => / threw|internal/.test(p))) crashed = true;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return {
    name: testCase.name,
    crashed,
    silentReset,
    originalChanged,
    isMessageClear,
    isNewestBackupOffered,
    isRestored,
    message,
    problems,
    ms: Date.now() - started,
  };
}

export function summarise(results: readonly CorruptCaseResult[]): CorruptFigures {
  const count = (predicate: (r: CorruptCaseResult) => boolean) => results.filter(predicate).length;
  return {
    cases: results.length,
    crashes: count((r) => r.crashed),
    silentResets: count((r) => r.silentReset),
    originalsChanged: count((r) => r.originalChanged),
    unclearMessages: count((r) => !r.isMessageClear),
    backupOffered: count((r) => r.isNewestBackupOffered),
    restored: count((r) => r.isRestored),
    loadedAsIs: count((r) => r.isMessageClear && r.message === ''),
    results,
  };
}

/** Every case in turn (the huge ones when `huge`), plus every cut of a good file at `cuts` positions. */
export async function runCorruptCases(options: { huge: boolean; cuts?: readonly number[] }): Promise<CorruptFigures> {
  const cases: CorruptCase[] = [...CORRUPT_CASES];
  for (const fraction of options.cuts ?? []) {
    cases.push({
      name: `cut at ${(fraction * 100).toFixed(1)}%`,
      bytes: (good) => good.subarray(0, Math.max(1, Math.floor(good.length * fraction))),
      expect: /not valid JSON/,
    });
  }
  if (options.huge) cases.push(...HUGE_CASES);
  const results: CorruptCaseResult[] = [];
  for (const testCase of cases) results.push(await runCorruptCase(testCase));
  return summarise(results);
}
