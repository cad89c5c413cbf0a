import type { ImportListItem, ImportPhase, ImportPreview, ImportReport, ImportUndoResult } from '../../../../shared/api/contract/import';
import type { ApiError } from '../../../../shared/api/envelope';
import type { AppStore } from '../../store/appStore';

/** What the import dialog shows. */
export type ImportView =
  | { readonly kind: 'closed' }
  | {
      readonly kind: 'reading';
      readonly fileName: string;
      readonly phase: ImportPhase | 'upload';
      readonly done: number;
      readonly total: number;
    }
  | { readonly kind: 'preview'; readonly fileName: string; readonly preview: ImportPreview }
  | { readonly kind: 'committing'; readonly fileName: string; readonly preview: ImportPreview }
  | { readonly kind: 'done'; readonly record: ImportListItem; readonly report: ImportReport }
  | { readonly kind: 'error'; readonly fileName?: string; readonly error: ApiError }
  | { readonly kind: 'history' };

export interface ImportState {
  readonly view: ImportView;
  /** Past imports, newest first; null until loaded. */
  readonly imports: readonly ImportListItem[] | null;
  /** Import id being undone. */
  readonly undoing: string | null;
  readonly isTriageOpen: boolean;
  /** A file is dragged over the window. */
  readonly isDragging: boolean;
}

/** Reads a picked or dropped file as base64 (the browser fallback sends it in the JSON body). */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

/**
 * The import feature's state, outside React (like the app store): a run goes
 * reading → preview → committing → done, and any step may end in an error
 * or be cancelled. A run that was cancelled while the backend still read its
 * file is forgotten when its answer comes (and its preview cancelled).
 */
export class ImportController {
  private state: ImportState = { view: { kind: 'closed' }, imports: null, undoing: null, isTriageOpen: false, isDragging: false };
  private readonly listeners = new Set<() => void>();
  private run = 0;

  constructor(private readonly store: AppStore) {}

  readonly getState = (): ImportState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<ImportState>): void {
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((l) => l());
  }

  /** Progress and previews the backend started on its own (File > Import in Electron). */
  start(): () => void {
    const client = this.store.client;
    const offs = [
      client.on('onImportProgress', (p) => {
        const view = this.state.view;
        if (view.kind === 'reading') this.set({ view: { ...view, phase: p.phase, done: p.done, total: p.total } });
      }),
      client.on('onImportPreview', (preview) => {
        // Our own preview arrives as the call's answer; only show one nobody here asked for.
        if (this.state.view.kind === 'closed' || this.state.view.kind === 'history') {
          this.run += 1;
          this.set({ view: { kind: 'preview', fileName: preview.report.file, preview } });
        }
      }),
    ];
    return () => offs.forEach((off) => off());
  }

  setDragging(isDragging: boolean): void {
    if (this.state.isDragging !== isDragging) this.set({ isDragging });
  }

  /** Reads the file in the backend and shows the preview; nothing is written. */
  async preview(file: File): Promise<void> {
    if (this.state.view.kind === 'reading' || this.state.view.kind === 'committing') return;
    const run = ++this.run;
    this.set({ view: { kind: 'reading', fileName: file.name, phase: 'upload', done: 0, total: file.size }, isDragging: false });
    let dataBase64: string;
    try {
      dataBase64 = await readAsBase64(file);
    } catch (err) {
      if (run === this.run) this.fail(file.name, { code: 'io', message: `${file.name} could not be read: ${(err as Error).message}` });
      return;
    }
    const result = await this.store.client.call('import:preview', { source: { kind: 'upload', name: file.name, dataBase64 } });
    if (run !== this.run) {
      if (result.ok) void this.store.client.call('import:cancel', { previewId: result.value.previewId });
      return;
    }
    if (!result.ok) {
      this.fail(file.name, result.error);
      return;
    }
    this.set({ view: { kind: 'preview', fileName: file.name, preview: result.value } });
  }

  async commit(): Promise<void> {
    const view = this.state.view;
    if (view.kind !== 'preview') return;
    const run = ++this.run;
    this.set({ view: { kind: 'committing', fileName: view.fileName, preview: view.preview } });
    const result = await this.store.client.call('import:commit', { previewId: view.preview.previewId });
    if (run !== this.run) return;
    if (!result.ok) {
      this.fail(view.fileName, result.error);
      return;
    }
    this.set({ view: { kind: 'done', record: result.value.record, report: result.value.report }, imports: null });
    await this.store.refresh();
    this.store.commands.send({ kind: 'fit' });
  }

  /** Closes the dialog; a preview is forgotten by the backend, a reading run is dropped when it answers. */
  cancel(): void {
    const view = this.state.view;
    this.run += 1;
    if (view.kind === 'preview') void this.store.client.call('import:cancel', { previewId: view.preview.previewId });
    if (view.kind === 'committing') return;
    this.set({ view: { kind: 'closed' } });
  }

  showHistory(): void {
    this.set({ view: { kind: 'history' } });
    void this.loadImports();
  }

  async loadImports(): Promise<void> {
    const result = await this.store.client.call('import:list', {});
    if (result.ok) this.set({ imports: result.value.imports });
    else this.store.toastError('Could not list past imports', result.error);
  }

  async undo(importId: string): Promise<ImportUndoResult | null> {
    this.set({ undoing: importId });
    const result = await this.store.client.call('import:undo', { importId });
    this.set({ undoing: null });
    if (!result.ok) {
      this.store.toastError('Could not undo the import', result.error);
      return null;
    }
    const r = result.value;
    const count = (x: number, one: string, many: string) => `${x.toLocaleString()} ${x === 1 ? one : many}`;
    const kept = [
      r.keptPeople ? count(r.keptPeople, 'person', 'people') : '',
      r.keptTies ? count(r.keptTies, 'tie you sorted or annotated', 'ties you sorted or annotated') : '',
      r.keptFields ? count(r.keptFields, 'field you changed', 'fields you changed') : '',
    ].filter(Boolean);
    this.store.toast({
      kind: 'success',
      message: `Undid the import of ${r.record.file}: ${count(r.removedPeople, 'person', 'people')} and ${count(r.removedTies, 'tie', 'ties')} removed${r.revertedFields ? `, ${count(r.revertedFields, 'field', 'fields')} restored` : ''}.`,
      ...(kept.length > 0 ? { detail: `Kept what you worked on since: ${kept.join(', ')}.` } : {}),
    });
    await Promise.all([this.loadImports(), this.store.refresh()]);
    return r;
  }

  openTriage(): void {
    this.run += 1;
    this.set({ isTriageOpen: true, view: { kind: 'closed' } });
  }

  closeTriage(): void {
    this.set({ isTriageOpen: false });
  }

  private fail(fileName: string, error: ApiError): void {
    this.set({ view: { kind: 'error', fileName, error } });
  }
}
