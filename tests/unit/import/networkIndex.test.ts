import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../../shared/domain/changes.js';
import type { KithFile, Person } from '../../../shared/domain/model.js';
import { indexNetwork, NetworkIndexCache } from '../../../shared/import/networkIndex.js';
import { planImport, type PlanContext } from '../../../shared/import/plan.js';
import { connectionsCsv, makeContacts, newerContacts } from '../../fixtures/generate-linkedin.js';
import { emptyNetwork, importInto, parse, utf8 } from './support.js';

/** The same ids and clock for every plan, so that plans compare whole. */
const fixed = (): PlanContext => {
  let n = 0;
  return { newId: (prefix) => `${prefix}_fixed${(n++).toString(36)}`, today: () => '2026-04-01', now: () => '2026-04-01T10:00:00Z' };
};

async function setup(): Promise<{ doc: KithFile; bytes: Uint8Array }> {
  const contacts = makeContacts(300, 11);
  const { doc } = await importInto(emptyNetwork(), 'Connections.csv', utf8(connectionsCsv(contacts, '2022')));
  return { doc, bytes: utf8(connectionsCsv(newerContacts(contacts), 'current')) };
}

describe('network index cache', () => {
  it('plans exactly as without it: same network, a copy after an undo, and after changes', async () => {
    const { doc, bytes } = await setup();
    const parsed = await parse('Connections.csv', bytes);
    const cache = new NetworkIndexCache();
    const plain = planImport(doc, parsed, fixed());
    expect(planImport(doc, parsed, { ...fixed(), indexCache: cache })).toEqual(plain);
    // Planned twice against the same network: the index is not built again.
    const first = cache.indexOf(doc);
    expect(cache.indexOf(doc)).toBe(first);
    // An undo gives new arrays holding the same objects: the index's keys are reused.
    const afterUndo = applyChanges(applyChanges(doc, plain.edit.changes, 'forward'), plain.edit.changes, 'backward');
    expect(afterUndo.people).not.toBe(doc.people);
    expect(planImport(afterUndo, parsed, { ...fixed(), indexCache: cache })).toEqual(planImport(afterUndo, parsed, fixed()));
    expect(cache.indexOf(afterUndo).byUrl).toBe(first.byUrl);
    // A person changed (a new URL, e-mail and date): everything is looked up again.
    const changed: KithFile = {
      ...doc,
      people: doc.people.map((p, i): Person =>
        i === 5 ? { ...p, url: 'https://www.linkedin.com/in/someone-else', email: 'x@example.org', connectedOn: '2001-01-01' } : p,
      ),
    };
    expect(planImport(changed, parsed, { ...fixed(), indexCache: cache })).toEqual(planImport(changed, parsed, fixed()));
    expect(cache.indexOf(changed).byUrl).not.toBe(first.byUrl);
    // The import committed, then a second export planned against the result.
    const committed = applyChanges(doc, plain.edit.changes, 'forward');
    expect(planImport(committed, parsed, { ...fixed(), indexCache: cache })).toEqual(planImport(committed, parsed, fixed()));
  });

  it('keeps the first person of a key and the last tie with me, as maps filled in file order would', async () => {
    const { doc } = await setup();
    const [me, a, b] = [doc.people[0]!, doc.people[1]!, doc.people[2]!];
    const people = [me, { ...a, url: 'https://www.linkedin.com/in/same/' }, { ...b, url: 'https://uk.linkedin.com/in/SAME' }];
    const ties = doc.ties.filter((t) => t.a === a.id || t.b === a.id);
    const later = { ...ties[0]!, id: 't_later' as (typeof ties)[number]['id'] };
    const index = indexNetwork({ ...doc, people, ties: [...ties, later] });
    expect(index.byUrl.get('linkedin.com/in/same')).toBe(1);
    expect(index.tieWithMe[1]).toBe(later);
    expect(index.tieWithMe[2]).toBeUndefined();
  });
});
