/**
 * Downloads in the page: a Blob behind a link with `download`. The browser
 * fallback saves it to the downloads folder; in Electron the same link opens
 * the native "Save as" dialog (the window's session has no will-download
 * handler of its own).
 */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference by now; keep the URL a moment for slow starts.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(content: string, filename: string, mimeType: string): void {
  downloadBlob(new Blob([content], { type: `${mimeType};charset=utf-8` }), filename);
}

/** `kith-view-2026-06-01.png`: the day in the name, so that several exports do not overwrite each other's meaning. */
export function exportName(stem: string, ext: string, now = new Date()): string {
  return `${stem}-${now.toISOString().slice(0, 10)}.${ext}`;
}

/** What the graph view can do for the toolbar and the keyboard, registered by the live controller. */
export interface GraphActions {
  exportPng(): void;
  exportSvg(): void;
  fitSelection(): void;
  cancelLayout(): void;
}

let current: GraphActions | null = null;

export function setGraphActions(actions: GraphActions | null): void {
  current = actions;
}

export function graphActions(): GraphActions | null {
  return current;
}
