import type { BrowserWindowConstructorOptions } from 'electron';
import { MIN_WINDOW_SIZE, type WindowState } from './windowState.js';

export interface WindowOptionsInput {
  /** Absolute path of the built preload (dist/electron/preload.cjs). */
  readonly preloadPath: string;
  readonly state: WindowState;
  /** Painted before the page does, so the window does not flash white in a dark theme. */
  readonly isDarkTheme: boolean;
}

export const BACKGROUND_LIGHT = '#ffffff';
export const BACKGROUND_DARK = '#1e1f22';

/**
 * The BrowserWindow options, following Electron's security checklist: the page
 * gets no Node, runs sandboxed and context-isolated, and can only reach the
 * backend through the preload's fixed functions.
 */
export function createWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const { state } = input;
  return {
    title: 'Kith',
    show: false,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    backgroundColor: input.isDarkTheme ? BACKGROUND_DARK : BACKGROUND_LIGHT,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // On Linux Chromium fetches its spelling dictionaries from Google's servers; Kith keeps the user's notes off the network.
      spellcheck: false,
    },
  };
}
