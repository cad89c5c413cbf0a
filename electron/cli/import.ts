import { resolve } from 'node:path';
import { KithError } from '../../shared/api/envelope.js';
import type { ImportPreview, ImportReport } from '../../shared/api/contract/import.js';
import type { CliCommand } from './commands.js';

// main.ts imports the command list, so it is loaded lazily here to keep the module graph acyclic.
const cli = () => import('./main.js');

/** The object `--json` prints, exactly as issue 3 specifies it. */
export interface ImportCliResult {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly errors: ReadonlyArray<{ readonly line: number; readonly message: string }>;
  readonly people: number;
}

function summary(report: ImportReport, people: number, isDryRun: boolean): string {
  const lines: string[] = [];
  const verb = isDryRun ? 'Would import' : 'Imported';
  lines.push(`${verb} ${report.file} (${report.era} layout${report.isResaved ? ', re-saved by a spreadsheet' : ''}).`);
  lines.push(
    `  ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped` +
      (report.hidden ? ` (${report.hidden} hidden or closed profile${report.hidden === 1 ? '' : 's'})` : '') +
      '.',
  );
  if (report.invitations.rows || report.messages.rows) {
    lines.push(
      `  Evidence: ${report.invitations.matched} of ${report.invitations.rows} invitations matched; messages with ${report.messages.people} people.`,
    );
  }
  lines.push(
    `  Suggested origins of unclassified ties: ${report.suggestions.living} living, ${report.suggestions.doing} doing, ${report.suggestions.unknown} unclear.`,
  );
  for (const w of report.warnings.slice(0, 10)) lines.push(`  warning: ${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}`);
  for (const e of report.errors.slice(0, 20)) lines.push(`  line ${e.line}: ${e.message}`);
  if (report.errorCount > 20) lines.push(`  … and ${report.errorCount - 20} more rejected rows (use --json for all).`);
  lines.push(isDryRun ? `Nothing was written; the network would hold ${people} people.` : `The network now holds ${people} people.`);
  return `${lines.join('\n')}\n`;
}

/**
 * `kith import PATH --data FILE [--dry-run] [--json]`: imports a LinkedIn
 * export (ZIP, unpacked folder or Connections.csv). A refused export exits
 * non-zero with the reason on stderr and leaves the data file byte-identical
 * (the import is planned in full before anything is applied).
 */
export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import PATH [--dry-run]                 import a LinkedIn export: ZIP, unpacked folder or Connections.csv',
  options: { 'dry-run': { type: 'boolean' } },
  async run(ctx) {
    const [path, ...extra] = ctx.positionals;
    if (!path) throw new KithError('invalid-input', 'import needs the PATH of a LinkedIn export (ZIP, folder or Connections.csv).');
    if (extra.length > 0) throw new KithError('invalid-input', `import takes one PATH; also got ${extra.map((e) => `"${e}"`).join(', ')}.`);
    const isDryRun = ctx.values['dry-run'] === true;
    const { withBackend, call } = await cli();
    const { report, people } = await withBackend(ctx.dataPath(), async (backend) => {
      const preview = (await call(backend, 'import:preview', { source: { kind: 'path', path: resolve(path) } })) as ImportPreview;
      if (isDryRun) {
        await call(backend, 'import:cancel', { previewId: preview.previewId });
        return { report: preview.report, people: backend.session().doc.people.length + preview.report.added };
      }
      const committed = (await call(backend, 'import:commit', { previewId: preview.previewId })) as { report: ImportReport };
      return { report: committed.report, people: backend.session().doc.people.length };
    });
    if (ctx.values.json) {
      const result: ImportCliResult = {
        added: report.added,
        updated: report.updated,
        unchanged: report.unchanged,
        skipped: report.skipped,
        errors: report.errors,
        people,
      };
      ctx.io.out(`${JSON.stringify(result)}\n`);
    } else {
      ctx.io.out(summary(report, people, isDryRun));
    }
    return 0;
  },
};
