import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend.js';
import { ImportRunner } from '../../../electron/backend/import/runner.js';
import { sha256, sha256Async } from '../../../electron/backend/store/fingerprint.js';
import { runCli } from '../../../electron/cli/main.js';
import { pairKey, serializeKithFile } from '../../../shared/data/fileFormat.js';
import { applyChanges, type Change } from '../../../shared/domain/changes.js';
import type { KithFile, Person, PersonId } from '../../../shared/domain/model.js';
import { parseCsv } from '../../../shared/import/csv.js';
import { hasMessySpace, isSpaceCode, nameKey, normaliseProfileUrl, readProfileUrl, urlKey } from '../../../shared/import/identity.js';
import { connectionsCsv, makeContacts, PREAMBLE } from '../../fixtures/generate-linkedin.js';
import { useTempDirs } from '../support/tempDir.js';
import { emptyNetwork, importInto, testContext, utf8 } from './support.js';

/*
 * The import's hot paths (line numbers, white space, profile URLs, the merge's
 * indexes, applying one large edit) are loops and shortcuts written for a
 * 30,000-row export. Each is checked here against the plain definition it
 * replaces, on generated input.
 */

/** Line numbers as defined: one line per row plus the line breaks inside its fields. */
function referenceLines(rows: readonly (readonly string[])[]): number[] {
  const lines: number[] = [];
  let line = 1;
  for (const row of rows) {
    lines.push(line);
    line += 1;
    for (const field of row) line += field.match(/\r\n|\r|\n/g)?.length ?? 0;
  }
  return lines;
}

const MESSY = /\s\s|^\s|\s$|[^\S ]/;

function referenceSegment(x: string): string {
  let decoded = x;
  try {
    decoded = decodeURIComponent(x);
  } catch {
    // kept as written
  }
  return decoded.normalize('NFC').toLowerCase();
}

/** The profile URL rules without shortcuts: one regular expression, every path segment decoded. */
function referenceNormalise(raw: string): string | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  const m = /^(?:https?:\/\/)?((?:[a-z0-9-]+\.)*linkedin\.com)(?::\d+)?(\/[^?#]*)?(?:[?#].*)?$/i.exec(s);
  if (!m) return s;
  const segments = (m[2] ?? '/')
    .split('/')
    .filter((x) => x !== '')
    .map(referenceSegment);
  const inAt = segments.indexOf('in');
  if (inAt >= 0 && segments[inAt + 1]) return `https://www.linkedin.com/in/${segments[inAt + 1]}`;
  return `https://www.linkedin.com/${segments.join('/')}`.replace(/\/$/, '');
}

function referenceKey(n: string): string {
  if (n.startsWith('https://www.linkedin.com/')) return n.slice(12);
  return n
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

describe('parseCsv line numbers', () => {
  const cell = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.constantFrom('"', '""', 'a"b', '\n', '\r', '\r\n', '"x\ny"', '"x\r\ny"', '"\r"', ',', ' '),
  );
  const csv = fc
    .tuple(fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
    .map(([rows, eol, trailing]) => rows.map((r) => r.join(',')).join(eol) + (trailing ? eol : ''));

  it('are the rows plus the line breaks inside fields, for any text; a row an unclosed quote broke keeps its line, so rows and issues together account for every line in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(csv, fc.string({ unit: 'binary', maxLength: 80 })), async (text) => {
        const table = await parseCsv(text, { delimiter: ',' });
        const spans = [
          ...table.rows.map((row, i) => ({ start: table.lines[i] as number, lines: referenceLines([row, []])[1] as number })),
          ...table.issues.map((issue) => ({ start: issue.line, lines: 2 })),
        ].sort((a, b) => a.start - b.start);
        let next = 1;
        for (const span of spans) {
          expect(span.start).toBe(next);
          next = span.start + span.lines - 1;
        }
        // Every line is some row's or some issue's; only an empty last line after a broken one may be nobody's.
        const total = (text.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
        expect(next - 1).toBeLessThanOrEqual(total);
        expect(next - 1).toBeGreaterThanOrEqual(text === '' || table.issues.length > 0 ? total - 1 : total);
        if (table.issues.length === 0) expect(table.lines).toEqual(referenceLines(table.rows));
      }),
      { numRuns: 3000, seed: 17 },
    );
  });

  it('count quoted line breaks in a large export', async () => {
    const contacts = makeContacts(3000, 2);
    const text = connectionsCsv(contacts, 'current').replace('Ada', '"Ada\nLovelace"');
    const table = await parseCsv(text, { delimiter: ',' });
    expect(table.lines).toEqual(referenceLines(table.rows));
    expect(table.lines.at(-1)).toBe(table.rows.length + 1);
  });
});

describe('white space and names', () => {
  it('isSpaceCode is the class \\s, which is also what trim removes', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      expect(isSpaceCode(c), `U+${c.toString(16)}`).toBe(/\s/.test(ch));
      expect(isSpaceCode(c), `U+${c.toString(16)}`).toBe(ch.trim() === '');
    }
  });

  it('hasMessySpace is /\\s\\s|^\\s|\\s$|[^\\S ]/ and nameKey folds as before', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 10 }),
      fc
        .array(fc.constantFrom('a', 'Ä', ' ', '  ', '\t', '\n', '\u00a0', '\u3000', '\ufeff', 'İ', 'e\u0301', '美'), { maxLength: 6 })
        .map((a) => a.join('')),
    );
    fc.assert(
      fc.property(text, (s) => {
        expect(hasMessySpace(s)).toBe(MESSY.test(s));
        const n = s.normalize('NFC').toLowerCase();
        expect(nameKey(s)).toBe(MESSY.test(n) ? n.replace(/\s+/g, ' ').trim() : n);
      }),
      { numRuns: 20000, seed: 5 },
    );
  });
});

describe('profile URLs', () => {
  const piece = fc.constantFrom(
    'https://',
    'http://',
    'www.',
    'de.',
    'linkedin.com',
    'LinkedIn.com',
    '/in/',
    '/in',
    '/',
    '//',
    '?',
    '#',
    'trk=1',
    '%C3%BC',
    '%E0%A4',
    '%',
    '%2F',
    'ü',
    'Ü',
    'u\u0308',
    'a',
    'A',
    '-',
    '_',
    '0',
    ' ',
    '\n',
    '\u00a0',
    'x.com',
    ':8080',
    '美',
  );
  const url = fc.oneof(
    fc.array(piece, { maxLength: 10 }).map((a) => a.join('')),
    fc.array(piece, { maxLength: 6 }).map((a) => `https://www.linkedin.com/in/${a.join('')}`),
    fc.string({ maxLength: 20 }),
  );

  it('normalise, key and read the same as the general rules, for any text', () => {
    fc.assert(
      fc.property(url, (raw) => {
        const n = referenceNormalise(raw);
        const key = n === undefined ? undefined : referenceKey(n);
        expect(normaliseProfileUrl(raw)).toBe(n);
        expect(urlKey(raw)).toBe(key);
        expect(readProfileUrl(raw, { url: 'stale', key: 'stale' })).toEqual({ url: n, key });
      }),
      { numRuns: 30000, seed: 23 },
    );
  });
});

/** applyChanges as first written: a map of every entity's position, a copy, a filter. */
function referenceApply(doc: KithFile, changes: readonly Change[], direction: 'forward' | 'backward'): KithFile {
  const fields = {
    person: 'people',
    tie: 'ties',
    community: 'communities',
    opportunity: 'opportunities',
    import: 'imports',
    introDecision: 'introDecisions',
  } as const;
  const keyOf = (kind: string, e: Record<string, string>) =>
    kind === 'introDecision' ? pairKey(e.a as string, e.b as string) : (e.id as string);
  const ordered = direction === 'forward' ? changes : [...changes].reverse();
  const byField = new Map<string, { kind: string; updates: Array<{ key: string; value: unknown }> }>();
  for (const change of ordered) {
    const to = direction === 'forward' ? change.after : change.before;
    const entity = to ?? (direction === 'forward' ? change.before : change.after);
    if (entity === undefined) continue;
    const field = fields[change.kind];
    const entry = byField.get(field) ?? { kind: change.kind, updates: [] };
    entry.updates.push({ key: keyOf(change.kind, entity as unknown as Record<string, string>), value: to });
    byField.set(field, entry);
  }
  const next = { ...doc } as Record<string, unknown>;
  for (const [field, { kind, updates }] of byField) {
    const current = ((doc as unknown as Record<string, unknown[]>)[field] ?? []) as Array<Record<string, string>>;
    const position = new Map<string, number>();
    current.forEach((e, i) => position.set(keyOf(kind, e), i));
    const result: unknown[] = [...current];
    for (const { key, value } of updates) {
      const at = position.get(key);
      if (at === undefined) {
        if (value !== undefined) {
          position.set(key, result.length);
          result.push(value);
        }
      } else result[at] = value;
    }
    next[field] = result.filter((e) => e !== undefined);
  }
  return next as unknown as KithFile;
}

describe('applyChanges', () => {
  it('gives what replacing by position gives, for any changes (repeated keys, deletes, re-creations)', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    const entity = fc.record({ id, name: fc.constantFrom('x', 'y', 'z') });
    const decision = fc.record({ a: id, b: id, decision: fc.constantFrom('dismissed', 'snoozed') });
    const change = fc.oneof(
      fc.record({
        kind: fc.constant('person' as const),
        before: fc.option(entity, { nil: undefined }),
        after: fc.option(entity, { nil: undefined }),
      }),
      fc.record({
        kind: fc.constant('tie' as const),
        before: fc.option(entity, { nil: undefined }),
        after: fc.option(entity, { nil: undefined }),
      }),
      fc.record({
        kind: fc.constant('introDecision' as const),
        before: fc.option(decision, { nil: undefined }),
        after: fc.option(decision, { nil: undefined }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(entity, { maxLength: 6 }),
        fc.array(entity, { maxLength: 4 }),
        fc.array(change, { maxLength: 12 }),
        fc.constantFrom('forward' as const, 'backward' as const),
        (people, ties, changes, direction) => {
          const doc = { ...emptyNetwork(), people, ties } as unknown as KithFile;
          const edit = changes as unknown as Change[];
          expect(JSON.stringify(applyChanges(doc, edit, direction))).toBe(JSON.stringify(referenceApply(doc, edit, direction)));
        },
      ),
      { numRuns: 20000, seed: 29 },
    );
  });
});

describe('merge indexes', () => {
  const HEADER = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
  const csv = (...rows: string[]) => utf8([...PREAMBLE, HEADER, ...rows].join('\n'));

  it('match by name and date the first namesake of the day in file order, and only one without another URL', async () => {
    const base = emptyNetwork();
    const people: Person[] = [
      ...base.people,
      { id: 'p_1' as PersonId, name: 'Ada Lee', connectedOn: '2024-01-08', url: 'https://www.linkedin.com/in/ada-one' },
      { id: 'p_2' as PersonId, name: 'ADA  LEE', connectedOn: '2024-01-08' },
      { id: 'p_3' as PersonId, name: 'Bo Ek', connectedOn: '2024-01-08' },
      { id: 'p_4' as PersonId, name: 'Bo Ek', connectedOn: '2024-01-08' },
    ];
    const doc: KithFile = { ...base, people };
    // A row with another URL: the first Ada of the day carries a URL, so no one is matched.
    const withUrl = await importInto(doc, 'Connections.csv', csv('Ada,Lee,https://www.linkedin.com/in/ada-two,,Acme,Eng,08 Jan 2024'));
    expect(withUrl.plan.report).toMatchObject({ added: 1, updated: 0 });
    // Without a URL: the first Ada of the day, whatever her URL; the first of two Bo Eks.
    const noUrl = await importInto(doc, 'Connections.csv', csv('Ada,Lee,,,Acme,Eng,08 Jan 2024', 'Bo,Ek,,,Acme,Eng,08 Jan 2024'));
    expect(noUrl.plan.report).toMatchObject({ added: 0, updated: 2 });
    expect(noUrl.doc.people.find((p) => p.id === 'p_1')?.company).toBe('Acme');
    expect(noUrl.doc.people.find((p) => p.id === 'p_3')?.company).toBe('Acme');
    expect(noUrl.doc.people.find((p) => p.id === 'p_4')?.company).toBeUndefined();
  });

  it('take the first person with a URL key, and tell duplicates of a known URL by line', async () => {
    const first = await importInto(emptyNetwork(), 'Connections.csv', csv('Ada,Lee,https://www.linkedin.com/in/ada,,Acme,Eng,08 Jan 2024'));
    const ada = first.doc.people.find((p) => p.name === 'Ada Lee') as Person;
    const twin: Person = { ...ada, id: 'p_twin' as PersonId, url: 'https://de.linkedin.com/in/ADA/' };
    const doc: KithFile = { ...first.doc, people: [...first.doc.people, twin] };
    const again = await importInto(
      doc,
      'Connections.csv',
      csv(
        'Ada,Lee,https://www.linkedin.com/in/ada,,Beta,Lead,08 Jan 2024',
        'Ada,Lee,https://www.linkedin.com/in/ada/,,Beta,Lead,08 Jan 2024',
      ),
      testContext(),
    );
    expect(again.plan.report.skippedRows).toEqual([{ line: 6, kind: 'duplicate', reason: 'the same person as line 5' }]);
    expect(again.doc.people.find((p) => p.id === ada.id)?.company).toBe('Beta');
    expect(again.doc.people.find((p) => p.id === 'p_twin')?.company).toBe('Acme');
  });
});

describe('preview and commit share the plan', () => {
  const tempDir = useTempDirs();
  const open: Backend[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
  });

  it('plans once when the network is unchanged at commit, again when it changed', async () => {
    const path = `${await tempDir()}/kith.json`;
    expect(await runCli(['init', '--data', path, '--owner', 'Robin'], { out: () => undefined, err: () => undefined })).toBe(0);
    const backend = await createBackend({ dataPath: path, saveDebounceMs: 0, watch: false });
    open.push(backend);
    // Each plan reads the clock twice (the day for "used to work at", the time of the import record).
    let clockReads = 0;
    const runner = new ImportRunner({ session: () => backend.session(), now: () => (clockReads++, new Date('2026-04-01T10:00:00Z')) });
    const bytes = utf8(connectionsCsv(makeContacts(50, 4), 'current'));
    const source = { kind: 'upload' as const, name: 'Connections.csv', dataBase64: Buffer.from(bytes).toString('base64') };

    const preview = await runner.preview(source);
    const perPlan = clockReads;
    expect(perPlan).toBeGreaterThan(0);
    await runner.commit(preview.previewId);
    expect(clockReads).toBe(perPlan);

    const second = await runner.preview(source);
    backend.session().apply({
      label: 'Rename me',
      changes: [
        {
          kind: 'person',
          before: backend.session().doc.people[0],
          after: { ...(backend.session().doc.people[0] as Person), name: 'Robin R.' },
        },
      ],
    });
    await runner.commit(second.previewId);
    expect(clockReads).toBe(perPlan * 3);
  });
});

describe('save path', () => {
  it('hashes the bytes off the thread to the same digest', async () => {
    const doc = (await importInto(emptyNetwork(), 'Connections.csv', utf8(connectionsCsv(makeContacts(5000, 6), 'current')))).doc;
    const data = Buffer.from(serializeKithFile(doc), 'utf8');
    expect(await sha256Async(data)).toBe(sha256(data));
  });
});
