import { KithError } from '../../shared/api/envelope.js';
import { buildGraphIndex, findPaths, suggestIntroductions } from '../../shared/graph/index.js';
import { today } from '../backend/session.js';
import type { CliCommand, CliContext } from './commands.js';

function intOption(ctx: CliContext, name: string, fallback: number, min: number, max: number): number {
  const raw = ctx.values[name];
  if (raw === undefined) return fallback;
  const n = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new KithError('invalid-input', `--${name} must be a whole number from ${min} to ${max}, not "${String(raw)}".`);
  return n;
}

// main.ts imports the command list, so it is loaded lazily here to keep the module graph acyclic.
const readNetwork = async (path: string) => (await import('./main.js')).readNetwork(path);

/** `kith paths --data FILE --to QUERY [--k 3] [--json]`: planned-happenstance paths from me. */
export const pathsCommand: CliCommand = {
  name: 'paths',
  usage: 'paths --to QUERY [--k 3]                 best paths from you to a person, company, community, tag or opportunity',
  options: { to: { type: 'string' }, k: { type: 'string' } },
  async run(ctx) {
    const to = ctx.values.to;
    if (typeof to !== 'string' || to.trim() === '')
      throw new KithError('invalid-input', '--to QUERY is required (a person, company, community, tag or opportunity).');
    const k = intOption(ctx, 'k', 3, 1, 10);
    const doc = await readNetwork(ctx.dataPath());
    const result = findPaths(buildGraphIndex(doc, today()), { kind: 'query', value: to }, k);
    if (ctx.values.json) {
      const paths = result.paths.map((p) => ({
        hops: p.hops.map((h) => ({ from: h.fromName, to: h.toName, origin: h.origin, activity: h.activity ?? null })),
        cost: p.cost,
      }));
      ctx.io.out(`${JSON.stringify({ paths })}\n`);
      return 0;
    }
    const t = result.target;
    ctx.io.out(
      `Paths from you to ${t.label} (${t.kind}${t.kind === 'person' ? '' : `, ${t.people} ${t.people === 1 ? 'person' : 'people'}`}):\n`,
    );
    if (result.paths.length === 0) ctx.io.out(`  ${result.note ?? 'No path found.'}\n`);
    result.paths.forEach((p, i) => {
      ctx.io.out(`${i + 1}. ${p.summary} — cost ${p.cost.toFixed(2)}\n`);
      for (const h of p.hops) ctx.io.out(`   ${h.explanation}\n`);
    });
    return 0;
  },
};

/** `kith intros --data FILE [--limit 20] [--json]`: whom to introduce to whom. */
export const introsCommand: CliCommand = {
  name: 'intros',
  usage: 'intros [--limit 20]                      pairs of your contacts to introduce, with reasons',
  options: { limit: { type: 'string' } },
  async run(ctx) {
    const limit = intOption(ctx, 'limit', 20, 1, 200);
    const doc = await readNetwork(ctx.dataPath());
    const suggestions = suggestIntroductions(buildGraphIndex(doc, today()), limit);
    if (ctx.values.json) {
      ctx.io.out(
        `${JSON.stringify({ suggestions: suggestions.map((s) => ({ a: s.aName, b: s.bName, reasons: s.reasons, score: s.score })) })}\n`,
      );
      return 0;
    }
    if (suggestions.length === 0) ctx.io.out('No introductions to suggest: add interests, needs and offers to your contacts.\n');
    suggestions.forEach((s, i) => {
      ctx.io.out(`${i + 1}. ${s.aName} ↔ ${s.bName} (score ${s.score.toFixed(2)})\n`);
      for (const r of s.reasons) ctx.io.out(`   - ${r}\n`);
    });
    return 0;
  },
};
