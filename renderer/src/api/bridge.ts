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

/** Read-only facts about the drawn graph, for end-to-end tests and the benchmark (browser fallback only). */
export interface GraphProbe {
  snapshot(): GraphSnapshot;
  /** Page coordinates (CSS pixels) of a node's centre, an edge's midpoint or a group's centre, by person, tie or group key. */
  pagePoint(kind: 'node' | 'edge' | 'group', id: string): { x: number; y: number } | null;
  /** One step of the pan/zoom benchmark: pan by screen pixels, zoom by a factor around the centre. */
  viewportStep(dx: number, dy: number, factor: number): void;
  /** Lays the current picture out afresh with `layout`; resolves with the time until it is drawn, in ms. */
  runLayoutForBench(layout: 'around-me' | 'force' | 'clusters'): Promise<number>;
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
  /** Group nodes (collapsed, or expanded boxes around their members), by group key. */
  readonly groups?: ReadonlyArray<{ id: string; label: string; count: number; expanded: boolean; x: number; y: number; classes: string[] }>;
  /** Aggregated edges drawn (ties summed between groups). */
  readonly aggregates?: number;
  /** The origins aggregated edges are drawn in (their ties' most common origin). */
  readonly aggregateOrigins?: readonly string[];
  readonly pan?: { readonly x: number; readonly y: number };
  readonly lastLayoutMs?: number;
  readonly renderer?: 'canvas' | 'webgl';
  /** performance.now() when the first picture was on screen; null before. */
  readonly readyAt?: number | null;
  readonly layoutRunning?: boolean;
}

declare global {
  interface Window {
    kith?: KithBridge;
    __kithGraph?: GraphProbe;
  }
}
