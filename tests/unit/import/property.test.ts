import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend.js';
import { runCli } from '../../../electron/cli/main.js';
import { KithError } from '../../../shared/api/envelope.js';
import type { KithFile } from '../../../shared/domain/model.js';
import { connectionsCsv, makeContacts, windows1252, utf16, type Contact, type ConnectionsEra } from '../../fixtures/generate-linkedin.js';
import { emptyNetwork, importInto, networkOf, utf8 } from './support.js';

const HEADER = ['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'];
const VALID = connectionsCsv(makeContacts(40, 3), 'current');

/** Cells that stress a CSV reader: quotes, delimiters, line breaks, BOMs, scripts, emoji, control characters. */
const nastyCell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom(
    '"',
    '""',
    '"a"b',
    'a"',
    ',',
    ';',
    '\t',
    '\n',
    '\r\n',
    '\r',
    '\uFEFF',
    ' ',
    '\u0001',
    '08 Jan 2024',
    '31 Feb 2024',
    '1/8/18, 6:14 PM',
    '5-Jan-26',
    'https://www.linkedin.com/in/%E0%A4%A',
    'https://www.linkedin.com/in/a',
    'x'.repeat(600),
    '🌟',
    'أحمد',
    'Connected On',
    'First Name',
  ),
);
const rawCell = (cell: string) => cell;
const quotedCell = (cell: string) => `"${cell.replace(/"/g, '""')}"`;

/** CSV-like text that is wrong in every way LinkedIn files go wrong, sometimes under a valid header. */
const malformedCsv = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.array(fc.array(nastyCell, { maxLength: 9 }), { maxLength: 12 }).chain((rows) =>
    fc.tuple(fc.boolean(), fc.boolean(), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean()).map(([withHeader, quoteAll, eol, preamble]) => {
      const lines = rows.map((r) => r.map(quoteAll ? quotedCell : rawCell).join(','));
      return [...(preamble ? ['Notes:', '"x, y"', ''] : []), ...(withHeader ? [HEADER.join(',')] : []), ...lines].join(eol);
    }),
  ),
  fc
    .tuple(fc.nat(VALID.length), fc.nat(VALID.length))
    .map(([a, b]) => VALID.slice(0, Math.max(a, b)) + VALID.slice(Math.min(a, b), Math.min(a, b) + 40)),
  fc
    .tuple(fc.nat(VALID.length - 1), fc.constantFrom('"', ',', '\n', '\u0000', '\uFFFD', ''))
    .map(([at, ch]) => VALID.slice(0, at) + ch + VALID.slice(at + 1)),
);

/** Bytes: text in any encoding, or noise. */
const malformedBytes = fc.oneof(
  { weight: 4, arbitrary: malformedCsv.map(utf8) },
  { weight: 1, arbitrary: malformedCsv.map((s) => windows1252(s)) },
  { weight: 1, arbitrary: malformedCsv.map((s) => utf16(s, 'le')) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.uint8Array({ maxLength: 64 }), fc.nat(200)).map(([noise, at]) => {
      const b = utf8(VALID).slice();
      b.set(noise, Math.min(at, b.length - noise.length));
      return b;
    }),
  },
);

function isRefusal(err: unknown): boolean {
  return err instanceof KithError && err.code === 'rejected';
}

describe('malformed input (property)', () => {
  it('never crashes: every CSV is imported into a valid data file or refused with a reason', async () => {
    const base = (await importInto(emptyNetwork(), 'Connections.csv', utf8(VALID))).doc;
    await fc.assert(
      fc.asyncProperty(malformedBytes, fc.boolean(), async (bytes, isZip) => {
        const name = isZip ? 'export.zip' : 'Connections.csv';
        const input = isZip ? zipSync({ 'Connections.csv': bytes, 'Invitations.csv': bytes, 'messages.csv': bytes }) : bytes;
        try {
          // importInto checks the result against the schema and the integrity rules of a data file.
          const { plan } = await importInto(base, name, input);
          expect(plan.report.added + plan.report.updated + plan.report.unchanged + plan.report.skipped).toBeGreaterThanOrEqual(
            plan.report.rows - plan.report.skipped,
          );
          for (const e of plan.report.errors) expect(e.line).toBeGreaterThan(0);
        } catch (err) {
          if (!isRefusal(err)) throw err;
          expect((err as KithError).message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 2500, seed: 20260115 },
    );
  });
});

describe('the data file stays byte-identical (property, real backend)', () => {
  let backend: Backend;
  let path: string;
  let before: Buffer;
  beforeAll(async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    path = join(await mkdtemp(join(tmpdir(), 'kith-prop-')), 'kith.json');
    await runCli(['init', '--example', '--data', path], { out: () => undefined, err: () => undefined });
    before = await readFile(path);
    backend = await createBackend({ dataPath: path, saveDebounceMs: 0, watch: false });
  });
  afterAll(async () => {
    await backend.close();
  });

  it('previews of malformed exports, refused or not, and their cancel never write', async () => {
    await fc.assert(
      fc.asyncProperty(malformedBytes, fc.constantFrom('Connections.csv', 'export.zip', 'notes.txt'), async (bytes, name) => {
        const input = name.endsWith('.zip') && bytes.length % 2 === 0 ? zipSync({ 'Connections.csv': bytes }) : bytes;
        const result = await backend.call('import:preview', {
          source: { kind: 'upload', name, dataBase64: Buffer.from(input).toString('base64') },
        });
        if (result.ok) {
          await backend.call('import:cancel', { previewId: (result.value as { previewId: string }).previewId });
        } else {
          expect(['rejected', 'invalid-input']).toContain(result.error.code);
        }
        await backend.session().store.flush();
        expect(await readFile(path)).toEqual(before);
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});

const contactArb: fc.Arbitrary<Contact> = fc.record({
  first: fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }),
    fc.constantFrom('Ada', 'Zoë 🌟', '美玲', 'O"Brien', 'Smith, PhD'),
  ),
  last: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 10 }), fc.constantFrom('Lee', 'Müller', 'Hart\nJr')),
  slug: fc.oneof(fc.constantFrom('ada', 'ada-lee', 'j%C3%BCrgen', 'J%C3%BCrgen'), fc.stringMatching(/^[a-z0-9-]{1,12}$/)),
  email: fc.option(fc.constantFrom('a@example.com', 'B@Example.com', 'not-an-email'), { nil: undefined }),
  company: fc.oneof(fc.constantFrom('', 'Acme', 'Acme, Inc', 'VP "Growth"'), fc.string({ unit: 'grapheme', maxLength: 8 })),
  position: fc.oneof(fc.constantFrom('', 'Engineer', 'Technical Recruiter'), fc.string({ unit: 'grapheme', maxLength: 8 })),
  connectedOn: fc
    .date({ min: new Date('2005-01-01T00:00:00Z'), max: new Date('2026-01-01T00:00:00Z'), noInvalidDate: true })
    .map((d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))),
  hidden: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(true as const) }),
});
const eraArb = fc.constantFrom<ConnectionsEra>('current', '2022', '2018', 'resaved');

function exportOf(contacts: readonly Contact[], era: ConnectionsEra, withEvidence: boolean): Uint8Array {
  const csv = strToU8(connectionsCsv(contacts, era));
  return withEvidence ? zipSync({ 'Connections.csv': csv }) : csv;
}

describe('re-import (property)', () => {
  it('is idempotent: importing an export again adds and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(contactArb, { maxLength: 25 }), eraArb, fc.boolean(), async (contacts, era, isZip) => {
        const name = isZip ? 'export.zip' : 'Connections.csv';
        const bytes = exportOf(contacts, era, isZip);
        let first: KithFile;
        try {
          first = (await importInto(emptyNetwork(), name, bytes)).doc;
        } catch (err) {
          if (isRefusal(err)) return;
          throw err;
        }
        const again = await importInto(first, name, bytes);
        expect(again.plan.report.added).toBe(0);
        expect(again.plan.report.updated).toBe(0);
        expect(networkOf(again.doc)).toEqual(networkOf(first));
      }),
      { numRuns: 1000, seed: 42 },
    );
  });

  it('never loses a person: after any newer export, every earlier person is still there, once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(contactArb, { maxLength: 15 }),
        fc.array(contactArb, { maxLength: 15 }),
        eraArb,
        async (older, newer, era) => {
          let a: KithFile;
          try {
            a = (await importInto(emptyNetwork(), 'Connections.csv', exportOf(older, era, false))).doc;
          } catch (err) {
            if (isRefusal(err)) return;
            throw err;
          }
          const both = [...older.slice(0, 5), ...newer];
          let b: KithFile;
          try {
            b = (await importInto(a, 'Connections.csv', exportOf(both, 'current', false))).doc;
          } catch (err) {
            if (isRefusal(err)) return;
            throw err;
          }
          const ids = new Set(b.people.map((p) => p.id));
          for (const p of a.people) expect(ids.has(p.id)).toBe(true);
          expect(new Set(b.ties.map((t) => [t.a, t.b].sort().join('|'))).size).toBe(b.ties.length);
          const again = await importInto(b, 'Connections.csv', exportOf(both, 'current', false));
          expect(networkOf(again.doc)).toEqual(networkOf(b));
        },
      ),
      { numRuns: 500, seed: 9 },
    );
  });
});
