import type { InputOf } from '../../shared/api/channel.js';
import type { ChannelName, Contract, EventName, EventPayload, Output } from '../../shared/api/contract/index.js';
import type { Result } from '../../shared/api/envelope.js';

type ColonsForDashes<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}:${ColonsForDashes<Tail>}` : S;
type CamelFromColons<S extends string> = S extends `${infer Head}:${infer Tail}` ? `${Head}${Capitalize<CamelFromColons<Tail>>}` : S;

/** `'person:create'` → `'personCreate'`, as `methodName` in shared/api/channel.ts does at run time. */
export type MethodName<N extends string> = CamelFromColons<ColonsForDashes<N>>;

/** One function per contract channel, taking the channel's input as the caller writes it. */
export type KithChannelMethods = {
  readonly [N in ChannelName as MethodName<N>]: (input: InputOf<Contract[N]>) => Promise<Result<Output<N>>>;
};

/** One subscriber per contract event: the listener gets the payload only; the returned function unsubscribes. */
export type KithEventSubscribers = {
  readonly [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void;
};

/** What the preload exposes as `window.kith`. */
export type KithBridge = KithChannelMethods & KithEventSubscribers;
