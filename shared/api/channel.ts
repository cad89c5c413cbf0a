import type { z } from 'zod';

/**
 * What a call does to the data, so that a front end knows whether its copy is
 * still current afterwards:
 * - `query` reads: it never changes the network or the data file, and may be
 *   repeated at will (an import preview, kept in memory, is a query too);
 * - `edit` may change the network or the data file (an undoable edit, a
 *   reload, a restored backup, stored positions): after it succeeds, a
 *   caller's copy of the network is stale.
 */
export type ChannelKind = 'query' | 'edit';

/** One call of the contract: a `domain:verb` name's kind, input and output schemas. */
export interface Channel<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, K extends ChannelKind = ChannelKind> {
  readonly kind: K;
  readonly input: I;
  readonly output: O;
  /** What the call does, for people reading the contract. */
  readonly doc: string;
}

export function channel<K extends ChannelKind, I extends z.ZodType, O extends z.ZodType>(
  kind: K,
  input: I,
  output: O,
  doc: string,
): Channel<I, O, K> {
  return { kind, input, output, doc };
}

export type ChannelMap = Record<string, Channel>;
export type InputOf<C extends Channel> = z.input<C['input']>;
export type ParsedInputOf<C extends Channel> = z.output<C['input']>;
export type OutputOf<C extends Channel> = z.output<C['output']>;
/** The names in `M` whose channels are of kind `K`. */
export type NamesOfKind<M extends ChannelMap, K extends ChannelKind> = { [N in keyof M]: M[N]['kind'] extends K ? N : never }[keyof M];

/** Turns `domain:verb` into the method name the preload and client expose: `domainVerb`. */
export function methodName(name: string): string {
  return name.replace(/[:-](\w)/g, (_m, c: string) => c.toUpperCase());
}
