import { describe, expect, it } from 'vitest';
import { exampleNetwork } from '../../../shared/domain/example';
import type { KithFile, PersonId } from '../../../shared/domain/model';
import { exportNetwork } from '../../../shared/export/exportNetwork';
import { toGexf } from '../../../shared/export/gexf';

interface XmlNode {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: XmlNode[];
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * A strict little XML reader for the test: one root, balanced tags, quoted
 * attributes, only the five predefined entities, no stray `<` or `&`.
 * Throws on anything a real parser would refuse.
 */
function parseXml(text: string): XmlNode {
  const body = text.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: XmlNode[] = [{ name: '#document', attrs: {}, children: [] }];
  const token = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  const decode = (s: string) =>
    s.replace(/&(\w+);|&/g, (m, name: string | undefined) => {
      if (!name || !(name in ENTITIES)) throw new Error(`bad entity ${m}`);
      return ENTITIES[name] as string;
    });
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < body.length && (m = token.exec(body))) {
    at = token.lastIndex;
    const [, close, name, attrText, selfClose, text] = m;
    if (text !== undefined) {
      if (text.trim() && stack.length === 1) throw new Error('text outside the root');
      decode(text);
      continue;
    }
    const top = stack[stack.length - 1] as XmlNode;
    if (close) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? '').matchAll(/([\w:.-]+)="([^"]*)"/g)) {
      if ((a[1] as string) in attrs) throw new Error(`repeated attribute ${a[1]}`);
      attrs[a[1] as string] = decode(a[2] as string);
    }
    const node: XmlNode = { name: name as string, attrs, children: [] };
    top.children.push(node);
    if (!selfClose) stack.push(node);
  }
  if (at !== body.length) throw new Error(`not XML at ${at}: ${body.slice(at, at + 40)}`);
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]?.name}> never closed`);
  const [root, ...rest] = (stack[0] as XmlNode).children;
  if (!root || rest.length > 0) throw new Error('not exactly one root');
  return root;
}

const find = (n: XmlNode, name: string): XmlNode[] => n.children.flatMap((c) => (c.name === name ? [c] : find(c, name)));

const hostile = (): KithFile => {
  const doc = exampleNetwork('Robin', 'me' as PersonId);
  return {
    ...doc,
    people: doc.people.map((p, i) =>
      i === 1 ? { ...p, name: '<b>"Ada" & \'co\'</b>\u0001', company: 'A&B <Labs>', tags: ['x"y', 'z'] } : p,
    ),
  };
};

describe('GEXF export', () => {
  const doc = hostile();
  const text = toGexf(doc, '2026-06-01');
  const root = parseXml(text);

  it('is well-formed GEXF 1.3 with an undirected static graph', () => {
    expect(root.name).toBe('gexf');
    expect(root.attrs).toMatchObject({ xmlns: 'http://gexf.net/1.3', version: '1.3' });
    const graph = find(root, 'graph')[0];
    expect(graph?.attrs).toMatchObject({ mode: 'static', defaultedgetype: 'undirected' });
    expect(find(root, 'meta')[0]?.attrs.lastmodifieddate).toBe('2026-06-01');
  });

  it('has every person and tie, edges naming existing nodes, weights from strength', () => {
    const nodes = find(root, 'node');
    const edges = find(root, 'edge');
    expect(nodes).toHaveLength(doc.people.length);
    expect(edges).toHaveLength(doc.ties.length);
    const ids = new Set(nodes.map((n) => n.attrs.id));
    expect(ids.size).toBe(nodes.length);
    for (const e of edges) {
      expect(ids.has(e.attrs.source)).toBe(true);
      expect(ids.has(e.attrs.target)).toBe(true);
      expect(Number(e.attrs.weight)).toBeGreaterThanOrEqual(1);
    }
    const strong = doc.ties.find((t) => t.strength === 5);
    if (strong) expect(edges.find((e) => e.attrs.id === strong.id)?.attrs.weight).toBe('5');
  });

  it('declares its attributes and uses only declared ones, with origins and the owner marked', () => {
    const declared = (cls: string) =>
      new Map(
        find(root, 'attributes')
          .filter((a) => a.attrs.class === cls)
          .flatMap((a) => a.children.map((c) => [c.attrs.id, c.attrs.title] as const)),
      );
    const nodeAttrs = declared('node');
    const edgeAttrs = declared('edge');
    for (const n of find(root, 'node')) for (const v of find(n, 'attvalue')) expect(nodeAttrs.has(v.attrs.for)).toBe(true);
    for (const e of find(root, 'edge')) for (const v of find(e, 'attvalue')) expect(edgeAttrs.has(v.attrs.for)).toBe(true);
    const originId = [...edgeAttrs].find(([, title]) => title === 'origin')?.[0];
    const origins = new Set(
      find(root, 'edge').flatMap((e) =>
        find(e, 'attvalue')
          .filter((v) => v.attrs.for === originId)
          .map((v) => v.attrs.value),
      ),
    );
    expect([...origins].sort()).toEqual(['doing', 'living', 'unknown']);
    const isMe = [...nodeAttrs].find(([, title]) => title === 'isMe')?.[0];
    const me = find(root, 'node').find((n) => n.attrs.id === doc.meId);
    expect(find(me as XmlNode, 'attvalue').find((v) => v.attrs.for === isMe)?.attrs.value).toBe('true');
  });

  it('escapes what people type and drops characters XML forbids', () => {
    const ada = find(root, 'node').find((n) => n.attrs.label?.includes('Ada'));
    expect(ada?.attrs.label).toBe('<b>"Ada" & \'co\'</b>');
    expect(find(ada as XmlNode, 'attvalue').map((v) => v.attrs.value)).toContain('A&B <Labs>');
  });

  it('is what network:export gives for "gexf", byte for byte the same each time', () => {
    const exported = exportNetwork(doc, 'gexf');
    expect(exported.filename).toBe('kith-network.gexf');
    expect(exported.mimeType).toBe('application/gexf+xml');
    expect(exported.content).toBe(toGexf(doc));
    expect(toGexf(doc)).toBe(toGexf(doc));
    expect(() => parseXml(exported.content)).not.toThrow();
  });

  it('the test reader itself refuses broken XML', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
    expect(() => parseXml('<a>&nope;</a>')).toThrow();
    expect(() => parseXml('<a>1 < 2</a>')).toThrow();
  });
});
