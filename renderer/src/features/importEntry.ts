import { useCallback, useMemo, type ReactNode } from 'react';
import { useStore } from '../store/useAppState';

/** What LinkedIn's "Download your data" gives: the whole archive, or a CSV taken out of it. */
export const IMPORT_ACCEPT = '.zip,.csv,application/zip,text/csv';

/**
 * The hook point of the import feature. The empty state's "Import your
 * LinkedIn export" button and the toolbar's Import button call `onImport`;
 * `ui` is rendered once at the root of the app (for the import's own
 * dialog or progress). The import engineer replaces the body of this hook.
 */
export interface ImportEntry {
  readonly onImport: () => void;
  readonly ui: ReactNode;
}

export function useImportEntry(): ImportEntry {
  const store = useStore();
  const onImport = useCallback(() => {
    void pickFiles(IMPORT_ACCEPT).then((files) => {
      if (files.length === 0) return;
      store.toast({ kind: 'info', message: 'Import is not available in this build.' });
    });
  }, [store]);
  return useMemo(() => ({ onImport, ui: null }), [onImport]);
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
