import type { z } from 'zod';

/** One call of the contract: a `domain:verb` name's input and output schemas. */
export interface Channel<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** What the call does, for people reading the contract. */
  readonly doc: string;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string): Channel<I, O> {
  return { input, output, doc };
}

export type ChannelMap = Record<string, Channel>;
export type InputOf<C extends Channel> = z.input<C['input']>;
export type ParsedInputOf<C extends Channel> = z.output<C['input']>;
export type OutputOf<C extends Channel> = z.output<C['output']>;

/** Turns `domain:verb` into the method name the preload and client expose: `domainVerb`. */
export function methodName(name: string): string {
  return name.replace(/[:-](\w)/g, (_m, c: string) => c.toUpperCase());
}
