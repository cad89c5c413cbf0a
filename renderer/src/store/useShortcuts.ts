import { useEffect } from 'react';
import type { AppStore } from './appStore';

/** Keys typed into a field belong to the field (its own undo, Delete, Escape). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return false;
}

/** Undo / redo / delete / escape for the window, outside text fields and dialogs. */
export function useShortcuts(store: AppStore): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      if (document.querySelector('dialog[open]')) return;
      if (isTypingTarget(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && !e.altKey && key === 'z') {
        e.preventDefault();
        void (e.shiftKey ? store.redo() : store.undo());
      } else if (e.ctrlKey && !e.metaKey && !e.shiftKey && key === 'y') {
        e.preventDefault();
        void store.redo();
      } else if (!mod && e.key === 'Delete' && store.getState().selection) {
        e.preventDefault();
        void store.deleteSelection();
      } else if (!mod && e.key === 'Escape' && store.getState().selection) {
        e.preventDefault();
        store.select(null);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}

/** Typed text that has not reached the backend (or was refused) makes closing the window ask first. */
export function useUnsavedGuard(store: AppStore): void {
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!store.hasUnsavedTyping()) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [store]);
}

/**
 * Electron's Edit menu owns Ctrl/Cmd+Z: its accelerator arrives here as a
 * menu command. In a text field it undoes the typing (the field's own
 * history); elsewhere it undoes the last network edit.
 */
export function useMenuCommands(store: AppStore, onImport: () => void): void {
  useEffect(
    () =>
      store.client.on('onMenuCommand', ({ command }) => {
        if (command === 'import-linkedin') return onImport();
        if (isTypingTarget(document.activeElement)) {
          // execCommand is the only way to reach a field's native undo stack from script.
          document.execCommand(command);
          return undefined;
        }
        void (command === 'undo' ? store.undo() : store.redo());
        return undefined;
      }),
    [store, onImport],
  );
}
