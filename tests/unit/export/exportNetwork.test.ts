import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvSafe, exportNetwork, xmlEscape } from '../../../shared/export/exportNetwork.js';
import { exampleNetwork } from '../../../shared/domain/example.js';
import type { KithFile, PersonId } from '../../../shared/domain/model.js';

const hostile = (): KithFile => {
  const doc = exampleNetwork('Robin', 'me' as PersonId);
  const people = doc.people.map((p, i) =>
    i === 1
      ? { ...p, name: '=HYPERLINK("http://evil","x")', company: '+1+cmd|calc', notes: '@SUM(1)' }
      : i === 2
        ? { ...p, name: '<b>"Bold" & \'co\'</b>\u0001' }
        : p,
  );
  return { ...doc, people };
};

describe('exportNetwork', () => {
  it('CSV: one row per contact, formula cells neutralised, quotes round-trip', () => {
    const file = exportNetwork(hostile(), 'csv');
    const parsed = Papa.parse<string[]>(file.content.trim(), { skipEmptyLines: true });
    const [header, ...rows] = parsed.data;
    expect(header?.[0]).toBe('name');
    expect(rows).toHaveLength(12);
    const evil = rows.find((r) => (r[0] ?? '').includes('HYPERLINK'));
    expect(evil?.[0]).toBe('\'=HYPERLINK("http://evil","x")');
    expect(evil?.[1]).toBe("'+1+cmd|calc");
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const mei = rows.find((r) => r[0] === 'Mei Chen');
    expect(mei?.[9]).toBe('living');
    expect(mei?.[14]).toBe('Ana Costa');
  });

  it('csvSafe leaves ordinary text alone', () => {
    expect(csvSafe('Ada Lovelace')).toBe('Ada Lovelace');
    expect(csvSafe('-5')).toBe("'-5");
  });

  it('GraphML: well-formed, escaped, undirected, every node and edge', () => {
    const doc = hostile();
    const xml = exportNetwork(doc, 'graphml').content;
    expect(xml).toContain('edgedefault="undirected"');
    expect(xml.match(/<node /g)).toHaveLength(doc.people.length);
    expect(xml.match(/<edge /g)).toHaveLength(doc.ties.length);
    expect(xml).toContain('&lt;b&gt;&quot;Bold&quot; &amp; &apos;co&apos;&lt;/b&gt;');
    expect(xml).not.toContain('\u0001');
    expect(xml).not.toMatch(/<b>/);
  });

  it('xmlEscape drops characters XML forbids', () => {
    expect(xmlEscape('a\u0000b\uFFFEc')).toBe('abc');
  });

  it('JSON export is the data file, readable back', () => {
    const doc = exampleNetwork('Robin', 'me' as PersonId);
    expect(JSON.parse(exportNetwork(doc, 'json').content)).toEqual(doc);
  });
});
