import type { ChannelName, Input, Output } from '../../../shared/api/contract/index.js';
import type { Session } from '../session.js';

/** One handler per channel: a missing one fails the typecheck. Inputs arrive already validated. */
export type Handler<N extends ChannelName> = (input: Input<N>) => Promise<Output<N>> | Output<N>;
export type HandlerTable<N extends ChannelName = ChannelName> = { [K in N]: Handler<K> };

/** What handlers can reach: the session of the open file, and a way to swap files. */
export interface HandlerContext {
  readonly session: () => Session;
}
