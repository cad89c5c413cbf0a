import { describe, expect, it } from 'vitest';
import {
  accelerator,
  ACTION_IDS,
  ACTION_LIST,
  actionForKey,
  actionOf,
  chordLabel,
  chordsOn,
  MENU_COMMANDS,
  type KeyPress,
  type Platform,
} from '../../../shared/ui/actions';

const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

const PLATFORMS: readonly Platform[] = ['darwin', 'win32', 'linux'];

describe('the table of keyboard actions', () => {
  it('names each action once, and no two actions share a chord on any platform', () => {
    expect(new Set(ACTION_IDS).size).toBe(ACTION_IDS.length);
    for (const platform of PLATFORMS) {
      const seen = new Map<string, string>();
      for (const action of ACTION_LIST) {
        for (const chord of chordsOn(action, platform)) {
          const name = chordLabel(chord, platform);
          expect(seen.get(name), `${name} on ${platform}`).toBeUndefined();
          seen.set(name, action.id);
        }
      }
    }
  });

  it('finds the action a key press stands for, modifiers and platform included', () => {
    expect(actionForKey(press('f'), 'linux')?.id).toBe('fit');
    expect(actionForKey(press('F', { shiftKey: true }), 'linux')).toBeUndefined();
    expect(actionForKey(press('f', { ctrlKey: true }), 'linux')?.id).toBe('find');
    expect(actionForKey(press('f', { metaKey: true }), 'darwin')?.id).toBe('find');
    expect(actionForKey(press('f', { ctrlKey: true }), 'darwin')).toBeUndefined();
    expect(actionForKey(press('?', { shiftKey: true }), 'win32')?.id).toBe('help');
    expect(actionForKey(press('+', { shiftKey: true }), 'linux')?.id).toBe('zoom-in');
    expect(actionForKey(press('='), 'linux')?.id).toBe('zoom-in');
    expect(actionForKey(press('Z', { ctrlKey: true, shiftKey: true }), 'linux')?.id).toBe('redo');
    expect(actionForKey(press('z', { ctrlKey: true }), 'win32')?.id).toBe('undo');
    expect(actionForKey(press('y', { ctrlKey: true }), 'win32')?.id).toBe('redo');
    expect(actionForKey(press('y', { ctrlKey: true }), 'darwin')).toBeUndefined();
    expect(actionForKey(press('l', { altKey: true }), 'linux')).toBeUndefined();
    expect(actionForKey(press('Escape'), 'darwin')?.id).toBe('clear');
  });

  it('writes keys as each platform does, and as Electron accelerators', () => {
    expect(chordLabel(chordsOn(actionOf('redo'), 'darwin')[0] ?? { key: '' }, 'darwin')).toBe('⇧⌘Z');
    expect(chordLabel(chordsOn(actionOf('redo'), 'win32')[0] ?? { key: '' }, 'win32')).toBe('Ctrl+Y');
    expect(chordLabel(chordsOn(actionOf('redo'), 'linux')[0] ?? { key: '' }, 'linux')).toBe('Ctrl+Shift+Z');
    expect(chordLabel({ key: 'f', mod: true }, 'linux')).toBe('Ctrl+F');
    expect(chordLabel({ key: '-' }, 'linux')).toBe('−');
    expect(accelerator({ key: 'z', mod: true, shift: true }, 'linux')).toBe('Shift+CmdOrCtrl+Z');
    expect(accelerator({ key: 'y', ctrl: true }, 'win32')).toBe('Ctrl+Y');
    expect(accelerator({ key: '+' }, 'win32')).toBe('Plus');
    expect(accelerator({ key: 'f' }, 'darwin')).toBeUndefined();
    expect(accelerator({ key: 'f', mod: true }, 'darwin')).toBe('CmdOrCtrl+F');
  });

  it('lets the menu send every action by id, and the import flow', () => {
    expect([...MENU_COMMANDS]).toEqual(['import-linkedin', ...ACTION_IDS]);
  });
});
