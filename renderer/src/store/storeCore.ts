import type { KithClient } from '../api/client';
import type { AppState, DialogState } from './appState';
import { Changes, listenerSet } from './changes';
import { GraphCommands } from './graphCommands';
import { sameSelection, type GraphHighlight, type Selection } from './selection';
import { ViewStore } from './viewStore';

const INITIAL: AppState = {
  phase: 'connecting',
  failure: null,
  network: null,
  index: null,
  fileStatus: null,
  selection: null,
  dialog: null,
  toasts: [],
  drafts: new Map(),
  highlight: null,
  busy: false,
};

/**
 * The renderer's one source of truth, at its core: the state React reads
 * with useSyncExternalStore, the view store beside it, and the graph's
 * command queue. The layers above add toasts (toasts.ts), the network kept
 * in step with the backend (networkSync.ts), typed drafts (drafts.ts) and
 * the edits (appStore.ts).
 */
export class StoreCore {
  protected state: AppState = INITIAL;
  private readonly subs = listenerSet();
  /** Notifies the listeners of this store, the view store and the command queue, once per change or batch. */
  private readonly changes = new Changes();
  /** What the stores ask of the drawn graph (fit, zoom, a fresh layout, an export). */
  readonly commands = new GraphCommands(this.changes);
  /** How the graph is looked at (layout, grouping, filters, ego view): never part of the data. */
  readonly view = new ViewStore(this.changes, this.commands);

  constructor(readonly client: KithClient) {}

  readonly getState = (): AppState => this.state;

  readonly subscribe = this.subs.subscribe;

  /** Makes several changes, to this store, the view store and the command queue, that listeners then see at once. */
  batch<T>(change: () => T): T {
    return this.changes.batch(change);
  }

  protected set(patch: Partial<AppState>): void {
    const before = this.state;
    this.state = { ...this.state, ...patch };
    this.changed(before);
    this.changes.notify(this.subs.listeners);
  }

  /** Called after each change, before the listeners: a layer above may keep something in step. */
  protected changed(_before: AppState): void {}

  select(selection: Selection): void {
    if (!sameSelection(this.state.selection, selection)) this.set({ selection });
  }

  openDialog(dialog: Exclude<DialogState, null>): void {
    this.set({ dialog });
  }

  closeDialog(): void {
    if (this.state.dialog) this.set({ dialog: null });
  }

  setHighlight(highlight: GraphHighlight | null): void {
    if (highlight !== this.state.highlight) this.set({ highlight });
  }
}
