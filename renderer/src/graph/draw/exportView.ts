import cytoscape, { type Core } from 'cytoscape';

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

/** cytoscape-svg (with canvas2svg) loads on the first SVG export: the first picture does not wait for it. */
let svgReady: Promise<void> | null = null;
function loadSvgExport(): Promise<void> {
  svgReady ??= import('cytoscape-svg').then((m) => void cytoscape.use(m.default));
  return svgReady;
}

/** The current view as a PNG (twice the screen's pixels), downloaded. */
export function exportPng(cy: Core, background: string): void {
  const blob = cy.png({ output: 'blob', bg: background, full: false, scale: 2 });
  downloadBlob(blob, exportName('kith-view', 'png'));
}

/** The current view as SVG (cytoscape-svg draws the same elements through canvas2svg), downloaded; `cy` asks for the instance once it has loaded. */
export function exportSvg(cy: () => Core | null, background: string): void {
  void loadSvgExport().then(() => {
    const now = cy();
    if (!now) return;
    const svg = (now as unknown as { svg(opts: { full: boolean; bg: string; scale: number }): string }).svg({
      full: false,
      bg: background,
      scale: 1,
    });
    downloadText(svg, exportName('kith-view', 'svg'), 'image/svg+xml');
  });
}
