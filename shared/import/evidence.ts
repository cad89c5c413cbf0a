import type { Activity, Evidence } from '../domain/model.js';
import { nameKey, rowNameKey } from './identity.js';
import type { ConnectionRow, InvitationRow, MessageRow, Participant } from './rows.js';

/** The export's owner ("me"), as the export shows them. */
export interface Owner {
  readonly name?: string;
  /** Normalised profile URL when one was found. */
  readonly url?: string;
  readonly urlKeys: ReadonlySet<string>;
  readonly nameKeys: ReadonlySet<string>;
  /** Which files told: "Profile.csv, Invitations.csv". */
  readonly source: string;
}

/** ISO timestamp to the second, like the invitation times. */
const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const idOf = (p: Participant) => (p.urlKey ? `u:${p.urlKey}` : p.nameKey ? `n:${p.nameKey}` : '');

function top<K>(counts: Map<K, number>): [K, number] | undefined {
  let best: [K, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best;
}

/**
 * Finds the owner: the name in Profile.csv, the inviting side of outgoing and
 * the invited side of incoming invitations, and the one participant present
 * in (nearly) every conversation of messages.csv.
 */
export function detectOwner(
  profileName: string | undefined,
  invitations: readonly InvitationRow[],
  messages: readonly MessageRow[],
): Owner | undefined {
  const urlKeys = new Set<string>();
  const nameKeys = new Set<string>();
  const sources: string[] = [];
  let name = profileName;
  if (profileName) {
    nameKeys.add(nameKey(profileName));
    sources.push('Profile.csv');
  }
  const urls = new Map<string, number>();
  const names = new Map<string, number>();
  const displayNames = new Map<string, string>();
  for (const inv of invitations) {
    const me = inv.direction === 'outgoing' ? inv.from : inv.to;
    if (me.urlKey) urls.set(me.urlKey, (urls.get(me.urlKey) ?? 0) + 1);
    if (me.nameKey) {
      names.set(me.nameKey, (names.get(me.nameKey) ?? 0) + 1);
      displayNames.set(me.nameKey, inv.direction === 'outgoing' ? inv.fromName : inv.toName);
    }
  }
  const topUrl = top(urls);
  const topName = top(names);
  if (topUrl) urlKeys.add(topUrl[0]);
  if (topName) {
    nameKeys.add(topName[0]);
    name ??= displayNames.get(topName[0]);
  }
  if (topUrl || topName) sources.push('Invitations.csv');

  const conversations = new Map<string, Set<string>>();
  const namesOfId = new Map<string, Set<string>>();
  for (const m of messages) {
    let set = conversations.get(m.conversation);
    if (!set) conversations.set(m.conversation, (set = new Set()));
    for (const p of [m.from, ...m.to]) {
      const id = idOf(p);
      if (!id) continue;
      set.add(id);
      if (p.nameKey) {
        let n = namesOfId.get(id);
        if (!n) namesOfId.set(id, (n = new Set()));
        n.add(p.nameKey);
      }
    }
  }
  if (conversations.size > 0) {
    const presence = new Map<string, number>();
    for (const set of conversations.values()) for (const id of set) presence.set(id, (presence.get(id) ?? 0) + 1);
    const ranked = [...presence].sort((a, b) => b[1] - a[1]);
    const [first, second] = ranked;
    const known = (id: string) => (id.startsWith('u:') ? urlKeys.has(id.slice(2)) : nameKeys.has(id.slice(2)));
    // In one conversation both sides are everywhere: only an owner already known settles it.
    const pick =
      first && (!second || first[1] > second[1]) && first[1] >= Math.max(2, conversations.size * 0.5)
        ? first[0]
        : ranked.find(([id, n]) => known(id) && n >= conversations.size * 0.5)?.[0];
    if (pick) {
      if (pick.startsWith('u:')) urlKeys.add(pick.slice(2));
      else nameKeys.add(pick.slice(2));
      for (const n of namesOfId.get(pick) ?? []) nameKeys.add(n);
      sources.push('messages.csv');
    }
  }
  if (urlKeys.size === 0 && nameKeys.size === 0) return undefined;
  const url = [...urlKeys][0];
  return {
    ...(name ? { name } : {}),
    ...(url ? { url: `https://www.${url}` } : {}),
    urlKeys,
    nameKeys,
    source: sources.join(', '),
  };
}

/** True when a participant is the owner: by URL when URLs are known, else by name. */
export function isOwner(owner: Owner | undefined, p: Participant): boolean {
  if (!owner) return false;
  if (p.urlKey && owner.urlKeys.size > 0) return owner.urlKeys.has(p.urlKey);
  return p.nameKey !== undefined && owner.nameKeys.has(p.nameKey);
}

export type InvitationEvidence = NonNullable<Evidence['invitation']>;
export type MessageEvidence = NonNullable<Evidence['messages']>;

export interface RawEvidence {
  invitation?: InvitationEvidence;
  invitationMs?: number;
  messages?: MessageEvidence;
}

export interface EvidenceIndex {
  /** By index into the connection rows. */
  readonly byRow: ReadonlyMap<number, RawEvidence>;
  readonly invitationsMatched: number;
  readonly messagePeople: number;
  readonly conversations: number;
}

/**
 * Joins invitations and direct (two-person) messages to the connection rows
 * they concern, by profile URL and else by a name that only one connection
 * carries. Group conversations do not count: they say little about a tie.
 */
export function collectEvidence(
  rows: readonly ConnectionRow[],
  invitations: readonly InvitationRow[],
  messages: readonly MessageRow[],
  owner: Owner | undefined,
): EvidenceIndex {
  if (invitations.length === 0 && messages.length === 0)
    return { byRow: new Map(), invitationsMatched: 0, messagePeople: 0, conversations: 0 };
  const byUrl = new Map<string, number>();
  const byName = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r.urlKey) byUrl.set(r.urlKey, i);
    const key = rowNameKey(r);
    byName.set(key, byName.has(key) ? -1 : i);
  });
  const resolve = (p: Participant): number | undefined => {
    if (p.urlKey) {
      const at = byUrl.get(p.urlKey);
      if (at !== undefined) return at;
    }
    const at = p.nameKey === undefined ? undefined : byName.get(p.nameKey);
    return at === undefined || at < 0 ? undefined : at;
  };
  const byRow = new Map<number, RawEvidence>();
  const get = (i: number) => {
    let e = byRow.get(i);
    if (!e) byRow.set(i, (e = {}));
    return e;
  };
  let invitationsMatched = 0;
  for (const inv of invitations) {
    const contact = inv.direction === 'outgoing' ? inv.to : inv.from;
    if (isOwner(owner, contact)) continue;
    const at = resolve(contact);
    if (at === undefined) continue;
    invitationsMatched += 1;
    const e = get(at);
    if (e.invitation && (e.invitationMs ?? 0) >= (inv.sentMs ?? 0)) continue;
    e.invitation = { direction: inv.direction, hasMessage: inv.hasMessage, ...(inv.sentAt ? { sentAt: inv.sentAt } : {}) };
    if (inv.sentMs !== undefined) e.invitationMs = inv.sentMs;
  }
  const conversations = new Set<string>();
  const firstMs = new Map<number, number>();
  const lastMs = new Map<number, number>();
  if (owner) {
    for (const m of messages) {
      conversations.add(m.conversation);
      const fromMe = isOwner(owner, m.from);
      const others = new Map<string, Participant>();
      for (const p of [m.from, ...m.to]) if (!isOwner(owner, p)) others.set(idOf(p), p);
      if (others.size !== 1) continue;
      const at = resolve([...others.values()][0] as Participant);
      if (at === undefined) continue;
      const e = get(at);
      const agg = (e.messages ??= { sent: 0, received: 0 });
      if (fromMe) agg.sent += 1;
      else agg.received += 1;
      if (m.at !== undefined) {
        const f = firstMs.get(at);
        if (f === undefined || m.at < f) {
          firstMs.set(at, m.at);
          agg.firstFrom = fromMe ? 'me' : 'them';
          agg.first = stamp(m.at);
        }
        const l = lastMs.get(at);
        if (l === undefined || m.at > l) {
          lastMs.set(at, m.at);
          agg.last = stamp(m.at);
        }
      }
    }
  }
  let messagePeople = 0;
  for (const e of byRow.values()) if (e.messages) messagePeople += 1;
  return {
    byRow,
    invitationsMatched,
    messagePeople,
    conversations: owner ? conversations.size : new Set(messages.map((m) => m.conversation)).size,
  };
}

export type Suggestion = NonNullable<Evidence['suggested']>;

const RECRUITING = /recruit|talent acquisition|talent partner|sourcer|sourcing|headhunt|staffing/i;
const DAY = 86_400_000;

/**
 * Suggests how a tie was formed from the evidence, after the article's two
 * modes. Doing signs: a recruiter, an invitation with a pitch, one-sided
 * messages. Living signs: an exchange both ways, kept up over months. Returns
 * undefined when nothing speaks either way. Never applied by itself: the user
 * accepts it in triage.
 */
export function suggestOrigin(input: {
  invitation?: InvitationEvidence;
  messages?: MessageEvidence;
  position?: string;
}): Suggestion | undefined {
  const reasons: string[] = [];
  let score = 0;
  let living: Activity | undefined;
  let doing: Activity | undefined;
  const recruiting = input.position ? RECRUITING.exec(input.position) : null;
  if (recruiting) {
    score -= 0.5;
    doing = 'recruiter';
    reasons.push(`Their position mentions recruiting (“${(input.position ?? '').slice(0, 60)}”)`);
  }
  const inv = input.invitation;
  if (inv) {
    const when = inv.sentAt ? ` on ${inv.sentAt.slice(0, 10)}` : '';
    if (inv.direction === 'outgoing') {
      reasons.push(inv.hasMessage ? `You invited them with a personal note${when}` : `You invited them${when}, without a note`);
      if (inv.hasMessage) {
        score -= 0.2;
        doing ??= 'cold-outreach';
      }
    } else {
      reasons.push(inv.hasMessage ? `They invited you with a personal note${when}` : `They invited you${when}, without a note`);
      if (inv.hasMessage) score -= 0.1;
    }
  }
  const m = input.messages;
  if (m) {
    const total = m.sent + m.received;
    const spanDays = m.first && m.last ? (Date.parse(m.last) - Date.parse(m.first)) / DAY : 0;
    if (m.sent >= 2 && m.received >= 2) {
      score += 0.35;
      living = 'curiosity-conversation';
      reasons.push(`${total} direct messages both ways (${m.sent} from you, ${m.received} from them)`);
    } else if (m.sent >= 1 && m.received === 0) {
      score -= 0.35;
      doing ??= 'cold-outreach';
      reasons.push(`You wrote ${m.sent} time${m.sent === 1 ? '' : 's'} and got no reply`);
    } else if (m.received >= 1 && m.sent === 0) {
      score -= 0.25;
      reasons.push(`They wrote ${m.received} time${m.received === 1 ? '' : 's'}; you never replied`);
    } else {
      reasons.push(`${total} direct messages (${m.sent} from you, ${m.received} from them)`);
    }
    if (spanDays >= 180 && total >= 4) {
      score += 0.3;
      living = 'sharing-information';
      reasons.push(`Kept in touch over ${Math.round(spanDays / 30)} months`);
    }
    if (total >= 20) score += 0.15;
    if (m.firstFrom) reasons.push(m.firstFrom === 'me' ? 'You wrote first' : 'They wrote first');
    if (m.last) reasons.push(`Last message ${m.last.slice(0, 10)}`);
  }
  if (reasons.length === 0) return undefined;
  const origin = score >= 0.25 ? 'living' : score <= -0.25 ? 'doing' : 'unknown';
  const activity = origin === 'living' ? (living ?? 'curiosity-conversation') : origin === 'doing' ? doing : undefined;
  return {
    origin,
    confidence: Math.round(Math.min(0.9, Math.abs(score)) * 100) / 100,
    reasons: reasons.slice(0, 20),
    ...(activity ? { activity } : {}),
  };
}
