import path from 'node:path';
import type { Plugin } from 'vite';

export interface ContractNames {
  readonly channels: readonly string[];
  readonly events: readonly string[];
}

/** The module the preload bundle gets instead of shared/api/contract/index.ts. */
export function contractNamesModule(names: ContractNames): string {
  return [
    `export const CHANNEL_NAMES = Object.freeze(${JSON.stringify(names.channels)});`,
    `export const EVENT_NAMES = Object.freeze(${JSON.stringify(names.events)});`,
    '',
  ].join('\n');
}

const CONTRACT_INDEX = path.join('shared', 'api', 'contract', 'index.ts');

/**
 * Vite plugin for the PRELOAD build only: replaces the contract module by its
 * channel and event names, computed at build time from the real contract
 * (pass `{ channels: CHANNEL_NAMES, events: EVENT_NAMES }`). The preload then
 * carries two string arrays instead of zod and every schema.
 */
export function contractNamesPlugin(names: ContractNames): Plugin {
  return {
    name: 'kith-contract-names',
    enforce: 'pre',
    load(id) {
      const file = path.normalize(id.split('?')[0] ?? id);
      return file.endsWith(path.sep + CONTRACT_INDEX) ? contractNamesModule(names) : null;
    },
  };
}
