import path from 'node:path';
import { z } from 'zod';

/** Where and how big the window was when it last closed, kept in `<userData>/window-state.json`. */
export interface WindowState {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly isMaximized: boolean;
}

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The synchronous fs calls window state needs; node:fs in the app, a fake or a temp dir in tests. The file is tiny and is written while the window closes, when nothing async may still run. */
export interface WindowStateFs {
  readFileSync(file: string, encoding: 'utf8'): string;
  writeFileSync(file: string, data: string, encoding: 'utf8'): void;
  renameSync(from: string, to: string): void;
  mkdirSync(dir: string, options: { recursive: true }): unknown;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, isMaximized: false };
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;
/** How much of the window must overlap a display for the saved position to be kept. */
const MIN_VISIBLE_PX = 100;

const Pixels = z.number().int().min(-100_000).max(100_000);
const StoredStateSchema = z.object({
  x: Pixels.optional(),
  y: Pixels.optional(),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  isMaximized: z.boolean().optional(),
});

/** Parses the stored text; anything unreadable (corrupt, truncated, wrong shape) gives the defaults rather than an error. */
export function parseWindowState(text: string): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  const parsed = StoredStateSchema.safeParse(raw);
  if (!parsed.success) return DEFAULT_WINDOW_STATE;
  const { x, y, width, height, isMaximized = false } = parsed.data;
  const size = { width: Math.max(width, MIN_WINDOW_SIZE.width), height: Math.max(height, MIN_WINDOW_SIZE.height), isMaximized };
  return x === undefined || y === undefined ? size : { x, y, ...size };
}

export function loadWindowState(fs: Pick<WindowStateFs, 'readFileSync'>, file: string): WindowState {
  try {
    return parseWindowState(fs.readFileSync(file, 'utf8'));
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

/** Writes through a temp file and a rename so that a crash mid-write leaves the old state, not half a file. Never throws: losing the window position is not worth an error. */
export function saveWindowState(fs: WindowStateFs, file: string, state: WindowState): boolean {
  const temp = `${file}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, `${JSON.stringify(state)}\n`, 'utf8');
    fs.renameSync(temp, file);
    return true;
  } catch {
    return false;
  }
}

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? Math.min(width, height) : 0;
}

/**
 * Keeps a saved position only if the window would still show on one of the
 * current displays (a monitor may have been unplugged), and shrinks it to fit
 * the largest work area; otherwise the position is dropped and the OS centres it.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rectangle[]): WindowState {
  if (workAreas.length === 0) return state;
  const maxWidth = Math.max(...workAreas.map((area) => area.width));
  const maxHeight = Math.max(...workAreas.map((area) => area.height));
  const width = Math.max(Math.min(state.width, maxWidth), Math.min(MIN_WINDOW_SIZE.width, maxWidth));
  const height = Math.max(Math.min(state.height, maxHeight), Math.min(MIN_WINDOW_SIZE.height, maxHeight));
  const sized = { width, height, isMaximized: state.isMaximized };
  if (state.x === undefined || state.y === undefined) return sized;
  const bounds = { x: state.x, y: state.y, width, height };
  const isVisible = workAreas.some((area) => overlap(bounds, area) >= MIN_VISIBLE_PX);
  return isVisible ? { x: state.x, y: state.y, ...sized } : sized;
}

/** The state to store for a window: its normal (un-maximized) bounds plus whether it was maximized. */
export function windowStateFrom(normalBounds: Rectangle, isMaximized: boolean): WindowState {
  const round = (value: number): number => Math.round(value);
  return {
    x: round(normalBounds.x),
    y: round(normalBounds.y),
    width: round(normalBounds.width),
    height: round(normalBounds.height),
    isMaximized,
  };
}
