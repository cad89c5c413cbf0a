import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { strToU8 } from 'fflate';
import { createBackend } from '../../electron/backend/backend.js';
import { ratioBomb } from './hostileImport.js';

/*
 * One real-ratio ZIP bomb through `import:preview`, in a process of its own,
 * so that a V8 out-of-memory abort (which no try/catch sees) shows as the
 * process dying instead of taking the stress run with it. Prints one line:
 * `answer <code or accepted> <ms> <peak rss MB> <zip KB>`.
 */
const { values } = parseArgs({ options: { mb: { type: 'string', default: '400' } } });
const mb = Number(values.mb);
const header = strToU8('First Name,Last Name,URL,Email Address,Company,Position,Connected On\n');
const zip = ratioBomb(mb, strToU8('Ada,Lee,,,Acme,Engineer,01 Jan 2024\n'), 'Connections.csv', header);
const dir = await mkdtemp(join(tmpdir(), 'kith-bomb-'));
try {
  const backend = await createBackend({ dataPath: join(dir, 'kith.json'), saveDebounceMs: 0, watch: false });
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = Date.now();
  const result = await backend.call('import:preview', {
    source: { kind: 'upload', name: 'bomb.zip', dataBase64: Buffer.from(zip).toString('base64') },
  });
  clearInterval(timer);
  const answer = result.ok ? 'accepted' : result.error.code;
  process.stdout.write(`answer ${answer} ${Date.now() - started} ${Math.round(peak / 2 ** 20)} ${Math.round(zip.length / 1024)}\n`);
  await backend.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
