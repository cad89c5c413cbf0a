import { KithError } from '../../shared/api/envelope.js';
import type { EventName, EventPayload } from '../../shared/api/contract/index.js';
import type { FileStatus, HistoryState } from '../../shared/api/contract/core.js';
import { applyChanges, type Change, type Edit, type EntityKind } from '../../shared/domain/changes.js';
import type { CommandContext } from '../../shared/domain/commands.js';
import { createIdGenerator, idsTakenIn, type NewId, type RandomFill } from '../../shared/domain/ids.js';
import type { KithFile } from '../../shared/domain/model.js';
import { pairKey } from '../../shared/data/fileFormat.js';
import type { DataStore } from './store/dataStore.js';

const HISTORY_LIMIT = 200;
/** How far back `changesSince` can answer: this many revisions, holding at most this many entity changes in all. */
const CHANGE_LOG_REVISIONS = 256;
const CHANGE_LOG_ENTITIES = 20_000;

/** One entity touched by a revision: its kind and key (an intro decision's key is its pair). */
export interface ChangedEntity {
  readonly kind: EntityKind;
  readonly key: string;
  readonly pair?: { readonly a: string; readonly b: string };
}

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;
export type ChangeCause = EventPayload<'onNetworkChanged'>['cause'];

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
  /** Entities touched by each recent revision, oldest first; revisions `logFloor + 1 … revision` are all here. */
  private changeLog: Array<{ readonly revision: number; readonly entities: readonly ChangedEntity[] }> = [];
  private changeLogSize = 0;
  private logFloor = 0;

  constructor(
    readonly store: DataStore,
    private readonly emit: EventListener,
    /** The random source of new ids; tests inject one that repeats itself. */
    private readonly random?: RandomFill,
  ) {
    store.on((event) => {
      // Another program's version was loaded: the history no longer applies, and the window must fetch it.
      if (event.kind === 'reloaded' && event.isExternal) this.reset('reload');
      else this.emit('onFileStatus', this.status());
    });
  }

  /** Clock and ids for one command against the network as it is now. */
  get ctx(): CommandContext {
    return { newId: this.idGenerator(), today: () => today() };
  }

  /** New ids checked against the network as it is now (and against each other), for one command or one import plan. */
  idGenerator(): NewId {
    const doc = this.store.doc;
    return createIdGenerator({
      ...(this.random ? { random: this.random } : {}),
      ...(doc ? { isTaken: idsTakenIn(doc) } : {}),
    });
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
    this.log(edit.changes);
    this.undoStack.push(edit);
    if (this.undoStack.length > HISTORY_LIMIT) this.undoStack.shift();
    this.redoStack = [];
    this.changed(cause);
  }

  undo(): HistoryState {
    const edit = this.undoStack.pop();
    if (!edit) throw new KithError('rejected', 'Nothing to undo.');
    this.store.replace(applyChanges(this.doc, edit.changes, 'backward'));
    this.log(edit.changes);
    this.redoStack.push(edit);
    this.changed('undo');
    return this.history();
  }

  redo(): HistoryState {
    const edit = this.redoStack.pop();
    if (!edit) throw new KithError('rejected', 'Nothing to redo.');
    this.store.replace(applyChanges(this.doc, edit.changes, 'forward'));
    this.log(edit.changes);
    this.undoStack.push(edit);
    this.changed('redo');
    return this.history();
  }

  /** After the file was replaced under us (reload, restore): old history no longer applies. */
  reset(cause: ChangeCause): void {
    this.undoStack = [];
    this.redoStack = [];
    this.changeLog = [];
    this.changeLogSize = 0;
    this.logFloor = this.revisionCounter + 1;
    this.changed(cause);
  }

  /**
   * Replaces the network without an undo step, a new revision or a
   * network-changed event: for what is not an edit of the network (the saved
   * view). It is saved with the next debounced write like any change.
   */
  replaceQuietly(doc: KithFile): void {
    // A read-only file keeps its saved view; the window keeps the one it shows.
    if (this.store.readOnly) return;
    this.store.replace(doc);
  }

  /**
   * The entities touched after `since`, or null when the log no longer
   * reaches back that far (or `since` is not a revision of this session).
   * Each entity appears once, in the order it was first touched.
   */
  changesSince(since: number): ChangedEntity[] | null {
    if (since < this.logFloor || since > this.revisionCounter) return null;
    const seen = new Set<string>();
    const out: ChangedEntity[] = [];
    for (const entry of this.changeLog) {
      if (entry.revision <= since) continue;
      for (const e of entry.entities) {
        const id = `${e.kind}\u0000${e.key}`;
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(e);
      }
    }
    return out;
  }

  /** Records what the next revision touches; drops the oldest revisions beyond the log's bounds. */
  private log(changes: readonly Change[]): void {
    const revision = this.revisionCounter + 1;
    if (changes.length > CHANGE_LOG_ENTITIES) {
      this.changeLog = [];
      this.changeLogSize = 0;
      this.logFloor = revision;
      return;
    }
    const entities = changes.flatMap((c): ChangedEntity[] => {
      const entity = c.after ?? c.before;
      if (!entity) return [];
      if (c.kind === 'introDecision') {
        const d = entity as { a: string; b: string };
        return [{ kind: c.kind, key: pairKey(d.a, d.b), pair: { a: d.a, b: d.b } }];
      }
      return [{ kind: c.kind, key: (entity as { id: string }).id }];
    });
    this.changeLog.push({ revision, entities });
    this.changeLogSize += entities.length;
    while (this.changeLog.length > CHANGE_LOG_REVISIONS || this.changeLogSize > CHANGE_LOG_ENTITIES) {
      const dropped = this.changeLog.shift();
      if (!dropped) break;
      this.changeLogSize -= dropped.entities.length;
      this.logFloor = dropped.revision;
    }
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
    const readOnly = this.store.readOnly;
    return {
      path: this.store.path,
      revision: this.revisionCounter,
      isDirty: this.store.isDirty,
      people: doc?.people.length ?? 0,
      ties: doc?.ties.length ?? 0,
      history: this.history(),
      ...(lastSavedAt ? { lastSavedAt } : {}),
      ...(problem ? { problem } : {}),
      ...(readOnly ? { readOnly: { reason: readOnly } } : {}),
    };
  }

  private changed(cause: ChangeCause): void {
    this.revisionCounter += 1;
    this.emit('onNetworkChanged', { revision: this.revisionCounter, cause });
    this.emit('onFileStatus', this.status());
  }
}
