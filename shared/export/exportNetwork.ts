import Papa from 'papaparse';
import { ACTIVITY_LABELS, type KithFile, type Person, type Tie } from '../domain/model.js';
import { toGexf } from './gexf.js';

export type ExportFormat = 'json' | 'csv' | 'graphml' | 'gexf';

export interface ExportedFile {
  readonly filename: string;
  readonly mimeType: string;
  readonly content: string;
}

/** Renders the network in one of the export formats. Pure: same network, same bytes. */
export function exportNetwork(doc: KithFile, format: ExportFormat): ExportedFile {
  switch (format) {
    case 'json':
      return { filename: 'kith-network.json', mimeType: 'application/json', content: `${JSON.stringify(doc, null, 2)}\n` };
    case 'csv':
      return { filename: 'kith-people.csv', mimeType: 'text/csv', content: toCsv(doc) };
    case 'graphml':
      return { filename: 'kith-network.graphml', mimeType: 'application/graphml+xml', content: toGraphml(doc) };
    case 'gexf':
      return { filename: 'kith-network.gexf', mimeType: 'application/gexf+xml', content: toGexf(doc) };
  }
}

/**
 * A spreadsheet opens `=cmd|…`, `+…`, `-…`, `@…` cells as formulas (OWASP CSV
 * injection), and some first skip or fold what leads the cell: white space of
 * any kind (line feed, space, no-break space…), zero-width characters and a
 * BOM, or read the full-width ＝ ＋ － ＠ as their ASCII selves. A cell
 * starting with any of them is prefixed with a quote so that it stays text.
 */
export function csvSafe(value: string): string {
  return /^[=+\-@\s\u200b-\u200d\u2060\ufeff\uff1d\uff0b\uff0d\uff20]/.test(value) ? `'${value}` : value;
}

const CSV_COLUMNS = [
  'name',
  'company',
  'position',
  'email',
  'profile_url',
  'tags',
  'interests',
  'needs',
  'offers',
  'origin',
  'activity',
  'strength',
  'since',
  'last_interaction',
  'connected_to',
  'notes',
] as const;

function toCsv(doc: KithFile): string {
  const byId = new Map(doc.people.map((p) => [p.id, p]));
  const tieToMe = new Map<string, Tie>();
  const others = new Map<string, string[]>();
  for (const t of doc.ties) {
    if (t.a === doc.meId) tieToMe.set(t.b, t);
    else if (t.b === doc.meId) tieToMe.set(t.a, t);
    else {
      for (const [x, y] of [
        [t.a, t.b],
        [t.b, t.a],
      ] as const) {
        const list = others.get(x) ?? [];
        list.push(byId.get(y)?.name ?? y);
        others.set(x, list);
      }
    }
  }
  const join = (xs: readonly string[] | undefined) => (xs ?? []).join('; ');
  const rows = doc.people
    .filter((p) => p.id !== doc.meId)
    .map((p: Person) => {
      const t = tieToMe.get(p.id);
      const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
        name: p.name,
        company: p.company ?? '',
        position: p.position ?? '',
        email: p.email ?? '',
        profile_url: p.url ?? '',
        tags: join(p.tags),
        interests: join(p.interests),
        needs: join(p.needs),
        offers: join(p.offers),
        origin: t?.origin ?? '',
        activity: t?.activity ? ACTIVITY_LABELS[t.activity] : '',
        strength: t?.strength !== undefined ? String(t.strength) : '',
        since: t?.since ?? '',
        last_interaction: t?.lastInteraction ?? '',
        connected_to: join(others.get(p.id)),
        notes: p.notes ?? '',
      };
      return CSV_COLUMNS.map((c) => csvSafe(cells[c]));
    });
  return `${Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { quotes: true, newline: '\r\n' })}\r\n`;
}

/** Escapes text for XML element content and attribute values; drops characters XML 1.0 forbids. */
export function xmlEscape(s: string): string {
  // XML 1.0 allows tab, LF, CR and U+0020 and up, minus surrogates and U+FFFE/U+FFFF.
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const NODE_KEYS = ['label', 'company', 'position', 'tags', 'isMe'] as const;
const EDGE_KEYS = ['origin', 'activity', 'strength', 'since', 'lastInteraction'] as const;

function toGraphml(doc: KithFile): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const k of NODE_KEYS)
    out.push(`  <key id="n_${k}" for="node" attr.name="${k}" attr.type="${k === 'isMe' ? 'boolean' : 'string'}"/>`);
  for (const k of EDGE_KEYS)
    out.push(`  <key id="e_${k}" for="edge" attr.name="${k}" attr.type="${k === 'strength' ? 'int' : 'string'}"/>`);
  out.push('  <graph id="kith" edgedefault="undirected">');
  const data = (key: string, value: string | number | boolean | undefined) =>
    value === undefined || value === '' ? '' : `<data key="${key}">${xmlEscape(String(value))}</data>`;
  for (const p of doc.people) {
    out.push(
      `    <node id="${xmlEscape(p.id)}">${data('n_label', p.name)}${data('n_company', p.company)}${data('n_position', p.position)}${data('n_tags', p.tags?.join('; '))}${data('n_isMe', p.id === doc.meId ? true : undefined)}</node>`,
    );
  }
  for (const t of doc.ties) {
    out.push(
      `    <edge id="${xmlEscape(t.id)}" source="${xmlEscape(t.a)}" target="${xmlEscape(t.b)}">${data('e_origin', t.origin)}${data('e_activity', t.activity)}${data('e_strength', t.strength)}${data('e_since', t.since)}${data('e_lastInteraction', t.lastInteraction)}</edge>`,
    );
  }
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}
