import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../../shared/domain/changes.js';
import type { KithFile, Person, PersonId, Tie, TieId } from '../../../shared/domain/model.js';
import { suggestOrigin } from '../../../shared/import/evidence.js';
import { planUndoImport } from '../../../shared/import/undo.js';
import {
  connectionsCsv,
  linkedinFixtures,
  makeContacts,
  newerContacts,
  OWNER_URL,
  PREAMBLE,
  SCENARIO,
} from '../../fixtures/generate-linkedin.js';
import { emptyNetwork, importInto, networkOf, testContext, utf8 } from './support.js';

const fixtures = linkedinFixtures();
const fx = (name: string) => fixtures[name] as Uint8Array;
const COMPLETE = 'Complete_LinkedInDataExport_01-15-2026.zip';
const NEWER = 'Complete_LinkedInDataExport_03-01-2026.zip';
const HEADER = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
const csv = (...rows: string[]) => utf8([...PREAMBLE, HEADER, ...rows].join('\n'));

const personNamed = (doc: KithFile, name: string) => doc.people.find((p) => p.name === name) as Person;
const tieOf = (doc: KithFile, id: string) => doc.ties.find((t) => t.a === id || t.b === id) as Tie;

describe('planImport', () => {
  it('adds one person and one unknown tie per connection, the contact at the source end', async () => {
    const { doc, plan } = await importInto(emptyNetwork(), COMPLETE, fx(COMPLETE));
    const visible = makeContacts(120).filter((c) => !c.hidden).length;
    expect(plan.report).toMatchObject({ added: visible, updated: 0, unchanged: 0, skipped: 120 - visible, errors: [] });
    expect(doc.people).toHaveLength(visible + 1);
    expect(doc.ties).toHaveLength(visible);
    for (const t of doc.ties) {
      expect(t.b).toBe('me');
      expect(t.a).not.toBe('me');
      expect(t.origin).toBe('unknown');
      expect(t.importId).toBe(plan.record.id);
      expect(t.since).toBe(doc.people.find((p) => p.id === t.a)?.connectedOn);
    }
    expect(doc.imports).toEqual([plan.record]);
    expect(plan.edit.label).toBe(`Import ${COMPLETE}`);
  });

  it('turns invitations and messages into evidence and a suggestion, never into an origin', async () => {
    const { doc, plan } = await importInto(emptyNetwork(), COMPLETE, fx(COMPLETE));
    const contacts = makeContacts(120);
    const tieFor = (i: number) => tieOf(doc, personNamed(doc, `${contacts[i]?.first} ${contacts[i]?.last}`).id);
    const living = tieFor(SCENARIO.living);
    expect(living.origin).toBe('unknown');
    expect(living.evidence?.messages).toMatchObject({ sent: 4, received: 4, firstFrom: 'them' });
    expect(living.evidence?.suggested).toMatchObject({ origin: 'living', activity: 'sharing-information' });
    expect(living.lastInteraction).toBe(living.evidence?.messages?.last?.slice(0, 10));
    const doing = tieFor(SCENARIO.doing);
    expect(doing.evidence?.invitation).toMatchObject({ direction: 'outgoing', hasMessage: true });
    expect(doing.evidence?.messages).toMatchObject({ sent: 3, received: 0, firstFrom: 'me' });
    expect(doing.evidence?.suggested).toMatchObject({ origin: 'doing', activity: 'cold-outreach' });
    const recruiter = tieFor(SCENARIO.recruiter);
    expect(recruiter.evidence?.suggested).toMatchObject({ origin: 'doing', activity: 'recruiter' });
    expect(recruiter.evidence?.suggested?.reasons[0]).toMatch(/recruiting/);
    // A group conversation says nothing about a single tie.
    expect(tieFor(SCENARIO.group[0]).evidence?.messages).toBeUndefined();
    expect(plan.report.messages).toMatchObject({ rows: 15, conversations: 4, people: 3 });
    expect(plan.report.owner).toMatchObject({ name: 'Robin Example', url: OWNER_URL });
    expect(JSON.stringify(doc)).not.toMatch(/Following up|Pizza|exciting opportunity/);
  });

  it('gives me the owner’s profile URL once, and never creates the owner as a person', async () => {
    const first = await importInto(emptyNetwork(), COMPLETE, fx(COMPLETE));
    expect(first.doc.people.find((p) => p.id === 'me')?.url).toBe(OWNER_URL);
    const ownerRow = csv('Robin,Example,https://www.linkedin.com/in/robin-example-0a1b2c/,,Kith,Founder,01 Jan 2020');
    const second = await importInto(first.doc, 'Connections.csv', ownerRow);
    expect(second.plan.report.skippedRows).toEqual([{ line: 5, kind: 'owner', reason: expect.stringMatching(/this is you/) }]);
    expect(second.doc.people).toHaveLength(first.doc.people.length);
  });

  it('is idempotent: the same export again changes nothing but the import list', async () => {
    const first = await importInto(emptyNetwork(), COMPLETE, fx(COMPLETE));
    const again = await importInto(first.doc, COMPLETE, fx(COMPLETE));
    expect(again.plan.report).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: first.plan.report.added,
      skipped: first.plan.report.skipped,
    });
    expect(networkOf(again.doc)).toEqual(networkOf(first.doc));
    expect(again.plan.edit.changes).toEqual([{ kind: 'import', after: again.plan.record }]);
  });

  it('matches old exports by name and connection date, and adds the URL from a newer one', async () => {
    const old = await importInto(emptyNetwork(), 'connections-2018.csv', fx('connections-2018.csv'));
    expect(old.doc.people.every((p) => p.url === undefined)).toBe(true);
    const current = await importInto(old.doc, 'connections-current.csv', fx('connections-current.csv'));
    expect(current.plan.report.added).toBe(0);
    expect(current.plan.report.updated).toBe(old.plan.report.added);
    expect(current.doc.people.filter((p) => p.id !== 'me').every((p) => p.url?.startsWith('https://www.linkedin.com/in/'))).toBe(true);
    const twentyTwo = await importInto(current.doc, 'connections-2022.csv', fx('connections-2022.csv'));
    expect(twentyTwo.plan.report).toMatchObject({ added: 0, updated: 0 });
  });

  it('updates a job and keeps the old one as history; keeps what the user chose', async () => {
    const first = await importInto(emptyNetwork(), COMPLETE, fx(COMPLETE));
    const contacts = makeContacts(120);
    const moved = contacts[4] as (typeof contacts)[number];
    const person = personNamed(first.doc, `${moved.first} ${moved.last}`);
    const tie = tieOf(first.doc, person.id);
    // The user edits the person and classifies the tie.
    const edited = applyChanges(
      first.doc,
      [
        { kind: 'person', before: person, after: { ...person, notes: 'Met at the UX meetup', tags: ['mentor'], name: 'Tara B.' } },
        { kind: 'tie', before: tie, after: { ...tie, origin: 'living', activity: 'professional-community', strength: 4, notes: 'warm' } },
      ],
      'forward',
    );
    const newer = await importInto(edited, NEWER, fx(NEWER), testContext('2026-03-02'));
    const after = newer.doc.people.find((p) => p.id === person.id) as Person;
    const afterTie = tieOf(newer.doc, person.id);
    expect(after).toMatchObject({ notes: 'Met at the UX meetup', tags: ['mentor'], name: 'Tara B.' });
    expect(afterTie).toMatchObject({ origin: 'living', activity: 'professional-community', strength: 4, notes: 'warm' });
    const changedJob = newer.doc.people.filter((p) => p.history?.length);
    expect(changedJob.length).toBeGreaterThan(5);
    for (const p of changedJob) {
      expect(p.company).toMatch(/ Labs$/);
      expect(p.history?.[0]).toEqual({ company: p.company?.replace(/ Labs$/, ''), position: expect.any(String), until: '2026-03-02' });
    }
    expect(newer.plan.report.changes.some((c) => / → Head of Research at /.test(c.what))).toBe(true);
    expect(newer.plan.report.added).toBe(5);
    // Re-importing the newer export once more is idempotent too (history is not added twice).
    const twice = await importInto(newer.doc, NEWER, fx(NEWER), testContext('2026-03-03'));
    expect(twice.plan.report).toMatchObject({ added: 0, updated: 0 });
    expect(networkOf(twice.doc)).toEqual(networkOf(newer.doc));
  });

  it('never clears a job because the export hides it, and matches by e-mail', async () => {
    const first = await importInto(emptyNetwork(), 'Connections.csv', csv('Ada,Lee,,ada@example.com,Acme,Engineer,08 Jan 2024'));
    const again = await importInto(
      first.doc,
      'Connections.csv',
      csv('Ada,Lee,https://www.linkedin.com/in/ada-lee,ADA@example.com,,,09 Jan 2024'),
    );
    expect(again.plan.report).toMatchObject({ added: 0, updated: 1 });
    expect(personNamed(again.doc, 'Ada Lee')).toMatchObject({
      company: 'Acme',
      position: 'Engineer',
      url: 'https://www.linkedin.com/in/ada-lee',
      connectedOn: '2024-01-08',
    });
  });

  it('skips a second row for the same person, naming the first line', async () => {
    const { plan, doc } = await importInto(
      emptyNetwork(),
      'Connections.csv',
      csv(
        'Ada,Lee,https://www.linkedin.com/in/ada,,Acme,Eng,08 Jan 2024',
        'Ada,Lee,https://WWW.linkedin.com/in/Ada/,,Acme,Eng,08 Jan 2024',
        'Bo,Ek,,,Acme,Eng,08 Jan 2024',
        'Bo,Ek,,,Acme,Eng,08 Jan 2024',
      ),
    );
    expect(plan.report.skippedRows).toEqual([
      { line: 6, kind: 'duplicate', reason: 'the same person as line 5' },
      { line: 8, kind: 'duplicate', reason: 'the same person as line 7' },
    ]);
    expect(doc.people).toHaveLength(3);
  });

  it('adds the missing tie to me for a person already in the network, leaving their data alone', async () => {
    const doc = emptyNetwork();
    const ada: Person = { id: 'p_ada' as PersonId, name: 'Ada Lee', url: 'https://www.linkedin.com/in/ada', notes: 'mine' };
    const start: KithFile = { ...doc, people: [...doc.people, ada] };
    const { plan, doc: next } = await importInto(
      start,
      'Connections.csv',
      csv('Ada,Lee,https://www.linkedin.com/in/ada,,Acme,Eng,08 Jan 2024'),
    );
    expect(plan.report).toMatchObject({ added: 0, updated: 1, ties: { added: 1, updated: 0 } });
    expect(tieOf(next, 'p_ada')).toMatchObject({ a: 'p_ada', b: 'me', origin: 'unknown', since: '2024-01-08' });
    expect(next.people.find((p) => p.id === 'p_ada')).toMatchObject({ notes: 'mine', company: 'Acme' });
  });
});

describe('suggestOrigin', () => {
  it('suggests nothing without evidence', () => {
    expect(suggestOrigin({})).toBeUndefined();
    expect(suggestOrigin({ position: 'Engineer' })).toBeUndefined();
  });

  it('reads a long two-way exchange as Living and a pitch without reply as Doing', () => {
    expect(
      suggestOrigin({ messages: { sent: 5, received: 6, firstFrom: 'them', first: '2023-01-01T00:00:00Z', last: '2024-02-01T00:00:00Z' } }),
    ).toMatchObject({
      origin: 'living',
      activity: 'sharing-information',
    });
    expect(
      suggestOrigin({ invitation: { direction: 'outgoing', hasMessage: true }, messages: { sent: 2, received: 0, firstFrom: 'me' } }),
    ).toMatchObject({
      origin: 'doing',
      activity: 'cold-outreach',
    });
    const unclear = suggestOrigin({ invitation: { direction: 'incoming', hasMessage: false } });
    expect(unclear).toMatchObject({ origin: 'unknown', confidence: 0 });
    expect(unclear?.reasons).toEqual(['They invited you, without a note']);
  });
});

describe('undo an import as a whole', () => {
  it('removes what the import created and restores what it changed', async () => {
    const first = await importInto(emptyNetwork(), COMPLETE, fx(COMPLETE));
    const newer = await importInto(first.doc, NEWER, fx(NEWER), testContext('2026-03-02'));
    const { edit, result } = planUndoImport(newer.doc, newer.plan.record.id);
    const undone = applyChanges(newer.doc, edit.changes, 'forward');
    expect(result).toMatchObject({ removedPeople: 5, removedTies: 5, keptPeople: 0, keptTies: 0, keptFields: 0 });
    expect(networkOf(undone)).toEqual(networkOf(first.doc));
    expect(undone.imports?.find((r) => r.id === newer.plan.record.id)?.undone).toBe(true);
    expect(() => planUndoImport(undone, newer.plan.record.id)).toThrow(/already undone/);
    // The undo is an edit like any other: applied backwards, it brings the import back.
    const redone = applyChanges(undone, edit.changes, 'backward');
    const byId = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(redone.people)).toEqual(byId(newer.doc.people));
    expect(byId(redone.ties)).toEqual(byId(newer.doc.ties));
    expect(redone.imports).toEqual(newer.doc.imports);
  });

  it('keeps what the user worked on since', async () => {
    const first = await importInto(emptyNetwork(), COMPLETE, fx(COMPLETE));
    const [p1, p2, p3] = first.doc.people.filter((p) => p.id !== 'me') as [Person, Person, Person];
    const t1 = tieOf(first.doc, p1.id);
    const worked = applyChanges(
      first.doc,
      [
        { kind: 'tie', before: t1, after: { ...t1, origin: 'doing', activity: 'recruiter' } },
        { kind: 'person', before: p2, after: { ...p2, tags: ['friend'] } },
        { kind: 'tie', after: { id: 't_user' as TieId, a: p3.id, b: p2.id, origin: 'living' } },
      ],
      'forward',
    );
    const { edit, result } = planUndoImport(worked, first.plan.record.id);
    const undone = applyChanges(worked, edit.changes, 'forward');
    expect(result).toMatchObject({ keptTies: 1, keptPeople: 3, revertedFields: 1 });
    expect(undone.people.map((p) => p.id).sort()).toEqual(['me', p1.id, p2.id, p3.id].sort());
    expect(undone.ties.map((t) => t.id).sort()).toEqual([t1.id, 't_user'].sort());
    expect(undone.people.find((p) => p.id === 'me')?.url).toBeUndefined();
  });

  it('leaves a field alone that changed again after the import', async () => {
    const first = await importInto(emptyNetwork(), 'Connections.csv', csv('Ada,Lee,https://www.linkedin.com/in/ada,,Acme,Eng,08 Jan 2024'));
    const second = await importInto(first.doc, 'Connections.csv', csv('Ada,Lee,https://www.linkedin.com/in/ada,,Beta,Lead,08 Jan 2024'));
    const ada = personNamed(second.doc, 'Ada Lee');
    const retyped = applyChanges(second.doc, [{ kind: 'person', before: ada, after: { ...ada, company: 'Beta GmbH' } }], 'forward');
    const { edit, result } = planUndoImport(retyped, second.plan.record.id);
    const undone = applyChanges(retyped, edit.changes, 'forward');
    expect(result).toMatchObject({ revertedFields: 2, keptFields: 1 });
    expect(personNamed(undone, 'Ada Lee')).toMatchObject({ company: 'Beta GmbH', position: 'Eng' });
    expect(personNamed(undone, 'Ada Lee').history).toBeUndefined();
  });

  it('refuses an unknown import', () => {
    expect(() => planUndoImport(emptyNetwork(), 'i_nope' as never)).toThrow(/No import/);
  });
});

describe('the owner side of messages', () => {
  it('is found from messages alone when there is no profile or invitation', async () => {
    const contacts = makeContacts(10);
    const files = {
      'Connections.csv': strToU8(connectionsCsv(contacts, 'current')),
      'messages.csv': fx(`Complete_LinkedInDataExport_01-15-2026/messages.csv`),
    };
    const { zipSync } = await import('fflate');
    const { plan } = await importInto(emptyNetwork(), 'x.zip', zipSync(files));
    expect(plan.report.owner).toMatchObject({ source: 'messages.csv', url: OWNER_URL });
    expect(plan.report.messages.people).toBe(3);
  });

  it('keeps the newest newer contacts list in step with the generator', () => {
    expect(newerContacts(makeContacts(20)).length).toBe(24);
  });
});
