import type { InputOf, OutputOf } from '../../../shared/api/channel';
import type { ChannelName, Contract, EventName, EventPayload } from '../../../shared/api/contract/index';
import type { Result } from '../../../shared/api/envelope';

/** `person:create` → `personCreate`, the same rule as `methodName` in shared/api/channel.ts. */
export type MethodName<S extends string> = S extends `${infer Head}:${infer Tail}`
  ? `${Head}${Capitalize<MethodName<Tail>>}`
  : S extends `${infer Head}-${infer Tail}`
    ? `${Head}${Capitalize<MethodName<Tail>>}`
    : S;

/** What a caller sends: the schema's input side (ids need no brand, the backend parses). */
export type CallInput<N extends ChannelName> = InputOf<Contract[N]>;
export type CallOutput<N extends ChannelName> = OutputOf<Contract[N]>;

export type EventCallback<E extends EventName> = (payload: EventPayload<E>) => void;

/** The preload's API: exactly one function per channel, plus one subscriber per event. */
export type KithBridge = {
  readonly [N in ChannelName as MethodName<N>]: (input: CallInput<N>) => Promise<Result<CallOutput<N>>>;
} & {
  readonly [E in EventName]: (callback: EventCallback<E>) => () => void;
};

/** Read-only facts about the drawn graph, for end-to-end tests (browser fallback only). */
export interface GraphProbe {
  snapshot(): GraphSnapshot;
  /** Page coordinates (CSS pixels) of a node's centre or an edge's midpoint, by person or tie id. */
  pagePoint(kind: 'node' | 'edge', id: string): { x: number; y: number } | null;
}

export interface GraphSnapshot {
  readonly nodes: ReadonlyArray<{ id: string; label: string; isMe: boolean; x: number; y: number; classes: string[] }>;
  readonly edges: ReadonlyArray<{
    id: string;
    source: string;
    target: string;
    origin: string;
    color: string;
    lineStyle: string;
    dash: string;
    width: number;
  }>;
  readonly zoom: number;
  readonly layoutRuns: number;
}

declare global {
  interface Window {
    kith?: KithBridge;
    __kithGraph?: GraphProbe;
  }
}
