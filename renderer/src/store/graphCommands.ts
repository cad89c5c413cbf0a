import type { KithFile, PersonId } from '../../../shared/domain/model';
import { listenerSet, type Changes } from './changes';

/**
 * What the stores ask of the drawn graph that is not state: moves of the
 * viewport, a fresh layout, an export. The one channel from the stores to
 * the graph; the graph takes the queue when it next draws, after the state
 * that came with a command (a new network and its fresh layout arrive
 * together).
 */
export type GraphCommand =
  /** The whole drawing in view. */
  | { readonly kind: 'fit' }
  /** Zoom by a factor around the centre of the view. */
  | { readonly kind: 'zoom'; readonly factor: number }
  /** Centre on a person once they are drawn. */
  | { readonly kind: 'focus'; readonly person: PersonId }
  /** These people in view (a path). */
  | { readonly kind: 'fit-people'; readonly people: readonly PersonId[] }
  /** The multi-selection in view. */
  | { readonly kind: 'fit-picked' }
  /** Lay the picture out afresh; `forget`: pictures seen before no longer apply (an import, a reload). */
  | { readonly kind: 'layout'; readonly animated: boolean; readonly forget: boolean }
  /** A data file was opened: forget every picture and start from the one it was saved with. */
  | { readonly kind: 'open'; readonly saved: KithFile['view'] }
  | { readonly kind: 'cancel-layout' }
  /** The current view as an image, downloaded. */
  | { readonly kind: 'export'; readonly format: 'png' | 'svg' };

export class GraphCommands {
  private queue: GraphCommand[] = [];
  private readonly subs = listenerSet();

  constructor(private readonly changes: Changes) {}

  readonly subscribe = this.subs.subscribe;

  send(command: GraphCommand): void {
    this.queue.push(command);
    this.changes.notify(this.subs.listeners);
  }

  /** The commands sent since the last take, oldest first; the queue is empty afterwards. */
  take(): readonly GraphCommand[] {
    if (this.queue.length === 0) return NONE;
    const taken = this.queue;
    this.queue = [];
    return taken;
  }
}

const NONE: readonly GraphCommand[] = [];
