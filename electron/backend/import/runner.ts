import { setImmediate as nextTurn } from 'node:timers/promises';
import { KithError } from '../../../shared/api/envelope.js';
import type { ImportListItem, ImportPreview, ImportReport, ImportSource, ImportUndoResult } from '../../../shared/api/contract/import.js';
import { randomToken } from '../../../shared/domain/ids.js';
import type { ImportId } from '../../../shared/domain/model.js';
import { checkImportFits } from '../../../shared/import/limits.js';
import { planImport, type ImportPlan } from '../../../shared/import/plan.js';
import { NetworkIndexCache } from '../../../shared/import/networkIndex.js';
import { readExport, type ImportPhase, type ParsedExport } from '../../../shared/import/readExport.js';
import { listItem, planUndoImport } from '../../../shared/import/undo.js';
import { today, type Session } from '../session.js';
import { readSource } from './source.js';

export type ImportEventSink = {
  progress(payload: { phase: ImportPhase; done: number; total: number }): void;
  preview(payload: ImportPreview): void;
};

interface Preview {
  readonly id: string;
  readonly session: Session;
  readonly parsed: ParsedExport;
  plan: ImportPlan;
  revision: number;
  readonly createdAt: number;
}

/** Previews kept at once, and how long one lives. */
const MAX_PREVIEWS = 4;
const PREVIEW_TTL_MS = 30 * 60_000;
/** Least time between two progress events of one phase. */
const PROGRESS_INTERVAL_MS = 100;

export interface ImportRunnerOptions {
  readonly session: () => Session;
  readonly events?: ImportEventSink;
  readonly now?: () => Date;
}

/**
 * Runs imports for the backend: reads and plans a preview without touching
 * the network, keeps it until it is committed or cancelled, and commits it as
 * one edit through the session (one save, one undo step). Reading yields to
 * the event loop between chunks, so that progress events reach the window and
 * the HTTP server stays responsive during a long read.
 */
export class ImportRunner {
  private readonly previews = new Map<string, Preview>();
  private readonly now: () => Date;
  /** The network's identity index, kept for the session it was built in (another file opened starts a new one). */
  private indexCache: { session: Session; cache: NetworkIndexCache } | undefined;

  constructor(private readonly options: ImportRunnerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async preview(source: ImportSource): Promise<ImportPreview> {
    const session = this.options.session();
    const progress = this.progressReporter();
    progress('read', 0, 0);
    const { name, files, isLoneFile } = await readSource(source);
    await nextTurn();
    const parsed = await readExport(name, files, { pause: () => nextTurn(), onProgress: progress, isLoneFile });
    progress('match', 0, parsed.connections.rows.length);
    const plan = this.plan(session, parsed);
    progress('match', parsed.connections.rows.length, parsed.connections.rows.length);
    this.expire();
    this.makeRoom();
    const id = randomToken();
    this.previews.set(id, { id, session, parsed, plan, revision: session.revision, createdAt: Date.now() });
    const result: ImportPreview = { previewId: id, report: plan.report };
    this.options.events?.preview(result);
    return result;
  }

  async commit(previewId: string): Promise<{ record: ImportListItem; report: ImportReport }> {
    const preview = this.take(previewId);
    const session = this.options.session();
    if (preview.session !== session) {
      throw new KithError('conflict', 'Another data file was opened since this preview; preview the import again.');
    }
    // The network changed since the preview (an edit, another import): plan again against it.
    const plan = preview.revision === session.revision ? preview.plan : this.plan(session, preview.parsed);
    const progress = this.progressReporter();
    progress('save', 0, 1);
    session.apply(plan.edit, 'import');
    try {
      await session.store.flush();
    } catch {
      // The import is in memory like any edit; the file status tells the user why it is not on disk yet.
    }
    progress('save', 1, 1);
    return { record: listItem(plan.record), report: plan.report };
  }

  cancel(previewId: string): { cancelled: boolean } {
    return { cancelled: this.previews.delete(previewId) };
  }

  list(): { imports: ImportListItem[] } {
    const imports = [...(this.options.session().doc.imports ?? [])].reverse().map(listItem);
    return { imports };
  }

  async undo(importId: ImportId): Promise<ImportUndoResult> {
    const session = this.options.session();
    const { edit, result } = planUndoImport(session.doc, importId);
    session.apply(edit, 'import');
    try {
      await session.store.flush();
    } catch {
      // As for commit: the file status reports a save that did not happen.
    }
    return result;
  }

  /** @throws KithError `rejected` when the result would make a data file larger than Kith reads back. */
  private plan(session: Session, parsed: ParsedExport): ImportPlan {
    if (this.indexCache?.session !== session) this.indexCache = { session, cache: new NetworkIndexCache() };
    const plan = planImport(session.doc, parsed, {
      newId: session.idGenerator(),
      today: () => today(this.now()),
      now: () => this.now().toISOString(),
      indexCache: this.indexCache.cache,
    });
    checkImportFits(session.store.savedBytes, plan.edit.changes, session.store.maxFileBytes);
    return plan;
  }

  private take(previewId: string): Preview {
    this.expire();
    const preview = this.previews.get(previewId);
    if (!preview)
      throw new KithError(
        'not-found',
        'This import preview is no longer available (it was committed, cancelled or expired); preview the import again.',
      );
    this.previews.delete(previewId);
    return preview;
  }

  private expire(): void {
    const cutoff = Date.now() - PREVIEW_TTL_MS;
    for (const [id, p] of this.previews) if (p.createdAt < cutoff) this.previews.delete(id);
  }

  /** Forgets the oldest previews so that one more fits. */
  private makeRoom(): void {
    while (this.previews.size >= MAX_PREVIEWS) {
      const oldest = this.previews.keys().next().value;
      if (oldest === undefined) break;
      this.previews.delete(oldest);
    }
  }

  private progressReporter(): (phase: ImportPhase, done: number, total: number) => void {
    const sink = this.options.events;
    let lastPhase: ImportPhase | undefined;
    let lastAt = 0;
    return (phase, done, total) => {
      if (!sink) return;
      const at = Date.now();
      if (phase === lastPhase && at - lastAt < PROGRESS_INTERVAL_MS && done < total) return;
      lastPhase = phase;
      lastAt = at;
      sink.progress({ phase, done: Math.max(0, Math.round(done)), total: Math.max(0, Math.round(total)) });
    };
  }
}
