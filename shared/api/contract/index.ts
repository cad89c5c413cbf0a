import type { z } from 'zod';
import type { ChannelMap, NamesOfKind, OutputOf, ParsedInputOf } from '../channel.js';
import { coreChannels, coreEvents } from './core.js';
import { importChannels, importEvents } from './import.js';
import { insightsChannels } from './insights.js';
import { viewChannels } from './view.js';

/**
 * The ONE contract between front ends and the backend. Each domain adds its
 * channels and events here; the handler table is a mapped type over it, so a
 * channel without a handler fails the typecheck.
 */
export const contract = {
  ...coreChannels,
  ...importChannels,
  ...insightsChannels,
  ...viewChannels,
} as const satisfies ChannelMap;

export const events = {
  ...coreEvents,
  ...importEvents,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
/** Channels that only read (see ChannelKind): a caller's copy of the network stays current. */
export type QueryName = NamesOfKind<Contract, 'query'>;
/** Channels that may change the network or the data file: a caller's copy is stale after one succeeds. */
export type EditName = NamesOfKind<Contract, 'edit'>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export type Input<N extends ChannelName> = ParsedInputOf<Contract[N]>;
export type Output<N extends ChannelName> = OutputOf<Contract[N]>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];
