import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../backend/backend.js';
import { defaultDataPath } from '../backend/paths.js';
import { startHttpServer } from './httpServer.js';

/**
 * `npm run serve -- --data FILE [--port N]`: the browser fallback. Prints the
 * URL (token included) on a line of its own.
 */
export async function serve(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: { data: { type: 'string' }, port: { type: 'string' }, static: { type: 'string' } },
    allowPositionals: false,
  });
  const dataPath = resolve(values.data ?? defaultDataPath());
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port}"`);
  await mkdir(dirname(dataPath), { recursive: true });
  const backend = await createBackend({ dataPath });
  const staticDir = resolve(values.static ?? resolve(import.meta.dirname, '../../dist/renderer'));
  const server = await startHttpServer({ backend, staticDir, port });
  process.stdout.write(`Kith is serving ${dataPath}\nOpen this address in your browser (it holds the access token):\n${server.url}\n`);
  const stop = async (code: number) => {
    await server.close().catch(() => undefined);
    await backend.close().catch((err: unknown) => process.stderr.write(`kith serve: ${describe(err)}\n`));
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  // Every request handles its own errors; these are the last resort for a bug. A rejection no one awaited
  // is reported and the server goes on; after an uncaught exception the process state is unknown, so the
  // edits already answered `ok` are saved before it exits rather than lost with it.
  process.on('unhandledRejection', (err) => process.stderr.write(`kith serve: internal error (still serving): ${describe(err)}\n`));
  process.once('uncaughtException', (err) => {
    process.stderr.write(`kith serve: internal error, saving and stopping: ${err.stack ?? err.message}\n`);
    void stop(1);
  });
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  serve(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`kith serve: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
