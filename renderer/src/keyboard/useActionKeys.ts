import { useEffect } from 'react';
import { ACTION_IDS, actionForKey, type ActionId } from '../../../shared/ui/actions';
import { PLATFORM } from './platform';
import type { AppStore } from '../store/appStore';
import { PERFORM } from './actions';

/** Keys typed into a field belong to the field (its own undo, Delete, Escape). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return false;
}

/**
 * The window's shortcuts, read from the shared table of actions: never while
 * a dialog is open, nor in a text field unless the action says so (a field
 * keeps its own undo, Delete and Escape), and only when the action means
 * something now.
 */
export function useActionKeys(store: AppStore): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const action = actionForKey(e, PLATFORM);
      if (!action) return;
      if (document.querySelector('dialog[open]')) return;
      if (isTypingTarget(e.target) && !action.inFields) return;
      const run = PERFORM[action.id];
      if (!run.when(store)) return;
      e.preventDefault();
      run.perform(store);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}

function isActionId(command: string): command is ActionId {
  return (ACTION_IDS as readonly string[]).includes(command);
}

/**
 * Commands from the Electron menu. Its Edit menu owns Ctrl/Cmd+Z: in a text
 * field that undoes the typing (the field's own history), elsewhere the last
 * network edit. The other actions run as their keys would.
 */
export function useMenuCommands(store: AppStore, onImport: () => void): void {
  useEffect(
    () =>
      store.client.on('onMenuCommand', ({ command }) => {
        if (command === 'import-linkedin') return onImport();
        if ((command === 'undo' || command === 'redo') && isTypingTarget(document.activeElement)) {
          // execCommand is the only way to reach a field's native undo stack from script.
          document.execCommand(command);
          return undefined;
        }
        if (!isActionId(command)) return undefined;
        const run = PERFORM[command];
        if (run.when(store)) run.perform(store);
        return undefined;
      }),
    [store, onImport],
  );
}
