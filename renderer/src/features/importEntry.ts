import { createElement, useCallback, useMemo, type ReactNode } from 'react';
import { useStore } from '../store/useAppState';
import { ImportController } from './import/importController';
import { ImportUi } from './import/ImportUi';

/** What LinkedIn's "Download your data" gives: the whole archive, or a CSV taken out of it. */
export const IMPORT_ACCEPT = '.zip,.csv,application/zip,text/csv';

/**
 * The hook point of the import feature. The empty state's "Import your
 * LinkedIn export" button and the toolbar's Import button call `onImport`;
 * `ui` is rendered once at the root of the app: the import dialog (preview,
 * progress, result, past imports with Undo), drag-and-drop of an export onto
 * the window, and the triage view.
 */
export interface ImportEntry {
  readonly onImport: () => void;
  readonly ui: ReactNode;
}

export function useImportEntry(): ImportEntry {
  const store = useStore();
  const controller = useMemo(() => new ImportController(store), [store]);
  const onImport = useCallback(() => {
    void pickFiles(IMPORT_ACCEPT).then((files) => {
      const file = files[0];
      if (file) void controller.preview(file);
    });
  }, [controller]);
  const ui = useMemo(() => createElement(ImportUi, { controller, onPick: onImport }), [controller, onImport]);
  return useMemo(() => ({ onImport, ui }), [onImport, ui]);
}

/** Opens the platform's file picker; resolves with nothing when it is cancelled. */
export function pickFiles(accept: string, multiple = false): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.addEventListener('change', () => resolve([...(input.files ?? [])]), { once: true });
    input.addEventListener('cancel', () => resolve([]), { once: true });
    input.click();
  });
}
