import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/**
 * The path of the Electron binary, or why there is none. The `electron`
 * package throws when its binary was never downloaded (as on machines that
 * reach only a package registry).
 */
function electronBinary(): { path: string } | { reason: string } {
  const pathFile = resolve(root, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile) && process.env['ELECTRON_SKIP_BINARY_DOWNLOAD']) {
    return { reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set and no Electron binary was installed' };
  }
  try {
    // Electron 45 downloads its binary on first use; where that cannot reach its host it throws.
    const require = createRequire(import.meta.url);
    const path = require('electron') as unknown;
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { reason: 'the electron package has no binary' };
  } catch (err) {
    return { reason: err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err) };
  }
}

const args = process.argv.slice(2);
const binary = electronBinary();
if ('path' in binary) {
  const child = spawn(binary.path, [resolve(root, 'dist/electron/main.cjs'), ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stderr.write(
    `No Electron binary is available here (${binary.reason}).\n` +
      'Starting the same app and backend in the browser fallback instead (127.0.0.1 only, token required).\n',
  );
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'electron/server/main.ts'), ...args], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}
