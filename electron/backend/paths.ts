import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Electron's `app.getPath('userData')` points for the product name
 * "Kith", so that the browser fallback and the CLI find the same default
 * data file as the desktop app.
 */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home = homedir(),
): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Kith');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Kith');
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'Kith');
}

export const DATA_FILE_NAME = 'kith.json';

export function defaultDataPath(): string {
  return join(defaultUserDataDir(), DATA_FILE_NAME);
}
