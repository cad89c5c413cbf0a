import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createBackend } from '../../electron/backend/backend.js';

/*
 * One memory measurement in a process of its own, so that the peak resident
 * set (`maxRSS`) is this case's alone. Prints one line of JSON:
 * `{ outcome, message?, ms, peakMB, fileBytes? }`.
 *
 *   --case import --data FILE --source PATH     import:preview + import:commit + save, as `kith import` does
 *   --case upload --data FILE --source PATH     the same, with the file sent as bytes (the browser fallback's upload)
 *   --case load --data FILE                     open the data file, network:get encoded as the HTTP server encodes it, one edit and its save
 */
const { values } = parseArgs({ options: { case: { type: 'string' }, data: { type: 'string' }, source: { type: 'string' } } });
const dataPath = values.data ?? '';
const started = Date.now();

interface Answer {
  readonly outcome: string;
  readonly message?: string;
  readonly fileBytes?: number;
}

async function run(): Promise<Answer> {
  const backend = await createBackend({ dataPath, saveDebounceMs: 0, watch: false });
  try {
    const problem = backend.session().store.problem;
    if (problem) return { outcome: 'refused', message: problem.message };
    if (values.case === 'load') {
      const network = await backend.call('network:get', {});
      if (!network.ok) return { outcome: network.error.code, message: network.error.message };
      // What the HTTP fallback does with the answer: one JSON string of the envelope.
      const encoded = JSON.stringify(network);
      const edit = await backend.call('person:create', { name: 'Measured' });
      await backend.session().store.flush();
      return { outcome: edit.ok ? `loaded, ${Math.round(encoded.length / 2 ** 20)} MB answer` : edit.error.code };
    }
    const source =
      values.case === 'upload'
        ? {
            kind: 'upload' as const,
            name: (values.source ?? '').split('/').pop() ?? 'export.zip',
            dataBase64: (await readFile(values.source ?? '')).toString('base64'),
          }
        : { kind: 'path' as const, path: values.source ?? '' };
    const preview = await backend.call('import:preview', { source });
    if (!preview.ok) return { outcome: preview.error.code, message: preview.error.message };
    const commit = await backend.call('import:commit', { previewId: (preview.value as { previewId: string }).previewId });
    if (!commit.ok) return { outcome: commit.error.code, message: commit.error.message };
    await backend.session().store.flush();
    const problemAfter = backend.session().store.problem;
    if (problemAfter) return { outcome: problemAfter.kind, message: problemAfter.message };
    return { outcome: `added ${(commit.value as { report: { added: number } }).report.added}`, fileBytes: (await stat(dataPath)).size };
  } finally {
    await backend.close().catch(() => undefined);
  }
}

const answer = await run().catch((err: unknown): Answer => ({
  outcome: 'crash',
  message: err instanceof Error ? err.message : String(err),
}));
const peakMB = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(`${JSON.stringify({ ...answer, ms: Date.now() - started, peakMB })}\n`);
