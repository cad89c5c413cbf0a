import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvSafe, exportNetwork } from '../../../shared/export/exportNetwork.js';
import { exampleNetwork } from '../../../shared/domain/example.js';
import type { PersonId } from '../../../shared/domain/model.js';

/** What some spreadsheet skips, folds or trims before it looks for a formula: each must not lead a cell unprefixed. */
const LEADERS = {
  'line feed': '\n',
  'carriage return': '\r',
  tab: '\t',
  space: ' ',
  'no-break space': '\u00a0',
  'ideographic space': '\u3000',
  'zero-width space': '\u200b',
  'zero-width joiner': '\u200d',
  'word joiner': '\u2060',
  'byte order mark': '\ufeff',
  'full-width =': '\uff1d',
  'full-width +': '\uff0b',
  'full-width -': '\uff0d',
  'full-width @': '\uff20',
};

describe('CSV export neutralises every leading character a spreadsheet may read a formula after', () => {
  it.each(Object.entries(LEADERS))('%s', (_name, lead) => {
    expect(csvSafe(`${lead}=cmd|' /C calc'!A0`)).toBe(`'${lead}=cmd|' /C calc'!A0`);
    expect(csvSafe(`${lead}SUM(1)`).startsWith("'")).toBe(true);
  });

  it('in the exported file, no cell starts with any of them or with = + - @', () => {
    const doc = exampleNetwork('Robin', 'me' as PersonId);
    const leads = Object.values(LEADERS);
    const people = doc.people.map((p, i) =>
      i === 0 ? p : { ...p, notes: `${leads[i % leads.length] as string}=1+1`, position: `\uff1dHYPERLINK("x")` },
    );
    const csv = exportNetwork({ ...doc, people }, 'csv').content;
    const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\s\u200b-\u200d\u2060\ufeff\uff1d\uff0b\uff0d\uff20]/);
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['Ada Lovelace', 'Café', '2026-01-01', '(555) 123', 'a=b', '']) expect(csvSafe(text)).toBe(text);
  });
});
