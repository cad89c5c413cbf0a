import { actionOf, chordLabel, chordsOn, type ActionId, type Platform } from '../../../shared/ui/actions';

/** The platform the window runs on, as Node names it. */
export const PLATFORM: Platform =
  typeof navigator === 'undefined'
    ? 'linux'
    : /Mac|iPhone|iPad/.test(navigator.userAgent)
      ? 'darwin'
      : /Windows/.test(navigator.userAgent)
        ? 'win32'
        : 'linux';

/** The modifier as the platform writes it before a key: `⌘` or `Ctrl+`. */
export const MOD = PLATFORM === 'darwin' ? '⌘' : 'Ctrl+';

/** An action's keys as the platform writes them, the first chord that works there: `⇧⌘Z`, `Ctrl+Y`, `F`. */
export function keysOf(id: ActionId): string {
  const chord = chordsOn(actionOf(id), PLATFORM)[0];
  return chord ? chordLabel(chord, PLATFORM) : '';
}
