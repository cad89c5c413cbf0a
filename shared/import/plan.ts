import type { ImportReport, SkippedRow } from '../api/contract/import.js';
import { REPORT_LIST_LIMIT } from '../api/contract/import.js';
import type { Change, Edit } from '../domain/changes.js';
import type { Evidence, ImportId, ImportRecord, KithFile, PastRole, Person, PersonId, Tie, TieId } from '../domain/model.js';
import { collectEvidence, suggestOrigin, type RawEvidence } from './evidence.js';
import { nameDateKey, rowNameKey, urlKey } from './identity.js';
import { indexNetwork, type NetworkIndexCache } from './networkIndex.js';
import type { ParsedExport } from './readExport.js';
import type { ConnectionRow } from './rows.js';

/** Clock and ids, passed in so that planning stays pure. */
export interface PlanContext {
  readonly newId: (prefix: string) => string;
  /** YYYY-MM-DD, for "used to work at … until". */
  readonly today: () => string;
  /** ISO timestamp of the import. */
  readonly now: () => string;
  /** Keeps the network's identity index between plans against the same network (built for this plan otherwise). */
  readonly indexCache?: NetworkIndexCache;
}

export interface ImportPlan {
  /** One edit: every person, tie and the import record, so that the import is one save and one undo step. */
  readonly edit: Edit;
  readonly report: ImportReport;
  readonly record: ImportRecord;
}

type Changed = NonNullable<ImportRecord['changed']>[number];

const NO_EVIDENCE: RawEvidence = Object.freeze({});

const PERSON_FIELDS_BY_IMPORT = ['url', 'email', 'connectedOn', 'company', 'position', 'history'] as const;
const TIE_FIELDS_BY_IMPORT = ['since', 'lastInteraction', 'evidence'] as const;

/** Structural equality of plain JSON data, ignoring key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameJson(x, bb[i]));
  }
  const ak = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bk = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The keys whose values differ, among `keys`. */
function diffKeys<T extends object>(before: T, after: T, keys: readonly string[]): string[] {
  return keys.filter((k) => !sameJson((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k]));
}

function pick(o: object, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = (o as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function setOrDelete<T extends object>(o: T, key: keyof T, value: unknown): void {
  if (value === undefined || value === '') delete o[key];
  else (o as Record<keyof T, unknown>)[key] = value;
}

/** Evidence holds facts from the export; without any, nothing is stored (a suggestion from the position alone is computed when shown). */
function buildEvidence(
  invitation: Evidence['invitation'],
  messages: Evidence['messages'],
  position: string | undefined,
): Evidence | undefined {
  if (!invitation && !messages) return undefined;
  const suggested = suggestOrigin({
    ...(invitation ? { invitation } : {}),
    ...(messages ? { messages } : {}),
    ...(position ? { position } : {}),
  });
  const evidence: Evidence = {};
  if (invitation) evidence.invitation = invitation;
  if (messages) evidence.messages = messages;
  if (suggested) evidence.suggested = suggested;
  return evidence;
}

function roleText(company: string | undefined, position: string | undefined): string {
  return [position, company].filter(Boolean).join(' at ') || '(none)';
}

/**
 * Plans the merge of an export into the network without touching it.
 *
 * Identity: a person is the one with the same normalised profile URL; rows
 * without a URL (2018, 2022 exports) match by name + Connected On, and an
 * e-mail address matches too, as long as the person found has no other URL.
 * Each person is matched by one row at most; a second row for the same person
 * is skipped as a duplicate, with both line numbers.
 *
 * Changes: a new person and a tie to me (`a` = contact, `b` = me, origin
 * `unknown`, `since` = Connected On, evidence from invitations and messages).
 * A known person gets what they lack (URL, e-mail, date), and a new company or
 * position moves the old one to their history ("used to work at"). Their tie
 * to me gets fresh evidence and suggestion, `since` when missing, and a later
 * `lastInteraction`. Name, notes, tags, interests, communities, origin,
 * activity and strength are never touched. The export's owner is me: their row
 * is skipped and their URL is given to me when I have none.
 */
export function planImport(doc: KithFile, parsed: ParsedExport, ctx: PlanContext): ImportPlan {
  const importId = ctx.newId('i') as ImportId;
  const today = ctx.today();
  const meId = doc.meId;
  const me = doc.people.find((p) => p.id === meId);
  const people = doc.people;
  const index = ctx.indexCache ? ctx.indexCache.indexOf(doc) : indexNetwork(doc);
  const { byUrl, byEmail, byNameDate, tieWithMe } = index;
  const ownerUrls = new Set(parsed.owner?.urlKeys ?? []);
  const meUrl = urlKey(me?.url);
  if (meUrl) ownerUrls.add(meUrl);

  const rows = parsed.connections.rows;
  const evidence = collectEvidence(rows, parsed.invitations, parsed.messages, parsed.owner);
  const hasEvidence = evidence.byRow.size > 0;
  const skipped: SkippedRow[] = [...parsed.connections.skipped];
  // Rows seen, for duplicates: by URL (a known URL's by the index of its person), by name + date, by e-mail.
  const seenKnownUrl = new Int32Array(people.length);
  const seenUrl = new Map<string, number>();
  const seenNameDate = new Map<string, number>();
  const seenEmail = new Map<string, number>();
  // The line of the row that matched each person (0: none yet).
  const claimed = new Int32Array(people.length);
  const created: Change[] = [];
  const updated: Change[] = [];
  const changedRecord: Changed[] = [];
  const changes: ImportReport['changes'] = [];
  let added = 0;
  let updatedCount = 0;
  let unchanged = 0;
  let tiesAdded = 0;
  let tiesUpdated = 0;
  const suggestions = { living: 0, doing: 0, unknown: 0 };
  // As triage will show them: stored with the evidence, else from the position alone.
  const countSuggestion = (tie: Tie, position: string | undefined) => {
    if (tie.origin !== 'unknown') return;
    const suggested = tie.evidence?.suggested ?? (position ? suggestOrigin({ position }) : undefined);
    suggestions[suggested?.origin ?? 'unknown'] += 1;
  };

  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as ConnectionRow;
    const rowUrl = row.urlKey;
    if (rowUrl !== undefined && ownerUrls.size > 0 && ownerUrls.has(rowUrl)) {
      skipped.push({ line: row.line, kind: 'owner', reason: 'this is you, the owner of the export' });
      continue;
    }
    const known = rowUrl === undefined ? undefined : byUrl.get(rowUrl);
    // Rows with a URL are told apart by it; rows without, by name and date. An e-mail says "same person" in both.
    const nd = known === undefined && row.connectedOn ? nameDateKey(row.name, row.connectedOn, rowNameKey(row)) : undefined;
    const dupOf =
      (rowUrl !== undefined
        ? known !== undefined
          ? seenKnownUrl[known] || undefined
          : seenUrl.get(rowUrl)
        : nd !== undefined
          ? seenNameDate.get(nd)
          : undefined) ?? (row.emailKey !== undefined ? seenEmail.get(row.emailKey) : undefined);
    if (dupOf !== undefined) {
      skipped.push({ line: row.line, kind: 'duplicate', reason: `the same person as line ${dupOf}` });
      continue;
    }
    if (rowUrl !== undefined) {
      if (known !== undefined) seenKnownUrl[known] = row.line;
      else seenUrl.set(rowUrl, row.line);
    } else if (nd !== undefined) seenNameDate.set(nd, row.line);
    if (row.emailKey !== undefined) seenEmail.set(row.emailKey, row.line);

    let at = known;
    if (at === undefined && nd !== undefined) at = compatible(people, byNameDate(rowNameKey(row), row.connectedOn), row);
    if (at === undefined && row.emailKey !== undefined) at = compatible(people, byEmail.get(row.emailKey), row);
    const match = at === undefined ? undefined : (people[at] as Person);
    if (match?.id === meId) {
      skipped.push({ line: row.line, kind: 'owner', reason: 'this is you, the owner of the network' });
      continue;
    }
    if (at !== undefined && match) {
      const first = claimed[at] as number;
      if (first !== 0) {
        skipped.push({ line: row.line, kind: 'duplicate', reason: `the same person as line ${first} (${match.name})` });
        continue;
      }
      claimed[at] = row.line;
    }
    const raw = hasEvidence ? (evidence.byRow.get(index) ?? NO_EVIDENCE) : NO_EVIDENCE;
    if (at === undefined || !match) {
      const person = newPerson(row, ctx.newId('p') as PersonId, importId);
      const tie = newTie(row, person.id, meId, ctx.newId('t') as TieId, importId, raw);
      created.push({ kind: 'person', after: person }, { kind: 'tie', after: tie });
      added += 1;
      tiesAdded += 1;
      countSuggestion(tie, row.position);
      continue;
    }
    const after = updatePerson(match, row, today);
    const tie = tieWithMe[at];
    const tieAfter = tie && updateTie(tie, row, raw, after.position, after.position !== match.position);
    // The common case of a re-import: nothing new about the person or their tie.
    if (after === match && tie && tieAfter === tie) {
      unchanged += 1;
      continue;
    }
    const personKeys = after === match ? [] : diffKeys(match, after, PERSON_FIELDS_BY_IMPORT);
    const what: string[] = [];
    if (personKeys.length > 0) {
      updated.push({ kind: 'person', before: match, after });
      changedRecord.push({ kind: 'person', id: match.id, before: pick(match, personKeys), after: pick(after, personKeys) });
      if (personKeys.includes('company') || personKeys.includes('position'))
        what.push(`${roleText(match.company, match.position)} → ${roleText(after.company, after.position)}`);
      for (const k of personKeys)
        if (k === 'url' || k === 'email' || k === 'connectedOn')
          what.push(`added ${k === 'url' ? 'profile URL' : k === 'email' ? 'e-mail' : 'connection date'}`);
    }
    if (!tie || !tieAfter) {
      const fresh = newTie(row, match.id, meId, ctx.newId('t') as TieId, importId, raw, after.position);
      created.push({ kind: 'tie', after: fresh });
      tiesAdded += 1;
      countSuggestion(fresh, after.position);
      what.push('connected to you');
    } else {
      const tieKeys = tieAfter === tie ? [] : diffKeys(tie, tieAfter, TIE_FIELDS_BY_IMPORT);
      if (tieKeys.length > 0) {
        updated.push({ kind: 'tie', before: tie, after: tieAfter });
        changedRecord.push({ kind: 'tie', id: tie.id, before: pick(tie, tieKeys), after: pick(tieAfter, tieKeys) });
        tiesUpdated += 1;
        countSuggestion(tieAfter, after.position);
        if (tieKeys.includes('evidence')) what.push('new evidence');
        else if (tieKeys.length > 0) what.push('tie dates');
      }
    }
    if (what.length > 0) {
      updatedCount += 1;
      if (changes.length < REPORT_LIST_LIMIT) changes.push({ name: match.name, what: what.join('; ') });
    } else {
      unchanged += 1;
    }
  }

  const ownerUrl = parsed.owner?.url;
  if (me && !me.url && ownerUrl && !byUrl.has(urlKey(ownerUrl) ?? '')) {
    const meAfter = { ...me, url: ownerUrl };
    updated.push({ kind: 'person', before: me, after: meAfter });
    changedRecord.push({ kind: 'person', id: me.id, before: {}, after: { url: ownerUrl } });
  }

  const era = `${parsed.era}${parsed.isResaved ? ', re-saved' : ''}`;
  const record: ImportRecord = {
    id: importId,
    at: ctx.now(),
    file: parsed.source.slice(0, 1000),
    era,
    added,
    updated: updatedCount,
    unchanged,
    skipped: skipped.length,
    ...(changedRecord.length > 0 ? { changed: changedRecord } : {}),
  };
  skipped.sort((a, b) => a.line - b.line);
  const errors = skipped.filter((s) => s.kind === 'invalid').map((s) => ({ line: s.line, message: s.reason }));
  const report: ImportReport = {
    file: parsed.source,
    era: parsed.era,
    isResaved: parsed.isResaved,
    eraLabel: parsed.eraLabel,
    files: parsed.files,
    rows: parsed.connections.dataRows,
    added,
    updated: updatedCount,
    unchanged,
    skipped: skipped.length,
    hidden: parsed.connections.hidden,
    errors,
    errorCount: errors.length,
    skippedRows: skipped.filter((s) => s.kind !== 'invalid').slice(0, REPORT_LIST_LIMIT),
    warnings: parsed.warnings.slice(0, REPORT_LIST_LIMIT),
    hasEncodingWarning: parsed.hasEncodingWarning,
    changes,
    ties: { added: tiesAdded, updated: tiesUpdated },
    invitations: { rows: parsed.invitationRows, matched: evidence.invitationsMatched },
    messages: { rows: parsed.messageRows, conversations: evidence.conversations, people: evidence.messagePeople },
    suggestions,
    ...(parsed.owner
      ? {
          owner: {
            ...(parsed.owner.name ? { name: parsed.owner.name } : {}),
            ...(parsed.owner.url ? { url: parsed.owner.url } : {}),
            source: parsed.owner.source,
          },
        }
      : {}),
  };
  const edit: Edit = {
    label: `Import ${parsed.source}`,
    changes: [...created, ...updated, { kind: 'import', after: record }],
  };
  return { edit, report, record };
}

function newPerson(row: ConnectionRow, id: PersonId, importId: ImportId): Person {
  const person: Person = { id, name: row.name };
  if (row.company) person.company = row.company;
  if (row.position) person.position = row.position;
  if (row.url) person.url = row.url;
  if (row.email) person.email = row.email;
  if (row.connectedOn) person.connectedOn = row.connectedOn;
  person.importId = importId;
  return person;
}

function newTie(
  row: ConnectionRow,
  contact: PersonId,
  meId: PersonId,
  id: TieId,
  importId: ImportId,
  raw: RawEvidence,
  position = row.position,
): Tie {
  const evidence = buildEvidence(raw.invitation, raw.messages, position);
  const last = raw.messages?.last?.slice(0, 10);
  // The contact takes the source end: Cytoscape's cost of adding an edge grows with its source's degree.
  const tie: Tie = { id, a: contact, b: meId, origin: 'unknown' };
  if (row.connectedOn) tie.since = row.connectedOn;
  if (last) tie.lastInteraction = last;
  if (evidence) tie.evidence = evidence;
  tie.importId = importId;
  return tie;
}

/** A person matched without a URL (by name + date or e-mail) must not carry another URL. */
function compatible(people: readonly Person[], at: number | undefined, row: ConnectionRow): number | undefined {
  if (at === undefined) return undefined;
  const p = people[at] as Person;
  return !p.url || row.urlKey === undefined || urlKey(p.url) === row.urlKey ? at : undefined;
}

/** The person with what the row adds; the same object when the row adds nothing. */
function updatePerson(p: Person, row: ConnectionRow, today: string): Person {
  const addUrl = row.url !== undefined && !p.url;
  const addEmail = row.email !== undefined && !p.email;
  const addDate = row.connectedOn !== undefined && !p.connectedOn;
  // An empty Company and Position says nothing (hidden experience), so it never clears a job.
  const hasJob = row.company !== undefined || row.position !== undefined;
  const newJob = hasJob && ((p.company ?? '') !== (row.company ?? '') || (p.position ?? '') !== (row.position ?? ''));
  if (!addUrl && !addEmail && !addDate && !newJob) return p;
  const after: Person = { ...p };
  if (addUrl) after.url = row.url;
  if (addEmail) after.email = row.email;
  if (addDate) after.connectedOn = row.connectedOn;
  if (newJob) {
    if (p.company || p.position) {
      const past: PastRole = {
        ...(p.company ? { company: p.company } : {}),
        ...(p.position ? { position: p.position } : {}),
        until: today,
      };
      after.history = [past, ...(p.history ?? [])].slice(0, 100);
    }
    setOrDelete(after, 'company', row.company);
    setOrDelete(after, 'position', row.position);
  }
  return after;
}

/** The tie with fresh evidence and dates; the same object when nothing changes. */
function updateTie(t: Tie, row: ConnectionRow, raw: RawEvidence, position: string | undefined, hasNewPosition: boolean): Tie {
  const addSince = !t.since && row.connectedOn !== undefined;
  const last = raw.messages?.last?.slice(0, 10);
  const laterLast = last !== undefined && (!t.lastInteraction || last > t.lastInteraction);
  const hasFacts = raw.invitation !== undefined || raw.messages !== undefined;
  let evidence = t.evidence;
  if (hasFacts || (hasNewPosition && t.evidence)) {
    const next = buildEvidence(raw.invitation ?? t.evidence?.invitation, raw.messages ?? t.evidence?.messages, position);
    if (!sameJson(next, t.evidence)) evidence = next;
  }
  if (!addSince && !laterLast && evidence === t.evidence) return t;
  const after: Tie = { ...t };
  if (addSince) after.since = row.connectedOn;
  if (laterLast) after.lastInteraction = last;
  setOrDelete(after, 'evidence', evidence);
  return after;
}
