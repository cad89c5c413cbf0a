import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KithError } from '../../../shared/api/envelope.js';
import { emptyKithFile, parseKithFile, serializeKithFile } from '../../../shared/data/fileFormat.js';
import { exampleNetwork } from '../../../shared/domain/example.js';
import { SCHEMA_VERSION, type PersonId } from '../../../shared/domain/model.js';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../fixtures', name), 'utf8');

function corruptMessage(text: string): string {
  try {
    parseKithFile(text, 'kith.json');
  } catch (err) {
    expect(err).toBeInstanceOf(KithError);
    expect((err as KithError).code).toBe('file-corrupt');
    return (err as KithError).message;
  }
  throw new Error('parseKithFile accepted a broken file');
}

describe('parseKithFile', () => {
  it('round-trips the example network', () => {
    const doc = exampleNetwork('Robin', 'me' as PersonId);
    const text = serializeKithFile(doc);
    expect(parseKithFile(text, 'x')).toEqual(doc);
    expect(text).not.toContain('\n');
  });

  it('accepts a BOM before the JSON', () => {
    const doc = emptyKithFile('Me', () => 'me');
    expect(parseKithFile(`\uFEFF${serializeKithFile(doc)}`, 'x').meId).toBe('me');
  });

  it.each([
    ['', /empty/],
    ['   \n', /empty/],
    ['\u0000\u0000\u0000\u0000', /NUL bytes/],
    ['{"schemaVersion":1,"meId":"me","peop', /not valid JSON/],
    ['null', /found null/],
    ['[1,2]', /found an array/],
    ['"text"', /found string/],
    ['{"hello":"world"}', /no valid schemaVersion/],
    ['{"schemaVersion":99,"meId":"me"}', /newer Kith \(schemaVersion 99/],
    ['{"schemaVersion":1,"meId":"me","people":[],"ties":[],"communities":[],"opportunities":[]}', /meId.*names nobody/],
  ])('refuses %j with a clear message', (text, pattern) => {
    expect(corruptMessage(text)).toMatch(pattern);
  });

  it('names the field that fails the schema', () => {
    const doc = JSON.parse(serializeKithFile(exampleNetwork('Robin', 'me' as PersonId))) as { ties: Array<Record<string, unknown>> };
    (doc.ties[2] as Record<string, unknown>)['origin'] = 'sideways';
    expect(corruptMessage(JSON.stringify(doc))).toMatch(/file\.ties\.2\.origin/);
  });

  it('refuses dangling references, duplicate ids and second ties between one pair', () => {
    const base = exampleNetwork('Robin', 'me' as PersonId);
    const dangling = { ...base, ties: [...base.ties, { ...base.ties[0], id: 'x', a: 'ghost' }] };
    expect(corruptMessage(JSON.stringify(dangling))).toMatch(/unknown person "ghost"/);
    const dupId = { ...base, people: [...base.people, base.people[1]] };
    expect(corruptMessage(JSON.stringify(dupId))).toMatch(/repeats the id/);
    const t = base.ties[0];
    const secondTie = { ...base, ties: [...base.ties, { ...t, id: 'again', a: t?.b, b: t?.a }] };
    expect(corruptMessage(JSON.stringify(secondTie))).toMatch(/second tie/);
  });
});

describe('migrations', () => {
  it('migrates the v0 preview format to the current version', () => {
    const doc = parseKithFile(fixture('v0-network.json'), 'v0-network.json');
    expect(doc.schemaVersion).toBe(SCHEMA_VERSION);
    const me = doc.people.find((p) => p.id === doc.meId);
    expect(me?.name).toBe('Robin Vega');
    const priya = doc.people.find((p) => p.name === 'Priya Raman');
    expect(priya).toMatchObject({ company: 'Northwind Labs', position: 'Design Lead', tags: ['ux', 'guild'] });
    expect(doc.people.find((p) => p.name === 'Sam Alvarez')?.tags).toBeUndefined();
    expect(doc.ties).toHaveLength(4);
    expect(doc.ties.map((t) => t.origin)).toEqual(['living', 'doing', 'unknown', 'living']);
    expect(doc.ties[0]).toMatchObject({ a: 'me', b: 'c1', activity: 'professional-community', strength: 5, since: '2019-05-14' });
    expect(doc.ties[1]).toMatchObject({ a: 'c2', b: 'me', activity: 'recruiter' });
  });

  it('refuses a v0 file whose contacts are not a list', () => {
    expect(corruptMessage('{"version":0,"owner":"x","contacts":{}}')).toMatch(/contacts should be a list/);
  });
});
