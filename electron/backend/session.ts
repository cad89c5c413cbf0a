import { randomBytes } from 'node:crypto';
import { KithError } from '../../shared/api/envelope.js';
import type { EventName, EventPayload } from '../../shared/api/contract/index.js';
import type { FileStatus, HistoryState } from '../../shared/api/contract/core.js';
import { applyChanges, type Edit } from '../../shared/domain/changes.js';
import type { CommandContext } from '../../shared/domain/commands.js';
import type { KithFile } from '../../shared/domain/model.js';
import type { DataStore } from './store/dataStore.js';

const HISTORY_LIMIT = 200;

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;
export type ChangeCause = EventPayload<'onNetworkChanged'>['cause'];

/** Short random ids: 8 base-36 characters after a kind prefix (`p_k3j9x0aa`). */
export function newId(prefix: string): string {
  const bytes = randomBytes(8);
  let s = '';
  for (const b of bytes) s += (b % 36).toString(36);
  return `${prefix}_${s}`;
}

export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The open data file plus its undo/redo history. Every change of the network
 * goes through `apply`, so that history, revision, saving and events stay in
 * step.
 */
export class Session {
  private undoStack: Edit[] = [];
  private redoStack: Edit[] = [];
  private revisionCounter = 0;
  readonly ctx: CommandContext = { newId, today: () => today() };

  constructor(
    readonly store: DataStore,
    private readonly emit: EventListener,
  ) {
    store.on(() => this.emit('onFileStatus', this.status()));
  }

  get revision(): number {
    return this.revisionCounter;
  }

  /** The network, or a `file-corrupt` refusal while the file needs recovery. */
  get doc(): KithFile {
    const doc = this.store.doc;
    if (!doc) {
      throw new KithError('file-corrupt', this.store.problem?.message ?? 'The data file could not be read.');
    }
    return doc;
  }

  apply(edit: Edit, cause: ChangeCause = 'edit'): void {
    if (edit.changes.length === 0) return;
    this.store.replace(applyChanges(this.doc, edit.changes, 'forward'));
    this.undoStack.push(edit);
    if (this.undoStack.length > HISTORY_LIMIT) this.undoStack.shift();
    this.redoStack = [];
    this.changed(cause);
  }

  undo(): HistoryState {
    const edit = this.undoStack.pop();
    if (!edit) throw new KithError('rejected', 'Nothing to undo.');
    this.store.replace(applyChanges(this.doc, edit.changes, 'backward'));
    this.redoStack.push(edit);
    this.changed('undo');
    return this.history();
  }

  redo(): HistoryState {
    const edit = this.redoStack.pop();
    if (!edit) throw new KithError('rejected', 'Nothing to redo.');
    this.store.replace(applyChanges(this.doc, edit.changes, 'forward'));
    this.undoStack.push(edit);
    this.changed('redo');
    return this.history();
  }

  /** After the file was replaced under us (reload, restore): old history no longer applies. */
  reset(cause: ChangeCause): void {
    this.undoStack = [];
    this.redoStack = [];
    this.changed(cause);
  }

  history(): HistoryState {
    const undo = this.undoStack.at(-1);
    const redo = this.redoStack.at(-1);
    return {
      canUndo: undo !== undefined,
      canRedo: redo !== undefined,
      ...(undo ? { undoLabel: undo.label } : {}),
      ...(redo ? { redoLabel: redo.label } : {}),
    };
  }

  status(): FileStatus {
    const doc = this.store.doc;
    const problem = this.store.problem;
    const lastSavedAt = this.store.lastSavedAt;
    return {
      path: this.store.path,
      revision: this.revisionCounter,
      isDirty: this.store.isDirty,
      people: doc?.people.length ?? 0,
      ties: doc?.ties.length ?? 0,
      history: this.history(),
      ...(lastSavedAt ? { lastSavedAt } : {}),
      ...(problem ? { problem } : {}),
    };
  }

  private changed(cause: ChangeCause): void {
    this.revisionCounter += 1;
    this.emit('onNetworkChanged', { revision: this.revisionCounter, cause });
    this.emit('onFileStatus', this.status());
  }
}
