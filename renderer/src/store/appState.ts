import type { FileStatus, Network } from '../../../shared/api/contract/core';
import type { PersonId } from '../../../shared/domain/model';
import type { Draft } from './draftText';
import type { NetworkIndex } from './networkIndex';
import type { GraphHighlight, Selection } from './selection';

export interface ToastAction {
  readonly label: string;
  readonly testId?: string;
  readonly run: () => void;
}

export interface Toast {
  readonly id: number;
  readonly kind: 'info' | 'success' | 'error';
  readonly message: string;
  readonly detail?: string;
  readonly action?: ToastAction;
}

export type DialogState =
  { readonly kind: 'add-person' } | { readonly kind: 'connect'; readonly a?: PersonId; readonly b?: PersonId } | null;

export interface AppState {
  readonly phase: 'connecting' | 'ready' | 'failed';
  readonly failure: string | null;
  readonly network: Network | null;
  readonly index: NetworkIndex | null;
  readonly fileStatus: FileStatus | null;
  readonly selection: Selection;
  readonly dialog: DialogState;
  readonly toasts: readonly Toast[];
  readonly drafts: ReadonlyMap<string, Draft>;
  /** Classes a feature (paths, reach) lays over the graph; null when none. */
  readonly highlight: GraphHighlight | null;
  /** A call that blocks the file dialogs' buttons is running. */
  readonly busy: boolean;
}
