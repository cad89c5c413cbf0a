import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { KithError } from '../../../shared/api/envelope.js';
import { columnKey, detectHeader } from '../../../shared/import/columns.js';
import { parseCsv } from '../../../shared/import/csv.js';
import { isoDate, isoTimestamp, parseDate, slashOrderOf } from '../../../shared/import/dates.js';
import { decodeText } from '../../../shared/import/decode.js';
import { normaliseProfileUrl, urlKey } from '../../../shared/import/identity.js';
import { readZip } from '../../../shared/import/zip.js';
import { connectionsCsv, linkedinFixtures, makeContacts, PREAMBLE, utf16, windows1252 } from '../../fixtures/generate-linkedin.js';
import { parse, utf8 } from './support.js';

const fixtures = linkedinFixtures();
const fixture = (name: string) => {
  const bytes = fixtures[name];
  if (!bytes) throw new Error(`no fixture ${name}`);
  return bytes;
};

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM, and UTF-16 by its BOM', () => {
    expect(decodeText(utf8('Zoë 🌟'), 'a.csv')).toEqual({ text: 'Zoë 🌟', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Zoë')]), 'a.csv')).toEqual({ text: 'Zoë', encoding: 'utf-8-bom' });
    expect(decodeText(utf16('美玲,王', 'le'), 'a.csv')).toEqual({ text: '美玲,王', encoding: 'utf-16le' });
    expect(decodeText(utf16('Андрей,Смирнов', 'be'), 'a.csv')).toEqual({ text: 'Андрей,Смирнов', encoding: 'utf-16be' });
  });

  it('recognises UTF-16 without a BOM by its NUL pattern', () => {
    const bytes = utf16('First Name,Last Name,Connected On\nAda,Lee,08 Jan 2024', 'le').subarray(2);
    expect(decodeText(bytes, 'a.csv').encoding).toBe('utf-16le');
  });

  it('reads invalid UTF-8 as Windows-1252 with a warning naming the line', () => {
    const decoded = decodeText(windows1252('Name\nChloé ’s “Café”'), 'Connections.csv');
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toBe('Name\nChloé ’s “Café”');
    expect(decoded.warning).toMatch(/Connections\.csv is not valid UTF-8 \(first at line 2\).*Windows-1252/);
  });

  it('refuses binary data and broken UTF-16', () => {
    expect(() => decodeText(fixture('bad/binary.csv'), 'x.csv')).toThrow(/binary/);
    expect(() => decodeText(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]), 'x.csv')).toThrow(/not valid UTF-16/);
  });
});

describe('parseDate', () => {
  it.each([
    ['08 Jan 2024', '2024-01-08', 'd Mon yyyy'],
    ['5-Jan-26', '2026-01-05', 'd-Mon-yy'],
    ['1/8/18, 6:14 PM', '2018-01-08', 'slash-time'],
    ['3/12/24, 11:20 AM', '2024-03-12', 'slash-time'],
    ['2024-01-08', '2024-01-08', 'iso'],
    ['Jan 8, 2024', '2024-01-08', 'Mon d, yyyy'],
    ['08.01.2024', '2024-01-08', 'dotted'],
    ['12/31/2019', '2019-12-31', 'slash'],
  ])('%s → %s', (raw, date, style) => {
    const p = parseDate(raw);
    expect(p && isoDate(p)).toBe(date);
    expect(p?.style).toBe(style);
  });

  it('reads times, 12 AM/PM and UTC stamps', () => {
    expect(isoTimestamp(parseDate('1/8/18, 6:14 PM') as never)).toBe('2018-01-08T18:14:00Z');
    expect(isoTimestamp(parseDate('1/8/18, 12:05 AM') as never)).toBe('2018-01-08T00:05:00Z');
    expect(isoTimestamp(parseDate('2023-06-11 15:33:58 UTC') as never)).toBe('2023-06-11T15:33:58Z');
  });

  it('refuses dates that do not exist and text that is not a date', () => {
    for (const raw of [
      '31 Apr 2024',
      '29 Feb 2023',
      '13/13/2020',
      '0 Jan 2020',
      'yesterday',
      '',
      '2024-02-30',
      '1/8/18, 13:00 PM',
      '08 Foo 2024',
    ]) {
      expect(parseDate(raw), raw).toBeUndefined();
    }
    expect(parseDate('29 Feb 2024')).toBeDefined();
  });

  it('reads a column day-first only when month-first is impossible', () => {
    expect(slashOrderOf(['1/8/18', '12/1/18'])).toBe('mdy');
    expect(slashOrderOf(['25/1/2024', '3/2/2024'])).toBe('dmy');
    expect(isoDate(parseDate('3/2/2024', 'dmy') as never)).toBe('2024-02-03');
  });
});

describe('profile URLs', () => {
  it('normalises scheme, host, case, trailing slash, query and percent-encoding', () => {
    const canonical = 'https://www.linkedin.com/in/jürgen-müller-1a2b';
    for (const raw of [
      'https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-1a2b',
      'http://linkedin.com/in/J%C3%BCrgen-M%C3%BCller-1a2b/',
      'www.linkedin.com/in/jürgen-müller-1a2b?trk=abc#x',
      ' https://de.linkedin.com/in/jürgen-müller-1a2b/ ',
    ]) {
      expect(normaliseProfileUrl(raw)).toBe(canonical);
    }
    expect(urlKey('https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-1a2b')).toBe(urlKey(canonical));
    expect(normaliseProfileUrl('https://www.linkedin.com/in/%E0%A4')).toBe('https://www.linkedin.com/in/%e0%a4');
    expect(normaliseProfileUrl('   ')).toBeUndefined();
    expect(normaliseProfileUrl('https://example.com/me')).toBe('https://example.com/me');
  });
});

describe('header detection', () => {
  it('finds the header by its column names in any order, case, spacing or BOM', () => {
    const text = `\uFEFF  connected_on ;EMAIL ADDRESS; last name ;First Name;Url\n08 Jan 2024;;Lee;Ada;https://www.linkedin.com/in/ada`;
    const found = detectHeader(text);
    expect(found).toMatchObject({ kind: 'connections', delimiter: ';', headerRow: 0 });
    expect(found?.columns).toMatchObject({ connectedOn: 0, email: 1, lastName: 2, firstName: 3, url: 4 });
    expect(columnKey('\uFEFFConnected On')).toBe('connectedon');
  });

  it('skips the preamble of today’s export', () => {
    const text = connectionsCsv(makeContacts(3), 'current');
    expect(text.split('\n').slice(0, 3)).toEqual(PREAMBLE);
    expect(detectHeader(text)).toMatchObject({ kind: 'connections', headerRow: 3 });
  });

  it('tells invitations, messages and profile files apart', () => {
    expect(detectHeader('From,To,Sent At,Message,Direction\n')?.kind).toBe('invitations');
    expect(
      detectHeader('CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n')
        ?.kind,
    ).toBe('messages');
    expect(detectHeader('First Name,Last Name,Maiden Name,Address,Birth Date,Headline\n')?.kind).toBe('profile');
    expect(detectHeader('id,title,price\n')).toBeUndefined();
  });
});

describe('parseCsv', () => {
  it('keeps true line numbers across quoted line breaks and blank lines', async () => {
    const table = await parseCsv('a,b\n"x\ny",1\n\nz,"2\r\n3"\nlast,4', { delimiter: ',' });
    // LF rows and a CRLF in a field: mixed line breaks, all read as LF (one break each, so the lines stay true).
    expect(table.rows).toEqual([['a', 'b'], ['x\ny', '1'], [''], ['z', '2\n3'], ['last', '4']]);
    expect(table.lines).toEqual([1, 2, 4, 5, 7]);
  });

  it('yields between chunks when asked, with the same result', async () => {
    const text = connectionsCsv(makeContacts(30_000 / 10), 'current');
    let pauses = 0;
    const a = await parseCsv(text, { delimiter: ',' });
    const b = await parseCsv(text, { delimiter: ',', pause: async () => void (pauses += 1) });
    expect(b).toEqual(a);
    expect(pauses).toBeGreaterThanOrEqual(0);
  });

  it('reads a text in chunks (with pauses) exactly as in one call', async () => {
    // Over 2 MB: chunk boundaries fall inside rows; a quoted field with a line break shifts the later line numbers.
    const contacts = makeContacts(30_000);
    contacts[10_500] = { ...contacts[10_500]!, position: 'Head of\nResearch, "Lab"' };
    const text = connectionsCsv(contacts, 'current');
    expect(text.length).toBeGreaterThan(2 << 20);
    let pauses = 0;
    const whole = await parseCsv(text, { delimiter: ',' });
    const chunked = await parseCsv(text, { delimiter: ',', syncParseChars: 0, pause: async () => void (pauses += 1) });
    expect(pauses).toBeGreaterThanOrEqual(2);
    expect(chunked.lines).toEqual(whole.lines);
    expect(chunked.rows).toEqual(whole.rows);
    expect(whole.lines.at(-1)).toBe(whole.rows.length + 1);
    expect(whole.rows.some((r) => r.includes('Head of\nResearch, "Lab"'))).toBe(true);
  });
});

describe('eras and quirks (generated fixtures)', () => {
  it.each([
    ['connections-current.csv', 'current', false, 'utf-8'],
    ['connections-2022.csv', '2022', false, 'utf-8'],
    ['connections-2018.csv', '2018', false, 'utf-8'],
    ['connections-resaved.csv', 'current', true, 'utf-8-bom'],
    ['connections-windows-1252.csv', 'current', false, 'windows-1252'],
    ['connections-utf16le.csv', 'current', false, 'utf-16le'],
    ['connections-utf16be.csv', 'current', false, 'utf-16be'],
    ['Basic_LinkedInDataExport_2022.zip', '2022', false, 'utf-8'],
  ])('%s: era %s, re-saved %s, %s', async (name, era, isResaved, encoding) => {
    const parsed = await parse(name, fixture(name));
    expect(parsed.era).toBe(era);
    expect(parsed.isResaved).toBe(isResaved);
    expect(parsed.files[0]).toMatchObject({ kind: 'connections', encoding });
    expect(parsed.hasEncodingWarning).toBe(encoding === 'windows-1252');
    expect(parsed.connections.skipped.filter((s) => s.kind === 'invalid')).toEqual([]);
    expect(parsed.connections.hidden).toBeGreaterThan(0);
  });

  it('reads names in every script, quoted commas and quotes, and decoded slugs', async () => {
    const parsed = await parse('connections-current.csv', fixture('connections-current.csv'));
    const names = parsed.connections.rows.map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/, PhD$/),
        expect.stringMatching(/🌟|🚀/),
        expect.stringMatching(/\p{Script=Greek}|\p{Script=Han}|\p{Script=Cyrillic}|\p{Script=Arabic}/u),
      ]),
    );
    expect(parsed.connections.rows.map((r) => r.position)).toContain('VP "Growth"');
    expect(parsed.connections.rows.some((r) => /linkedin\.com\/in\/[^%]*[^ -~]/.test(r.url ?? ''))).toBe(true);
    expect(parsed.connections.rows.every((r) => !r.url || !r.url.includes('%'))).toBe(true);
  });

  it('gives the same people from every encoding and the re-save', async () => {
    const base = (await parse('connections-current.csv', fixture('connections-current.csv'))).connections.rows.map(
      ({ line: _l, ...r }) => r,
    );
    for (const name of ['connections-resaved.csv', 'connections-utf16le.csv', 'connections-utf16be.csv']) {
      const rows = (await parse(name, fixture(name))).connections.rows.map(({ line: _l, ...r }) => r);
      expect(rows, name).toEqual(base);
    }
  });

  it('reports rejected rows with their line and reason, and counts date-only rows as hidden', async () => {
    const text = [
      ...PREAMBLE,
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
      'Ada,Lee,https://www.linkedin.com/in/ada,,Acme,Engineer,08 Jan 2024',
      ',,,,,,09 Jan 2024',
      ',,https://www.linkedin.com/in/nameless,,Acme,,09 Jan 2024',
      'Ben,Ode,https://www.linkedin.com/in/ben,,"Acme, Inc",Lead,31 Feb 2024',
      'Cy,Ro,,,Acme,Lead,someday',
      'Dee,Xu,https://www.linkedin.com/in/dee,,Acme,Lead,08 Jan 2024,extra',
      `Eve,${'x'.repeat(250)},https://www.linkedin.com/in/eve,,,,08 Jan 2024`,
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
      '"Fay ""Fi""",Ng,https://www.linkedin.com/in/fay,fay@example.com,,,"08 Jan 2024"',
    ].join('\n');
    const parsed = await parse('Connections.csv', utf8(text));
    expect(parsed.connections.rows.map((r) => [r.line, r.name])).toEqual([
      [5, 'Ada Lee'],
      [8, 'Ben Ode'],
      [13, 'Fay "Fi" Ng'],
    ]);
    expect(parsed.connections.hidden).toBe(1);
    expect(parsed.connections.skipped).toEqual([
      { line: 6, kind: 'hidden', reason: expect.stringMatching(/hidden or closed/) },
      { line: 7, kind: 'invalid', reason: 'has no First Name or Last Name' },
      { line: 9, kind: 'invalid', reason: expect.stringMatching(/"someday" is not a date/) },
      { line: 10, kind: 'invalid', reason: expect.stringMatching(/has 8 fields but the header has 7/) },
      { line: 11, kind: 'invalid', reason: expect.stringMatching(/name is 254 characters long/) },
      { line: 12, kind: 'invalid', reason: expect.stringMatching(/repeats the header/) },
    ]);
    expect(parsed.warnings).toEqual([
      { file: 'Connections.csv', line: 8, message: expect.stringMatching(/"31 Feb 2024" is not a date; Ben Ode is imported without it/) },
    ]);
  });
});

describe('what is not a LinkedIn export is refused with a reason', () => {
  it.each([
    ['bad/not-linkedin.csv', /not a LinkedIn Connections\.csv.*“id”, “title”, “price”/],
    ['bad/empty.csv', /not a LinkedIn Connections\.csv.*empty/],
    ['bad/invitations-only.csv', /is LinkedIn’s Invitations\.csv, not Connections\.csv/],
    ['bad/truncated.zip', /not a ZIP file Kith can read/],
    ['bad/no-connections.zip', /holds no Connections\.csv.*Profile\.csv/],
    ['bad/binary.csv', /binary data/],
  ])('%s', async (name, message) => {
    const error = await parse(name, fixture(name)).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(KithError);
    expect((error as KithError).code).toBe('rejected');
    expect((error as KithError).message).toMatch(message);
  });

  it('refuses a ZIP whose files unpack beyond the limits before inflating them', () => {
    const zip = zipSync({ 'Connections.csv': strToU8('x'.repeat(200_000)) });
    expect(() => readZip(zip, 'bomb.zip', { maxEntryBytes: 100_000, maxTotalBytes: 1_000_000 })).toThrow(
      /unpacks to 0\.2 MB; Kith reads at most 0\.1 MB per file/,
    );
    expect(readZip(zip, 'ok.zip', { maxEntryBytes: 300_000, maxTotalBytes: 1_000_000 })).toHaveLength(1);
  });

  it('reads only the export files of a ZIP, the shallowest of each', () => {
    const zip = zipSync({
      'a/b/Connections.csv': strToU8('deep'),
      'a/Connections.csv': strToU8('shallow'),
      'a/Ad_Targeting.csv': strToU8('x'),
      '__MACOSX/a/._Connections.csv': strToU8('junk'),
    });
    expect(readZip(zip, 'x.zip').map((f) => [f.path, new TextDecoder().decode(f.bytes)])).toEqual([['a/Connections.csv', 'shallow']]);
  });
});
