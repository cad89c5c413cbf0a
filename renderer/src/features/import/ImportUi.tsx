import type React from 'react';
import { Suspense, useEffect, useSyncExternalStore } from 'react';
import { ImportIcon } from '../../components/icons';
import { useAppState } from '../../store/useAppState';
import { isTypingTarget } from '../../keyboard/useActionKeys';
import { ImportDialog } from '../../lazyPanels';
import type { ImportController } from './importController';
import { TriageView } from './TriageView';
import './import.css';

/** Unknown ties to me: what triage sorts. */
function useUnsortedCount(): number {
  return useAppState((s) => {
    const file = s.network?.file;
    if (!file) return 0;
    let count = 0;
    for (const t of file.ties) if (t.origin === 'unknown' && (t.a === file.meId || t.b === file.meId)) count += 1;
    return count;
  });
}

function hasFiles(e: DragEvent): boolean {
  return e.dataTransfer !== null && [...e.dataTransfer.types].includes('Files');
}

/**
 * Everything the import adds to the window: drag-and-drop of an export onto
 * the window, the import dialog, the triage view (also on the T key), and a
 * reminder of ties still to sort.
 */
export function ImportUi({
  controller,
  onPick,
}: {
  readonly controller: ImportController;
  readonly onPick: () => void;
}): React.JSX.Element {
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  const unsorted = useUnsortedCount();

  useEffect(() => controller.start(), [controller]);

  useEffect(() => {
    let depth = 0;
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth += 1;
      controller.setDragging(true);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) controller.setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      controller.setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) void controller.preview(file);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [controller]);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.key.toLowerCase() !== 't') return;
      if (document.querySelector('dialog[open]') || isTypingTarget(e.target)) return;
      e.preventDefault();
      controller.openTriage();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [controller]);

  const hasImports = useAppState((s) => (s.network?.file.imports?.length ?? 0) > 0);
  const isIdle = state.view.kind === 'closed' && !state.isTriageOpen;
  return (
    <>
      <Suspense fallback={null}>
        {state.view.kind === 'closed' ? null : <ImportDialog controller={controller} state={state} onPick={onPick} unsorted={unsorted} />}
        {state.isTriageOpen ? <TriageView onClose={() => controller.closeTriage()} /> : null}
      </Suspense>
      {state.isDragging ? (
        <div className="import-drop" data-testid="import-drop" aria-hidden="true">
          <div className="import-drop-card">
            <ImportIcon />
            <strong>Drop your LinkedIn export</strong>
            <span>The ZIP, or Connections.csv. You will see a preview before anything changes.</span>
          </div>
        </div>
      ) : null}
      {isIdle && (unsorted > 0 || hasImports) ? (
        <div className="triage-reminder" role="group" aria-label="Import and sort">
          {unsorted > 0 ? (
            <button
              type="button"
              className="btn"
              data-testid="open-triage"
              onClick={() => controller.openTriage()}
              title="Sort Unknown ties into Living and Doing (T)"
            >
              <span className="swatch-unknown" aria-hidden="true" />
              {unsorted.toLocaleString()} unknown {unsorted === 1 ? 'tie' : 'ties'} · Sort <kbd className="triage-kbd">T</kbd>
            </button>
          ) : null}
          <button
            type="button"
            className="btn btn-ghost"
            data-testid="open-import-history"
            onClick={() => controller.showHistory()}
            title="Past imports and Undo"
          >
            Imports
          </button>
        </div>
      ) : null}
    </>
  );
}
