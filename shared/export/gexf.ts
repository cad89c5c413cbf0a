import type { KithFile } from '../domain/model.js';
import { ACTIVITY_LABELS } from '../domain/vocabulary.js';
import { xmlEscape } from './exportNetwork.js';

/** Node attributes, in column order: GEXF refers to them by these ids. */
const NODE_ATTRIBUTES = [
  { id: '0', title: 'company', type: 'string' },
  { id: '1', title: 'position', type: 'string' },
  { id: '2', title: 'tags', type: 'string' },
  { id: '3', title: 'communities', type: 'string' },
  { id: '4', title: 'isMe', type: 'boolean' },
] as const;

const EDGE_ATTRIBUTES = [
  { id: '0', title: 'origin', type: 'string' },
  { id: '1', title: 'activity', type: 'string' },
  { id: '2', title: 'strength', type: 'integer' },
  { id: '3', title: 'since', type: 'string' },
  { id: '4', title: 'lastInteraction', type: 'string' },
] as const;

/**
 * The network as GEXF 1.3 (Gephi's own format): one node per person, one
 * undirected edge per tie weighted by strength (1 when unknown), with
 * company, position, tags, communities and the tie's origin and activity as
 * attributes so that Gephi can partition and colour by them. Pure: the same
 * network gives the same bytes; `date` (YYYY-MM-DD), when given, goes in the metadata.
 */
export function toGexf(doc: KithFile, date?: string): string {
  const communities = new Map(doc.communities.map((c) => [c.id as string, c.name]));
  const attr = (id: string, value: string | number | boolean | undefined) =>
    value === undefined || value === '' ? '' : `<attvalue for="${id}" value="${xmlEscape(String(value))}"/>`;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    `  <meta${date ? ` lastmodifieddate="${xmlEscape(date)}"` : ''}>`,
    '    <creator>Kith</creator>',
    '    <description>A professional network: Living and Doing ties</description>',
    '  </meta>',
    '  <graph mode="static" defaultedgetype="undirected">',
    '    <attributes class="node">',
    ...NODE_ATTRIBUTES.map((a) => `      <attribute id="${a.id}" title="${a.title}" type="${a.type}"/>`),
    '    </attributes>',
    '    <attributes class="edge">',
    ...EDGE_ATTRIBUTES.map((a) => `      <attribute id="${a.id}" title="${a.title}" type="${a.type}"/>`),
    '    </attributes>',
    '    <nodes>',
  ];
  for (const p of doc.people) {
    const values = [
      attr('0', p.company),
      attr('1', p.position),
      attr('2', p.tags?.join('; ')),
      attr('3', p.communities?.map((c) => communities.get(c) ?? c).join('; ')),
      attr('4', p.id === doc.meId ? true : undefined),
    ].join('');
    out.push(`      <node id="${xmlEscape(p.id)}" label="${xmlEscape(p.name)}">${values ? `<attvalues>${values}</attvalues>` : ''}</node>`);
  }
  out.push('    </nodes>', '    <edges>');
  for (const t of doc.ties) {
    const values = [
      attr('0', t.origin),
      attr('1', t.activity ? ACTIVITY_LABELS[t.activity] : undefined),
      attr('2', t.strength),
      attr('3', t.since),
      attr('4', t.lastInteraction),
    ].join('');
    out.push(
      `      <edge id="${xmlEscape(t.id)}" source="${xmlEscape(t.a)}" target="${xmlEscape(t.b)}" weight="${t.strength ?? 1}"><attvalues>${values}</attvalues></edge>`,
    );
  }
  out.push('    </edges>', '  </graph>', '</gexf>', '');
  return out.join('\n');
}
