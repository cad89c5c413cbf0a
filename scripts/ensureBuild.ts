import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** `npm run serve` needs the built renderer; build it once when it is missing. */
const index = resolve(import.meta.dirname, '../dist/renderer/index.html');
if (!existsSync(index)) {
  process.stderr.write('Building the app first (dist/renderer is missing)…\n');
  const r = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(r.status ?? 1);
}
