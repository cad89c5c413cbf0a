import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/api/contract/import.js';
import { parseCsv } from '../../../shared/import/csv.js';
import { rng } from '../../fixtures/generate/network.js';
import { readExport } from '../../../shared/import/readExport.js';
import { connectionsCsv, makeContacts, messagesCsv } from '../../fixtures/generate-linkedin.js';
import { emptyNetwork, importInto, utf8 } from './support.js';

/** A current-era Connections.csv of `n` visible contacts, as lines. */
function connectionLines(n: number, seed = 5): string[] {
  const contacts = makeContacts(n + 20, seed)
    .filter((c) => !c.hidden)
    .slice(0, n);
  return connectionsCsv(contacts, 'current').split('\n');
}

async function report(text: string): Promise<ImportReport> {
  return (await importInto(emptyNetwork(), 'Connections.csv', utf8(text))).plan.report;
}

describe('an unclosed quote in Connections.csv', () => {
  it('1,000 rows with an unclosed quote on data row 3: that row is an error naming the line it opens on and the lines it swallowed; the 999 others are imported', async () => {
    const lines = connectionLines(1_000);
    const header = lines.findIndex((l) => l.startsWith('First Name'));
    const at = header + 3;
    // `Acme, Inc` as a spreadsheet user types it: an opening quote, no closing one.
    lines[at] = (lines[at] as string).replace(/,([^,]*),([^,]*),([^,]*)$/, ',"$1 and more,$2,$3');
    const r = await report(lines.join('\n'));
    expect(r.added).toBe(999);
    expect(r.rows).toBe(1_000);
    expect(r.errorCount).toBe(1);
    const line = at + 1;
    expect(r.errors[0]?.line).toBe(line);
    expect(r.errors[0]?.message).toContain('quote');
    // It runs on to the next line that holds a quote (a quoted cell), or to the end of the file.
    const closer = lines.findIndex((l, i) => i > at && l.includes('"'));
    const last = closer < 0 ? lines.length : closer + 1;
    expect(r.errors[0]?.message).toContain(last > line + 1 ? `swallowed lines ${line + 1}–${last}` : `swallowed line ${last}`);
  });

  it('the case the issue saw: no later quote closes it, so it ran to the end of the file; the 997 rows after it are imported', async () => {
    const lines = connectionLines(1_000).map((l) => l.replace(/"([^"]*)"/g, (_m, inner: string) => inner.replace(/,/g, ' ')));
    const header = lines.findIndex((l) => l.startsWith('First Name'));
    const at = header + 3;
    lines[at] = (lines[at] as string).replace(/,([^,]*),([^,]*),([^,]*)$/, ',"$1,$2,$3');
    const r = await report(lines.join('\n'));
    expect(r.added).toBe(999);
    expect(r.errors).toEqual([{ line: at + 1, message: expect.stringContaining(`swallowed lines ${at + 2}–${lines.length}`) }]);
  });

  it('several unclosed quotes, on the last line too: each is one error, and every other row is imported', async () => {
    const lines = connectionLines(200);
    const header = lines.findIndex((l) => l.startsWith('First Name'));
    const broken = [header + 1, header + 50, header + 51, lines.length - 1];
    for (const i of broken) lines[i] = `"${lines[i] as string}`;
    const r = await report(lines.join('\n'));
    expect(r.errors.map((e) => e.line)).toEqual(broken.map((i) => i + 1));
    expect(r.added).toBe(200 - broken.length);
  });

  it('a quote that a later row closes (the rows between glued into one field) is caught the same way', async () => {
    const lines = connectionLines(100);
    const header = lines.findIndex((l) => l.startsWith('First Name'));
    lines[header + 10] = (lines[header + 10] as string).replace(/,([^,]*)$/, ',"$1');
    lines[header + 14] = (lines[header + 14] as string).replace(/^([^,]*),/, '$1,"x",');
    const r = await report(lines.join('\n'));
    // Row 10 is the error; row 14 has a field too many and is an error of its own; nothing else is lost.
    expect(r.errors.map((e) => e.line)).toEqual([header + 11, header + 15]);
    expect(r.errors[0]?.message).toContain('quote');
    expect(r.added).toBe(98);
  });
});

describe('mixed line endings', () => {
  it('rows ended by a random mix of CRLF, LF and CR read as the rows they are', async () => {
    const lines = connectionLines(300);
    const random = rng(42);
    const breaks = ['\r\n', '\n', '\r'];
    const text = lines.map((l, i) => (i === 0 ? l : `${breaks[Math.floor(random() * 3)] as string}${l}`)).join('');
    const r = await report(text);
    expect(r.errorCount).toBe(0);
    expect(r.added).toBe(300);
  });
});

describe('parseCsv', () => {
  const table = 'a,b,c\n1,2,3\n4,"5,6\n7,8,9\n10,"multi\nline",12\n';

  for (const syncParseChars of [Infinity, 0]) {
    it(`recovers the rows an unclosed quote swallowed, with their true line numbers (${syncParseChars === 0 ? 'in chunks' : 'in one call'})`, async () => {
      const t = await parseCsv(table, { delimiter: ',', syncParseChars });
      expect(t.rows.filter((r) => r.some((c) => c !== ''))).toEqual([
        ['a', 'b', 'c'],
        ['1', '2', '3'],
        ['7', '8', '9'],
        ['10', 'multi\nline', '12'],
      ]);
      expect(t.lines.slice(0, 4)).toEqual([1, 2, 4, 5]);
      expect(t.issues).toEqual([{ line: 3, message: expect.stringContaining('lines 4–6') }]);
    });
  }

  it('a legitimate quoted line break is no issue', async () => {
    const t = await parseCsv('a,b\n"x\ny",2\n3,4', { delimiter: ',' });
    expect(t.rows).toEqual([
      ['a', 'b'],
      ['x\ny', '2'],
      ['3', '4'],
    ]);
    expect(t.lines).toEqual([1, 2, 4]);
    expect(t.issues).toEqual([]);
  });
});

describe('an unclosed quote in messages.csv', () => {
  it('is a warning naming messages.csv and the line; the messages after it still count', async () => {
    const contacts = makeContacts(40, 9);
    const connections = utf8(connectionsCsv(contacts, 'current'));
    const messages = messagesCsv(contacts).split('\n');
    const at = messages.findIndex((l) => l.includes('Following up'));
    const whole = await readExport('export', [
      { path: 'Connections.csv', bytes: connections },
      { path: 'messages.csv', bytes: utf8(messages.join('\n')) },
    ]);
    messages[at] = (messages[at] as string).replace(/,"?Following up/, ',"Following up "and then');
    messages[at] = (messages[at] as string).replace(/"(,INBOX)/, '$1');
    const broken = await readExport('export', [
      { path: 'Connections.csv', bytes: connections },
      { path: 'messages.csv', bytes: utf8(messages.join('\n')) },
    ]);
    expect(broken.messageRows).toBe(whole.messageRows - 1);
    expect(broken.warnings).toContainEqual({ file: 'messages.csv', line: at + 1, message: expect.stringContaining('quote') });
  });
});
