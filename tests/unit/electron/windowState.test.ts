import fs, { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  loadWindowState,
  MIN_WINDOW_SIZE,
  parseWindowState,
  saveWindowState,
  windowStateFrom,
  type WindowStateFs,
} from '../../../electron/main/windowState.js';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kith-window-'));
  file = path.join(dir, 'nested', 'window-state.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('window state on disk', () => {
  it('gives the defaults when there is no file yet', () => {
    expect(loadWindowState(fs, file)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('round-trips through save and load (atomic write, folder created)', () => {
    const state = { x: 40, y: 50, width: 1400, height: 900, isMaximized: true };
    expect(saveWindowState(fs, file, state)).toBe(true);
    expect(loadWindowState(fs, file)).toEqual(state);
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);
  });

  it.each([
    ['empty file', ''],
    ['truncated JSON', '{"x": 10, "y": '],
    ['NUL bytes from a power cut', '\0\0\0\0\0'],
    ['wrong shape', '{"width": "wide", "height": 800}'],
    ['an array', '[1, 2, 3]'],
    ['null', 'null'],
    ['absurd numbers', '{"width": 1e12, "height": 800}'],
    ['fractions', '{"width": 800.5, "height": 600}'],
  ])('falls back to the defaults for a corrupt file: %s', (_name, text) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    expect(loadWindowState(fs, file)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('keeps size but drops a half position, and enforces the minimum size', () => {
    expect(parseWindowState('{"x": 5, "width": 300, "height": 200}')).toEqual({ ...MIN_WINDOW_SIZE, isMaximized: false });
  });

  it('never throws when the disk refuses the write', () => {
    const failing: WindowStateFs = {
      readFileSync: () => {
        throw new Error('EACCES');
      },
      writeFileSync: () => {
        throw new Error('ENOSPC');
      },
      renameSync: () => undefined,
      mkdirSync: () => undefined,
    };
    expect(saveWindowState(failing, file, DEFAULT_WINDOW_STATE)).toBe(false);
    expect(loadWindowState(failing, file)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('leaves the previous state intact when the rename fails', () => {
    saveWindowState(fs, file, { width: 900, height: 700, isMaximized: false });
    const before = readFileSync(file, 'utf8');
    const brokenRename: WindowStateFs = {
      ...fs,
      renameSync: () => {
        throw new Error('EXDEV');
      },
    };
    expect(saveWindowState(brokenRename, file, { width: 1200, height: 800, isMaximized: true })).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('fitToDisplays', () => {
  const laptop = { x: 0, y: 0, width: 1440, height: 900 };
  const external = { x: 1440, y: 0, width: 2560, height: 1440 };

  it('keeps a position that is on a display', () => {
    const state = { x: 1600, y: 100, width: 1200, height: 800, isMaximized: false };
    expect(fitToDisplays(state, [laptop, external])).toEqual(state);
  });

  it('drops the position of a window left on an unplugged monitor', () => {
    const state = { x: 1600, y: 100, width: 1200, height: 800, isMaximized: false };
    expect(fitToDisplays(state, [laptop])).toEqual({ width: 1200, height: 800, isMaximized: false });
  });

  it('shrinks a window larger than any display', () => {
    const state = { x: 0, y: 0, width: 3000, height: 2000, isMaximized: false };
    expect(fitToDisplays(state, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 900, isMaximized: false });
  });

  it('drops a position that only grazes a display', () => {
    const state = { x: -1150, y: 10, width: 1200, height: 800, isMaximized: false };
    expect(fitToDisplays(state, [laptop]).x).toBeUndefined();
  });

  it('leaves the state alone when no display is known', () => {
    expect(fitToDisplays(DEFAULT_WINDOW_STATE, [])).toEqual(DEFAULT_WINDOW_STATE);
  });
});

describe('windowStateFrom', () => {
  it('stores rounded normal bounds and the maximized flag', () => {
    expect(windowStateFrom({ x: 10.4, y: 20.6, width: 1000.2, height: 700.7 }, true)).toEqual({
      x: 10,
      y: 21,
      width: 1000,
      height: 701,
      isMaximized: true,
    });
  });
});
