import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Zip, ZipDeflate, strToU8, zipSync } from 'fflate';
import fc from 'fast-check';
import { parseKithFile } from '../../shared/data/fileFormat.js';
import { createBackend, type Backend } from '../../electron/backend/backend.js';
import { runCli } from '../../electron/cli/main.js';
import { decodeUtf8 } from '../../electron/backend/store/kithFileAdapter.js';
import { connectionsCsv, makeContacts, utf16, windows1252 } from '../fixtures/generate-linkedin.js';

/** One hostile input: what it is (for the figures), the name it is uploaded under, and its bytes. */
export interface HostileInput {
  readonly family: 'csv' | 'zip' | 'noise' | 'bomb';
  readonly tags: readonly string[];
  readonly name: string;
  readonly bytes: Uint8Array;
}

const HEADER = ['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'];
const PREAMBLE = ['Notes:', '"When exporting your connection data, you may notice that some of the email addresses are missing."', ''];
const VALID = connectionsCsv(makeContacts(25, 11), 'current');

/** Cells that break CSV readers, spreadsheets and HTML: quotes, separators, line ends, control and bidi characters, formulas, scripts. */
const HOSTILE_CELLS = [
  '"',
  '""',
  '"a',
  'a"',
  '"a""',
  '"\n',
  'a\r',
  ',',
  ';',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\u0000',
  '\uFEFF',
  '\u202E',
  '\u200B',
  '\uFFFF',
  '\uD800',
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example","x")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '<img src=x onerror=window.__xss=1>',
  '"><svg onload=window.__xss=1>',
  'javascript:alert(1)',
  '../../etc/passwd',
  '${7*7}',
  '__proto__',
  'constructor',
  'https://www.linkedin.com/in/%E0%A4%A',
  `https://www.linkedin.com/in/${'a'.repeat(3000)}`,
  '31 Feb 2024',
  '1/8/18, 25:61 PM',
  '99999999999999999999',
  'First Name',
  'Connected On',
  'Notes:',
];

const cell = fc.oneof(
  { weight: 5, arbitrary: fc.string({ maxLength: 16 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_CELLS) },
);

/** A huge field: a name or a note of 64 KB to 1 MB, quoted or not, maybe never closed. */
const hugeField = fc
  .tuple(
    fc.integer({ min: 64 * 1024, max: 1024 * 1024 }),
    fc.constantFrom('x', 'é', '"', ',', '\n', '🌟'),
    fc.constantFrom('raw', 'quoted', 'unclosed'),
  )
  .map(([size, ch, how]) => {
    const body = ch.repeat(Math.ceil(size / ch.length));
    return how === 'raw' ? body : how === 'quoted' ? `"${body.replace(/"/g, '""')}"` : `"${body}`;
  });

/** CSV text with whatever header, preamble, separator, line end and row shapes; often under LinkedIn's real header. */
const csvText = fc.oneof(
  { weight: 1, arbitrary: fc.string({ maxLength: 400 }) },
  {
    weight: 6,
    arbitrary: fc
      .record({
        header: fc.constantFrom('linkedin', 'shuffled', 'duplicated', 'extra-columns', 'none', 'wide'),
        preamble: fc.boolean(),
        rows: fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 25 }),
        eol: fc.constantFrom('\n', '\r\n', '\r', '\n\n'),
        delimiter: fc.constantFrom(',', ',', ';', '\t', '|'),
        quoting: fc.constantFrom('none', 'all', 'some'),
        huge: fc.oneof({ weight: 60, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: hugeField }),
      })
      .map(({ header, preamble, rows, eol, delimiter, quoting, huge }) => {
        const quote = (value: string, i: number) =>
          quoting === 'all' || (quoting === 'some' && i % 2 === 0) ? `"${value.replace(/"/g, '""')}"` : value;
        const head =
          header === 'linkedin'
            ? HEADER
            : header === 'shuffled'
              ? [...HEADER].reverse()
              : header === 'duplicated'
                ? [...HEADER, ...HEADER]
                : header === 'extra-columns'
                  ? [...HEADER, 'Notes', '']
                  : header === 'wide'
                    ? [...HEADER, ...Array.from({ length: 3000 }, (_, i) => `c${i}`)]
                    : [];
        const lines = rows.map((r) => r.map(quote).join(delimiter));
        if (huge !== null) lines.splice(Math.floor(lines.length / 2), 0, `Ada,${huge},,,Acme,Engineer,01 Jan 2024`);
        return [...(preamble ? PREAMBLE : []), ...(head.length ? [head.join(delimiter)] : []), ...lines].join(eol);
      }),
  },
  // A real export cut, spliced or with one character changed: unbalanced quotes in the middle of good data.
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.nat(VALID.length), fc.nat(VALID.length))
      .map(([a, b]) => VALID.slice(0, Math.max(a, b)) + VALID.slice(Math.min(a, b))),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.nat(VALID.length - 1), fc.constantFrom('"', ',', '\n', '\r', '\u0000', '\uFEFF', ''))
      .map(([at, ch]) => VALID.slice(0, at) + ch + VALID.slice(at + 1)),
  },
);

/** Invalid UTF-8 sequences: overlong, surrogate, 5-byte, lone continuation, cut-off lead byte. */
const BAD_UTF8 = [
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0x80],
  [0xe2, 0x82],
  [0xff, 0xfe],
  [0xf4, 0x90, 0x80, 0x80],
] as const;

/** The same text in the encodings LinkedIn files arrive in, and wrong ones. */
const encoded = fc
  .tuple(
    csvText,
    fc.constantFrom(
      'utf-8',
      'utf-8-bom',
      'utf-16le',
      'utf-16be',
      'utf-16le-bom',
      'utf-16be-bom',
      'windows-1252',
      'latin1',
      'bad-utf-8',
      'cut-utf-8',
    ),
    fc.nat(),
  )
  .map(([text, encoding, at]): { bytes: Uint8Array; tags: string[] } => {
    const utf8 = strToU8(text);
    const tags = [encoding];
    switch (encoding) {
      case 'utf-8':
        return { bytes: utf8, tags };
      case 'utf-8-bom':
        return { bytes: concat([Uint8Array.of(0xef, 0xbb, 0xbf), utf8]), tags };
      case 'utf-16le':
      case 'utf-16be': {
        const withBom = utf16(text, encoding === 'utf-16le' ? 'le' : 'be');
        return { bytes: withBom.subarray(2), tags };
      }
      case 'utf-16le-bom':
        return { bytes: utf16(text, 'le'), tags };
      case 'utf-16be-bom':
        return { bytes: utf16(text, 'be'), tags };
      case 'windows-1252':
        return { bytes: windows1252([...text].map((ch) => (ch.charCodeAt(0) > 0xff ? '?' : ch)).join('')), tags };
      case 'latin1':
        return { bytes: new Uint8Array(Buffer.from(text, 'latin1')), tags };
      case 'bad-utf-8': {
        const bad = BAD_UTF8[at % BAD_UTF8.length] ?? [0x80];
        const cut = utf8.length ? at % utf8.length : 0;
        return { bytes: concat([utf8.subarray(0, cut), Uint8Array.from(bad), utf8.subarray(cut)]), tags };
      }
      default: {
        const multi = strToU8(`${text}€漢🌟`);
        return { bytes: multi.subarray(0, Math.max(0, multi.length - 1 - (at % 3))), tags };
      }
    }
  });

/** Entry names: the export's own, path traversal in every spelling, absolute paths, NUL, very long and macOS junk. */
const entryName = fc.constantFrom(
  'Connections.csv',
  'Connections.csv',
  'Invitations.csv',
  'messages.csv',
  'Profile.csv',
  'Basic_LinkedInDataExport/Connections.csv',
  '../../Connections.csv',
  '../../../../../../tmp/kith-traversal/Connections.csv',
  '..\\..\\Connections.csv',
  '/etc/Connections.csv',
  'C:\\Windows\\Connections.csv',
  'C:/Users/Connections.csv',
  'a/../../Connections.csv',
  './Connections.csv',
  'Connections.csv\u0000.exe',
  'Connections.csv/',
  '__MACOSX/._Connections.csv',
  `${'deep/'.repeat(300)}Connections.csv`,
  `${'x'.repeat(4000)}.csv`,
  'CONNECTIONS.CSV',
  'Ad_Targeting.csv',
  'nested.zip',
);

/** Changes to a ZIP's bytes: cut, noise, lies in the size fields, unknown methods, encryption, broken directories. */
const ZIP_DAMAGE = [
  'none',
  'none',
  'truncate',
  'flip',
  'declared-huge',
  'declared-2gb',
  'declared-lie-small',
  'method-unknown',
  'encrypted',
  'crc',
  'prefix-garbage',
  'suffix-garbage',
  'entry-count-lie',
  'cd-offset-lie',
  'zip64-marker',
  'overlap',
] as const;
type ZipDamage = (typeof ZIP_DAMAGE)[number];

const zipInput = fc
  .record({
    entries: fc.array(
      fc.tuple(
        entryName,
        fc.oneof({ weight: 4, arbitrary: encoded.map((e) => e.bytes) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) }),
      ),
      {
        minLength: 0,
        maxLength: 5,
      },
    ),
    level: fc.constantFrom(0, 1, 6, 9),
    damage: fc.constantFrom(...ZIP_DAMAGE),
    at: fc.nat(),
  })
  .map(({ entries, level, damage, at }): HostileInput => {
    const files: Record<string, Uint8Array> = {};
    for (const [name, bytes] of entries) files[name] = name.endsWith('.zip') ? zipSync({ 'Connections.csv': bytes }) : bytes;
    const zip = damaged(zipSync(files, { level: level as 0 | 1 | 6 | 9 }), damage, at);
    const tags = [
      damage,
      ...entries.map(([name]) => (/\.\.|^[/\\]|^[A-Za-z]:/.test(name) || name.includes('\u0000') ? 'traversal-name' : 'name')),
    ];
    return { family: 'zip', tags, name: at % 7 === 0 ? 'Connections.csv' : 'Basic_LinkedInDataExport.zip', bytes: zip };
  });

const csvInput = fc
  .tuple(encoded, fc.constantFrom('Connections.csv', 'Connections.csv', 'connections.CSV', 'export.zip', 'notes.txt', 'Invitations.csv'))
  .map(([{ bytes, tags }, name]): HostileInput => ({ family: 'csv', tags, name, bytes }));

const noiseInput = fc
  .uint8Array({ maxLength: 2000 })
  .map((bytes): HostileInput => ({ family: 'noise', tags: ['noise'], name: 'Connections.csv', bytes }));

/** Malformed CSVs, ZIPs and noise, in proportions that keep ZIPs and CSVs near half each. */
export const hostileInput: fc.Arbitrary<HostileInput> = fc.oneof(
  { weight: 10, arbitrary: csvInput },
  { weight: 10, arbitrary: zipInput },
  { weight: 1, arbitrary: noiseInput },
);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength))));
}

const SIG_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const SIG_CENTRAL = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
const SIG_END = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/** All offsets of `sig` in `b`. */
function offsetsOf(b: Buffer, sig: Buffer): number[] {
  const found: number[] = [];
  for (let i = b.indexOf(sig); i >= 0; i = b.indexOf(sig, i + 1)) found.push(i);
  return found;
}

/** Applies one kind of damage to a well-formed ZIP. Field offsets are those of the ZIP specification (APPNOTE 4.3.7, 4.3.12, 4.3.16). */
export function damaged(zip: Uint8Array, damage: ZipDamage, at: number): Uint8Array {
  const b = Buffer.from(zip);
  const locals = offsetsOf(b, SIG_LOCAL);
  const centrals = offsetsOf(b, SIG_CENTRAL);
  const end = b.lastIndexOf(SIG_END);
  const setSizes = (value: number) => {
    for (const c of centrals) b.writeUInt32LE(value >>> 0, c + 24);
    for (const l of locals) b.writeUInt32LE(value >>> 0, l + 22);
  };
  switch (damage) {
    case 'none':
      return new Uint8Array(b);
    case 'truncate':
      return new Uint8Array(b.subarray(0, b.length ? at % b.length : 0));
    case 'flip':
      if (b.length) b[at % b.length] = (b[at % b.length] ?? 0) ^ (1 + (at % 255));
      return new Uint8Array(b);
    case 'declared-huge':
      setSizes(0xfffffff0);
      return new Uint8Array(b);
    case 'declared-2gb':
      setSizes(0x80000000);
      return new Uint8Array(b);
    case 'declared-lie-small':
      setSizes(at % 7);
      return new Uint8Array(b);
    case 'method-unknown':
      for (const c of centrals) b.writeUInt16LE(99, c + 10);
      for (const l of locals) b.writeUInt16LE(99, l + 8);
      return new Uint8Array(b);
    case 'encrypted':
      for (const c of centrals) b.writeUInt16LE(b.readUInt16LE(c + 8) | 1, c + 8);
      for (const l of locals) b.writeUInt16LE(b.readUInt16LE(l + 6) | 1, l + 6);
      return new Uint8Array(b);
    case 'crc':
      for (const c of centrals) b.writeUInt32LE((b.readUInt32LE(c + 16) ^ 0xdeadbeef) >>> 0, c + 16);
      return new Uint8Array(b);
    case 'prefix-garbage':
      return concat([strToU8('#!/bin/sh\nexit 0\n'), b]);
    case 'suffix-garbage':
      return concat([b, new Uint8Array(at % 5000).fill(0x41)]);
    case 'entry-count-lie':
      if (end >= 0) {
        b.writeUInt16LE(0xffff, end + 8);
        b.writeUInt16LE(0xffff, end + 10);
      }
      return new Uint8Array(b);
    case 'cd-offset-lie':
      if (end >= 0) b.writeUInt32LE((b.length + 1000 + at) >>> 0, end + 16);
      return new Uint8Array(b);
    case 'zip64-marker':
      setSizes(0xffffffff);
      for (const c of centrals) b.writeUInt32LE(0xffffffff, c + 20);
      return new Uint8Array(b);
    case 'overlap':
      return overlapping(b, centrals, end);
  }
}

/**
 * A non-recursive ZIP bomb in the manner of Fifield's: four central directory
 * entries, named as the four export files and each declaring 300 MB, all
 * pointing at the same local file.
 */
function overlapping(b: Buffer, centrals: readonly number[], end: number): Uint8Array {
  const first = centrals[0];
  if (first === undefined || end < 0) return new Uint8Array(b);
  const header = b.subarray(first, first + 46);
  const records: Buffer[] = [];
  for (const name of ['Connections.csv', 'Invitations.csv', 'messages.csv', 'Profile.csv']) {
    const record = Buffer.alloc(46 + name.length);
    header.copy(record, 0, 0, 46);
    record.writeUInt32LE(300 * 1024 * 1024, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt16LE(0, 30);
    record.writeUInt16LE(0, 32);
    record.write(name, 46, 'latin1');
    records.push(record);
  }
  const cdStart = b.readUInt32LE(end + 16);
  const directory = Buffer.concat(records);
  const eocd = Buffer.alloc(22);
  SIG_END.copy(eocd, 0);
  eocd.writeUInt16LE(records.length, 8);
  eocd.writeUInt16LE(records.length, 10);
  eocd.writeUInt32LE(directory.length, 12);
  eocd.writeUInt32LE(cdStart, 16);
  return concat([b.subarray(0, cdStart), directory, eocd]);
}

/** A ZIP of `mb` MB of one repeated chunk (after `head`, e.g. a CSV header), deflated as a stream so that the plain bytes are never held whole. */
export function ratioBomb(mb: number, chunk: Uint8Array, name = 'Connections.csv', head?: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    parts.push(data);
  });
  const entry = new ZipDeflate(name, { level: 9 });
  zip.add(entry);
  if (head) entry.push(head);
  const block = new Uint8Array(1024 * 1024);
  for (let i = 0; i < block.length; i += chunk.length) block.set(chunk.subarray(0, Math.min(chunk.length, block.length - i)), i);
  for (let i = 0; i < mb; i += 1) entry.push(block, i === mb - 1);
  zip.end();
  return concat(parts);
}

export interface HostileFigures {
  readonly inputs: number;
  readonly csv: number;
  readonly zip: number;
  readonly noise: number;
  readonly bombs: number;
  readonly traversalNames: number;
  readonly accepted: number;
  readonly refused: Readonly<Record<string, number>>;
  /** Answers with code `internal` (an exception escaped a handler) or a call that threw. */
  readonly uncaught: number;
  /** Calls after which the data file's bytes differed (a preview must never write). */
  readonly fileChanged: number;
  readonly commits: number;
  /** Commits after which the file did not parse and validate, or the store reported a problem. */
  readonly badCommits: number;
  readonly cliRuns: number;
  readonly cliCrashes: number;
  readonly cliFileChangedOnRefusal: number;
  /** Files that appeared outside the data file's own (import must unpack in memory only). */
  readonly strayFiles: number;
  readonly slowestMs: number;
  readonly slowest: string;
  readonly failures: readonly string[];
  readonly bombResults: readonly { readonly what: string; readonly outcome: string; readonly ms: number }[];
}

export interface HostileOptions {
  readonly runs: number;
  readonly seed: number;
  /** Inputs also run through `kith import PATH` (the CLI), from a file on disk. */
  readonly cliRuns?: number;
  /** Every n-th accepted preview is committed. Default 10. */
  readonly commitEvery?: number;
  /** Real-ratio bombs to run through the backend, in MB of plain text (e.g. 100 MB of NULs). */
  readonly ratioBombs?: readonly { readonly mb: number; readonly fill: 'zeros' | 'rows' }[];
}

function describeInput(input: HostileInput): string {
  return `${input.family} ${input.name} [${input.tags.join(',')}] ${input.bytes.length} B, starts ${Buffer.from(input.bytes.subarray(0, 24)).toString('hex')}`;
}

/**
 * Feeds hostile exports to the real backend (`import:preview` with an upload,
 * as the browser fallback and drag-and-drop send them), commits some of what
 * is accepted, and runs some through `kith import`; after every call the data
 * file must be byte-identical (or, after a commit, still a valid data file).
 */
export async function runHostileImport(options: HostileOptions): Promise<HostileFigures> {
  const root = await mkdtemp(join(tmpdir(), 'kith-hostile-'));
  const dataDir = join(root, 'data');
  await mkdir(dataDir);
  const path = join(dataDir, 'kith.json');
  const failures: string[] = [];
  const refused: Record<string, number> = {};
  const bombResults: { what: string; outcome: string; ms: number }[] = [];
  let csv = 0;
  let zip = 0;
  let noise = 0;
  let bombs = 0;
  let traversalNames = 0;
  let accepted = 0;
  let uncaught = 0;
  let fileChanged = 0;
  let commits = 0;
  let badCommits = 0;
  let cliRuns = 0;
  let cliCrashes = 0;
  let cliFileChangedOnRefusal = 0;
  let slowestMs = 0;
  let slowest = '';
  let strayFiles: number;
  const fail = (what: string) => {
    if (failures.length < 20) failures.push(what);
  };

  let backend: Backend | undefined;
  try {
    backend = await createBackend({ dataPath: path, saveDebounceMs: 60_000, watch: false });
    await backend.call('network:loadExample', {});
    await backend.session().store.flush();
    let before = await readFile(path);

    const preview = async (input: HostileInput): Promise<void> => {
      if (!backend) return;
      const started = Date.now();
      let result;
      try {
        result = await backend.call('import:preview', {
          source: { kind: 'upload', name: input.name, dataBase64: Buffer.from(input.bytes).toString('base64') },
        });
      } catch (err) {
        uncaught += 1;
        fail(`import:preview threw ${String(err)} for ${describeInput(input)}`);
        return;
      }
      const ms = Date.now() - started;
      if (ms > slowestMs) {
        slowestMs = ms;
        slowest = describeInput(input);
      }
      await backend.session().store.flush();
      const after = await readFile(path);
      if (Buffer.compare(after, before) !== 0) {
        fileChanged += 1;
        fail(`the data file changed after a preview of ${describeInput(input)}`);
        before = after;
      }
      if (!result.ok) {
        refused[result.error.code] = (refused[result.error.code] ?? 0) + 1;
        if (result.error.code === 'internal') {
          uncaught += 1;
          fail(`internal: ${result.error.message} for ${describeInput(input)}`);
        }
        return;
      }
      accepted += 1;
      const previewId = (result.value as { previewId: string }).previewId;
      if (accepted % (options.commitEvery ?? 10) !== 0) {
        await backend.call('import:cancel', { previewId });
        return;
      }
      const committed = await backend.call('import:commit', { previewId });
      commits += 1;
      if (!committed.ok && committed.error.code === 'internal') {
        uncaught += 1;
        fail(`import:commit internal: ${committed.error.message}`);
      }
      await backend
        .session()
        .store.flush()
        .catch(() => undefined);
      before = await readFile(path);
      try {
        parseKithFile(decodeUtf8(before, path), path);
        if (backend.session().store.problem) throw new Error(backend.session().store.problem?.message);
      } catch (err) {
        badCommits += 1;
        fail(`after committing ${describeInput(input)} the file is bad: ${String(err)}`);
      }
      // Undone again, so that the network (and each read of the file) stays small over thousands of inputs.
      const undone = await backend.call('history:undo', {});
      if (!undone.ok) fail(`undoing the import of ${describeInput(input)}: ${undone.error.message}`);
      await backend
        .session()
        .store.flush()
        .catch(() => undefined);
      before = await readFile(path);
      try {
        parseKithFile(decodeUtf8(before, path), path);
      } catch (err) {
        badCommits += 1;
        fail(`after undoing the import of ${describeInput(input)} the file is bad: ${String(err)}`);
      }
    };

    const batch = 250;
    for (let done = 0; done < options.runs; done += batch) {
      const inputs = fc.sample(hostileInput, { numRuns: Math.min(batch, options.runs - done), seed: options.seed + done });
      for (const input of inputs) {
        if (input.family === 'csv') csv += 1;
        else if (input.family === 'zip') zip += 1;
        else noise += 1;
        if (input.tags.some((t) => t.startsWith('declared') || t === 'overlap' || t === 'zip64-marker')) bombs += 1;
        if (input.tags.includes('traversal-name')) traversalNames += 1;
        await preview(input);
      }
    }

    for (const bomb of options.ratioBombs ?? []) {
      const chunk = bomb.fill === 'zeros' ? new Uint8Array(1) : strToU8('Ada,Lee,,,Acme,Engineer,01 Jan 2024\n');
      const head = bomb.fill === 'rows' ? strToU8(`${HEADER.join(',')}\n`) : undefined;
      const bytes = ratioBomb(bomb.mb, chunk, 'Connections.csv', head);
      const what = `${bomb.mb} MB of ${bomb.fill === 'zeros' ? 'NUL bytes' : 'CSV rows'} in a ${Math.round(bytes.length / 1024)} KB ZIP`;
      bombs += 1;
      zip += 1;
      const started = Date.now();
      const refusedBefore = { ...refused };
      const acceptedBefore = accepted;
      await preview({ family: 'bomb', tags: ['ratio'], name: 'bomb.zip', bytes });
      const outcome =
        accepted > acceptedBefore ? 'accepted' : `refused (${Object.keys(refused).find((k) => refused[k] !== refusedBefore[k]) ?? '?'})`;
      bombResults.push({ what, outcome, ms: Date.now() - started });
    }

    await backend.close();
    backend = undefined;

    const cliInputs = fc.sample(hostileInput, { numRuns: options.cliRuns ?? 0, seed: options.seed + 7_777_777 });
    const cliDir = join(root, 'cli');
    await mkdir(cliDir);
    for (const [i, input] of cliInputs.entries()) {
      const file = join(cliDir, `${i}-${input.name.endsWith('.zip') ? 'export.zip' : 'Connections.csv'}`);
      await writeFile(file, input.bytes);
      const beforeCli = await readFile(path);
      let err = '';
      cliRuns += 1;
      try {
        const code = await runCli(['import', file, '--data', path, '--json'], { out: () => undefined, err: (text) => (err += text) });
        const afterCli = await readFile(path);
        if (code !== 0 && Buffer.compare(afterCli, beforeCli) !== 0) {
          cliFileChangedOnRefusal += 1;
          fail(`kith import exited ${code} but changed the file, for ${describeInput(input)}`);
        }
        if (code !== 0 && !/\S/.test(err)) fail(`kith import exited ${code} without a message for ${describeInput(input)}`);
        if (/internal|Unexpected error/i.test(err)) {
          cliCrashes += 1;
          fail(`kith import: ${err.trim()} for ${describeInput(input)}`);
        }
        parseKithFile(decodeUtf8(afterCli, path), path);
      } catch (e) {
        cliCrashes += 1;
        fail(`kith import threw ${String(e)} for ${describeInput(input)}`);
      }
    }
  } finally {
    await backend?.close().catch(() => undefined);
    const expected = new Set(['kith.json', 'kith.backups', 'kith.json.lock']);
    const stray = [
      ...(await readdir(dataDir)).filter((name) => !expected.has(name)),
      ...(await readdir(root)).filter((name) => name !== 'data' && name !== 'cli'),
    ];
    await rm(root, { recursive: true, force: true });
    strayFiles = stray.length;
    if (stray.length) fail(`files appeared beside the data file: ${stray.join(', ')}`);
  }
  return {
    inputs: csv + zip + noise,
    csv,
    zip,
    noise,
    bombs,
    traversalNames,
    accepted,
    refused,
    uncaught,
    fileChanged,
    commits,
    badCommits,
    cliRuns,
    cliCrashes,
    cliFileChangedOnRefusal,
    strayFiles,
    slowestMs,
    slowest,
    failures,
    bombResults,
  };
}
