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
  const stop = async () => {
    await server.close();
    await backend.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  serve(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`kith serve: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
