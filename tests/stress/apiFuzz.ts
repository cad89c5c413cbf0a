import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { z } from 'zod';
import { CHANNEL_NAMES, contract, type ChannelName } from '../../shared/api/contract/index.js';
import { ERROR_CODES } from '../../shared/api/envelope.js';
import { createBackend, type Backend } from '../../electron/backend/backend.js';

/** What the fuzzer knows of the network, so that generated ids often name things that exist. */
export interface Pools {
  readonly person: readonly string[];
  readonly tie: readonly string[];
  readonly community: readonly string[];
  readonly opportunity: readonly string[];
  readonly import: readonly string[];
  readonly preview: readonly string[];
  /** Names, companies and tags to search for. */
  readonly text: readonly string[];
  readonly paths: readonly string[];
  /** The channel's domain (`person` for person:update), which says what an `id` names. */
  readonly domain: string;
}

/** Which pool an id-like key draws from. */
function poolOf(key: string, pools: Pools): readonly string[] | undefined {
  switch (key) {
    case 'a':
    case 'b':
    case 'through':
    case 'introducedBy':
      return pools.person;
    case 'community':
    case 'communities':
      return pools.community;
    case 'importId':
      return pools.import;
    case 'previewId':
      return pools.preview;
    case 'value':
    case 'query':
      return [...pools.person, ...pools.text];
    case 'id': {
      const byDomain: Record<string, readonly string[]> = {
        person: pools.person,
        tie: pools.tie,
        community: pools.community,
        opportunity: pools.opportunity,
      };
      return byDomain[pools.domain] ?? [...pools.person, ...pools.tie];
    }
    default:
      return undefined;
  }
}

/** Strings that have broken parsers, path handling, templates and HTML before. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '/dev/zero',
  '%00',
  '%E0%A4%A',
  '${7*7}',
  '{{constructor.constructor("return process")()}}',
  '<img src=x onerror=window.__xss=1>',
  'javascript:alert(1)',
  '\uD800',
  '\u202E\u0041',
  '🌟'.repeat(50),
  'a'.repeat(201),
  'a'.repeat(20_001),
  '9999-99-99',
  '2024-02-30',
  '0000-00-00',
  'NaN',
  'Infinity',
];

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): Def[] => ((def['checks'] as { _zod: { def: Def } }[] | undefined) ?? []).map((c) => c._zod.def);

/**
 * A fast-check arbitrary that produces values the schema mostly accepts,
 * built from zod 4's schema definitions: objects, strings with their lengths
 * and patterns, integers with their bounds, enums, literals, arrays, optional,
 * nullable, default, unions. Id-like keys draw from the network's real ids.
 */
export function arbitraryOf(schema: z.ZodType, pools: Pools, key = ''): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def['shape'] as Record<string, z.ZodType>;
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      const required: string[] = [];
      for (const [k, v] of Object.entries(shape)) {
        model[k] = arbitraryOf(v, pools, k);
        const t = defOf(v).type;
        if (t !== 'optional' && t !== 'default') required.push(k);
      }
      return fc.record(model, { requiredKeys: required });
    }
    case 'optional':
    case 'default':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return arbitraryOf(def['innerType'] as z.ZodType, pools, key);
    case 'nullable':
      return fc.oneof(
        { weight: 4, arbitrary: arbitraryOf(def['innerType'] as z.ZodType, pools, key) },
        { weight: 1, arbitrary: fc.constant(null) },
      );
    case 'pipe':
      return arbitraryOf(def['in'] as z.ZodType, pools, key);
    case 'union':
      return fc.oneof(...(def['options'] as z.ZodType[]).map((o) => arbitraryOf(o, pools, key)));
    case 'enum':
      return fc.constantFrom(...Object.values(def['entries'] as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(def['values'] as unknown[]));
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const max = checksOf(def).find((c) => c.check === 'max_length')?.['maximum'] as number | undefined;
      return fc.array(arbitraryOf(def['element'] as z.ZodType, pools, key), { maxLength: Math.min(max ?? 5, 5) });
    }
    case 'number': {
      const checks = checksOf(def);
      const min = checks.find((c) => c.check === 'greater_than')?.['value'] as number | undefined;
      const max = checks.find((c) => c.check === 'less_than')?.['value'] as number | undefined;
      return fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: min ?? -5, max: max ?? 1000 }) },
        { weight: 1, arbitrary: fc.constantFrom(-1, 0, 1.5, Number.MAX_SAFE_INTEGER, -0, 1e308) },
      );
    }
    case 'string':
      return stringOf(def, pools, key);
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

function stringOf(def: Def, pools: Pools, key: string): fc.Arbitrary<string> {
  const checks = checksOf(def);
  const min = (checks.find((c) => c.check === 'min_length')?.['minimum'] as number | undefined) ?? 0;
  const max = (checks.find((c) => c.check === 'max_length')?.['maximum'] as number | undefined) ?? 1000;
  const pattern = checks.find((c) => c.check === 'string_format' && c['format'] === 'regex')?.['pattern'] as RegExp | undefined;
  const hostile = fc.constantFrom(...HOSTILE_STRINGS);
  if (key === 'dataBase64') {
    return fc
      .oneof(
        fc.uint8Array({ maxLength: 400 }),
        fc
          .constantFrom('First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Lee,,,Acme,Eng,01 Jan 2024\n')
          .map((s) => new Uint8Array(Buffer.from(s))),
      )
      .map((b) => Buffer.from(b).toString('base64'));
  }
  if (key === 'path') return fc.oneof(fc.constantFrom(...pools.paths), hostile, fc.string({ minLength: 1, maxLength: 40 }));
  if (pattern && /\\d\{4\}-\\d\{2\}-\\d\{2\}/.test(pattern.source)) {
    return fc.oneof(
      {
        weight: 5,
        arbitrary: fc
          .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
      },
      { weight: 1, arbitrary: fc.constantFrom('2024-02-30', '2023-13-01', '0000-00-00', '9999-12-31', '2024-2-1') },
    );
  }
  const plain = fc.string({ minLength: Math.min(min, 40), maxLength: Math.min(max, 40) });
  const options: { weight: number; arbitrary: fc.Arbitrary<string> }[] = [
    { weight: 12, arbitrary: plain },
    { weight: 1, arbitrary: hostile },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: Math.max(1, min), maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom('x'.repeat(Math.max(min, Math.min(max, 100_000))), 'x'.repeat(Math.min(max + 1, 100_001))) },
  ];
  const pool = poolOf(key, pools);
  if (pool?.length) options.push({ weight: 45, arbitrary: fc.constantFrom(...pool) });
  return fc.oneof(...options);
}

/** Junk in place of a payload: any JS value, including what only IPC's structured clone can carry (Map, Date, typed arrays, BigInt). */
const junk = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withObjectString: true,
  withBoxedValues: true,
});

/** A near-valid payload with one thing wrong: a key removed, an unknown or prototype key added, a value swapped for junk. */
function mutated(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(base, fc.nat(), junk, fc.constantFrom('drop', 'extra', 'proto', 'swap', 'wrap', 'string'))
    .map(([value, at, other, how]) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return how === 'wrap' ? [value] : other;
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(copy);
      const k = keys[at % Math.max(1, keys.length)];
      switch (how) {
        case 'drop':
          if (k !== undefined) delete copy[k];
          return copy;
        case 'extra':
          copy[`unexpected${at % 5}`] = other;
          return copy;
        case 'proto':
          return JSON.parse(
            `{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}},${JSON.stringify(copy).slice(1)}`.replace(/,}$/, '}'),
          ) as unknown;
        case 'swap':
          if (k !== undefined) copy[k] = other;
          return copy;
        case 'wrap':
          return [copy];
        default:
          return JSON.stringify(copy);
      }
    });
}

/** Payloads for one channel: a third junk, a third valid-shaped, a third valid-shaped with one thing wrong. */
export function payloadsFor(name: ChannelName, pools: Pools): fc.Arbitrary<unknown> {
  const shaped = arbitraryOf(contract[name].input, pools);
  return fc.oneof(junk, shaped, mutated(shaped));
}

export interface ChannelFigures {
  readonly channel: ChannelName;
  readonly calls: number;
  readonly accepted: number;
  readonly refused: Readonly<Record<string, number>>;
  /** Answers with code `internal` (a handler threw something unexpected). */
  readonly internal: number;
  /** `backend.call` itself threw. */
  readonly thrown: number;
  /** Accepted calls whose value fails the channel's output schema, or answers that are not an envelope. */
  readonly invalidAnswers: number;
  /** Refused calls after which the data file's bytes had changed. */
  readonly fileChangedOnRefusal: number;
  readonly failures: readonly string[];
}

export interface ApiFuzzFigures {
  readonly channels: number;
  readonly calls: number;
  readonly minPerChannel: number;
  readonly accepted: number;
  readonly refused: number;
  readonly internal: number;
  readonly thrown: number;
  readonly invalidAnswers: number;
  readonly fileChangedOnRefusal: number;
  readonly perChannel: readonly ChannelFigures[];
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

function describe(value: unknown): string {
  try {
    return (JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value)).slice(0, 200);
  } catch {
    return String(value).slice(0, 200);
  }
}

async function fuzzChannel(name: ChannelName, runs: number, seed: number, root: string): Promise<ChannelFigures> {
  const dir = await mkdtemp(join(root, `${name.replace(':', '-')}-`));
  const path = join(dir, 'kith.json');
  const backend: Backend = await createBackend({ dataPath: path, saveDebounceMs: 60_000, watch: false });
  const refused: Record<string, number> = {};
  const failures: string[] = [];
  let accepted = 0;
  let internal = 0;
  let thrown = 0;
  let invalidAnswers = 0;
  let fileChangedOnRefusal = 0;
  const fail = (text: string) => {
    if (failures.length < 10) failures.push(text);
  };
  try {
    await backend.call('network:loadExample', {});
    const csv = (n: number) =>
      `First Name,Last Name,URL,Email Address,Company,Position,Connected On\nFuzz${n},Lee,,,Acme,Eng,01 Jan 2024\n`;
    const upload = (n: number) => ({
      source: { kind: 'upload', name: 'Connections.csv', dataBase64: Buffer.from(csv(n)).toString('base64') },
    });
    const first = await backend.call('import:preview', upload(0));
    if (first.ok) await backend.call('import:commit', { previewId: (first.value as { previewId: string }).previewId });
    const previews: string[] = [];
    for (let n = 1; n <= 4; n += 1) {
      const next = await backend.call('import:preview', upload(n));
      if (next.ok) previews.push((next.value as { previewId: string }).previewId);
    }
    await backend.session().store.flush();
    const doc = backend.session().doc;
    const pools: Pools = {
      person: doc.people.map((p) => p.id),
      tie: doc.ties.map((t) => t.id),
      community: doc.communities.map((c) => c.id),
      opportunity: doc.opportunities.map((o) => o.id),
      import: (doc.imports ?? []).map((i) => i.id),
      preview: previews,
      text: [...doc.people.map((p) => p.name), ...doc.people.flatMap((p) => [p.company ?? '', ...(p.tags ?? [])])].filter((t) => t !== ''),
      paths: [dir, path, join(dir, 'missing.zip'), '/dev/zero', '/dev/null', '/proc/self/status', '/etc/passwd', tmpdir()],
      domain: name.split(':')[0] ?? '',
    };
    const payloads = fc.sample(payloadsFor(name, pools), { numRuns: runs, seed });
    let before = await readFile(path);
    for (const payload of payloads) {
      let result;
      try {
        result = await backend.call(name, payload);
      } catch (err) {
        thrown += 1;
        fail(`threw ${String(err)} for ${describe(payload)}`);
        continue;
      }
      await backend
        .session()
        .store.flush()
        .catch(() => undefined);
      const after = await readFile(path);
      if (result.ok) {
        accepted += 1;
        const output = contract[name].output.safeParse(result.value);
        if (!output.success) {
          invalidAnswers += 1;
          fail(`accepted ${describe(payload)} but answered ${describe(result.value)}: ${output.error.issues[0]?.message ?? ''}`);
        }
      } else {
        const { code, message } = result.error;
        refused[code] = (refused[code] ?? 0) + 1;
        if (!KNOWN_CODES.has(code) || typeof message !== 'string' || message.length < 5) {
          invalidAnswers += 1;
          fail(`refusal without a code or message: ${describe(result)}`);
        }
        if (code === 'internal') {
          internal += 1;
          fail(`internal: ${message} for ${describe(payload)}`);
        }
        if (Buffer.compare(after, before) !== 0) {
          fileChangedOnRefusal += 1;
          fail(`refused ${describe(payload)} (${code}) but the data file changed`);
        }
      }
      before = after;
    }
  } finally {
    await backend.close().catch(() => undefined);
  }
  return { channel: name, calls: runs, accepted, refused, internal, thrown, invalidAnswers, fileChangedOnRefusal, failures };
}

/**
 * Sends `runs` payloads to every channel of the contract through
 * `backend.call`, each channel against its own backend on the example network,
 * `parallel` channels at a time. Each answer must be a valid value (checked
 * against the channel's output schema) or a refusal with a known code other
 * than `internal`; after each refusal the data file must be byte-identical.
 */
export async function fuzzApi(options: {
  runs: number;
  seed: number;
  channels?: readonly ChannelName[];
  parallel?: number;
}): Promise<ApiFuzzFigures> {
  const root = await mkdtemp(join(tmpdir(), 'kith-fuzz-'));
  const channels = options.channels ?? CHANNEL_NAMES;
  const perChannel: ChannelFigures[] = [];
  try {
    const queue = [...channels.entries()];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [i, name] = next;
        perChannel.push(await fuzzChannel(name, options.runs, options.seed + i, root));
      }
    };
    await Promise.all(Array.from({ length: options.parallel ?? 4 }, worker));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  perChannel.sort((a, b) => a.channel.localeCompare(b.channel));
  const sum = (pick: (c: ChannelFigures) => number) => perChannel.reduce((total, c) => total + pick(c), 0);
  return {
    channels: perChannel.length,
    calls: sum((c) => c.calls),
    minPerChannel: Math.min(...perChannel.map((c) => c.calls)),
    accepted: sum((c) => c.accepted),
    refused: sum((c) => Object.values(c.refused).reduce((a, b) => a + b, 0)),
    internal: sum((c) => c.internal),
    thrown: sum((c) => c.thrown),
    invalidAnswers: sum((c) => c.invalidAnswers),
    fileChangedOnRefusal: sum((c) => c.fileChangedOnRefusal),
    perChannel,
  };
}
