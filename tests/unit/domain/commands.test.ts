import { describe, expect, it } from 'vitest';
import { KithError } from '../../../shared/api/envelope.js';
import { applyChanges } from '../../../shared/domain/changes.js';
import * as commands from '../../../shared/domain/commands.js';
import { exampleNetwork } from '../../../shared/domain/example.js';
import type { KithFile, PersonId, TieId } from '../../../shared/domain/model.js';

let n = 0;
const ctx: commands.CommandContext = { newId: (prefix) => `${prefix}_${++n}`, today: () => '2026-11-25' };
const base = (): KithFile => exampleNetwork('Robin', 'me' as PersonId);

function refused(fn: () => unknown, code: string, pattern: RegExp): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(KithError);
    expect((err as KithError).code).toBe(code);
    expect((err as KithError).message).toMatch(pattern);
    return;
  }
  throw new Error('expected a refusal');
}

describe('commands', () => {
  it('creates a person without empty fields and undoes it', () => {
    const doc = base();
    const { edit, person } = commands.createPerson(doc, { name: '  Ada  ', company: '', tags: [] }, ctx);
    expect(person).toEqual({ id: person.id, name: 'Ada' });
    const after = applyChanges(doc, edit.changes, 'forward');
    expect(after.people).toHaveLength(doc.people.length + 1);
    expect(doc.people).toHaveLength(13);
    expect(applyChanges(after, edit.changes, 'backward')).toEqual(doc);
  });

  it('patches with null clearing a field and keeps absent keys', () => {
    const doc = base();
    const { person } = commands.updatePerson(doc, 'ex-priya' as PersonId, { company: null, position: 'Head of Design' });
    expect(person.company).toBeUndefined();
    expect(person.position).toBe('Head of Design');
    expect(person.interests).toEqual(['service design', 'accessibility']);
  });

  it('deleting a person removes their ties and references, and undo restores everything', () => {
    const doc = base();
    const { edit, ties } = commands.deletePerson(doc, 'ex-mei' as PersonId);
    expect(ties).toBe(2);
    const after = applyChanges(doc, edit.changes, 'forward');
    expect(after.people.some((p) => p.id === 'ex-mei')).toBe(false);
    expect(after.ties.some((t) => t.introducedBy === 'ex-mei')).toBe(false);
    expect(after.ties.some((t) => t.a === 'ex-mei' || t.b === 'ex-mei')).toBe(false);
    const undone = applyChanges(after, edit.changes, 'backward');
    expect(new Set(undone.ties.map((t) => JSON.stringify(t)))).toEqual(new Set(doc.ties.map((t) => JSON.stringify(t))));
  });

  it('refuses to delete me', () => {
    refused(() => commands.deletePerson(base(), 'me' as PersonId), 'rejected', /cannot delete yourself/);
  });

  it('connects two people once, and refuses self-ties, unknown people and activity/origin mismatch', () => {
    const doc = base();
    const { tie } = commands.createTie(
      doc,
      { a: 'ex-zoe' as PersonId, b: 'ex-ana' as PersonId, origin: 'living', activity: 'sharing-passion', strength: 3 },
      ctx,
    );
    expect(tie).toMatchObject({ a: 'ex-zoe', b: 'ex-ana', origin: 'living' });
    refused(
      () => commands.createTie(doc, { a: 'me' as PersonId, b: 'me' as PersonId, origin: 'living' }, ctx),
      'rejected',
      /two different people/,
    );
    refused(() => commands.createTie(doc, { a: 'me' as PersonId, b: 'ghost' as PersonId, origin: 'living' }, ctx), 'not-found', /ghost/);
    refused(
      () => commands.createTie(doc, { a: 'ex-priya' as PersonId, b: 'me' as PersonId, origin: 'doing' }, ctx),
      'conflict',
      /already connected/,
    );
    refused(
      () =>
        commands.createTie(doc, { a: 'ex-zoe' as PersonId, b: 'ex-kate' as PersonId, origin: 'doing', activity: 'sharing-passion' }, ctx),
      'rejected',
      /is living networking/,
    );
  });

  it('updates a tie origin and refuses an activity of the other mode', () => {
    const doc = base();
    const t = doc.ties.find((x) => x.origin === 'unknown');
    expect(t).toBeDefined();
    const { tie } = commands.updateTie(doc, t?.id as TieId, { origin: 'living', activity: 'curiosity-conversation' });
    expect(tie.origin).toBe('living');
    refused(
      () => commands.updateTie(doc, t?.id as TieId, { origin: 'doing', activity: 'curiosity-conversation' }),
      'rejected',
      /living networking/,
    );
  });

  it('deleting a community removes it from members and opportunities', () => {
    const doc = base();
    const { edit } = commands.deleteCommunity(doc, doc.communities[1]?.id as never);
    const after = applyChanges(doc, edit.changes, 'forward');
    expect(after.people.some((p) => p.communities?.includes('c-careerpros' as never))).toBe(false);
    expect(after.opportunities.some((o) => o.community === 'c-careerpros')).toBe(false);
    expect(applyChanges(after, edit.changes, 'backward').people).toEqual(doc.people);
  });

  it('applies twenty thousand changes in one pass and reverses them', () => {
    const doc = base();
    const changes = Array.from({ length: 20_000 }, (_, i) => ({
      kind: 'person' as const,
      after: { id: `bulk${i}` as PersonId, name: `P${i}` },
    }));
    const after = applyChanges(doc, changes, 'forward');
    expect(after.people).toHaveLength(doc.people.length + 20_000);
    expect(applyChanges(after, changes, 'backward').people).toHaveLength(doc.people.length);
  });
});
