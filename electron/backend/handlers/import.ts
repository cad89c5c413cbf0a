import type { importChannels } from '../../../shared/api/contract/import.js';
import type { EventName, EventPayload } from '../../../shared/api/contract/index.js';
import { ImportRunner } from '../import/runner.js';
import type { HandlerContext, HandlerTable } from './types.js';

/** How handlers push events; backend.ts passes its `emit`. */
export type ImportEmit = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/**
 * Handlers of the import channels. `emit` carries progress and ready
 * previews to the window (onImportProgress, onImportPreview); without it the
 * import runs silently (tests, CLI).
 */
export function importHandlers(ctx: HandlerContext, emit?: ImportEmit): HandlerTable<keyof typeof importChannels> {
  const runner = new ImportRunner({
    session: ctx.session,
    ...(emit
      ? {
          events: {
            progress: (payload) => emit('onImportProgress', payload),
            preview: (payload) => emit('onImportPreview', payload),
          },
        }
      : {}),
  });
  return {
    'import:preview': ({ source }) => runner.preview(source),
    'import:commit': ({ previewId }) => runner.commit(previewId),
    'import:cancel': ({ previewId }) => runner.cancel(previewId),
    'import:list': () => runner.list(),
    'import:undo': ({ importId }) => runner.undo(importId),
  };
}
