import type { FileStatus, Network } from '../../../shared/api/contract/core';
import type { Result } from '../../../shared/api/envelope';
import type { KithClient } from './client';

/** The answers the window opens with: the file's status and the whole network. */
export type FirstLoad = Promise<readonly [Result<FileStatus>, Result<Network>]>;

/**
 * Sends the two calls the first picture needs, at once and side by side.
 * The entry calls this before React, Cytoscape and the panels have even
 * loaded, so that the backend reads and sends the network while the rest
 * of the app is fetched and compiled.
 */
export function startFirstLoad(client: KithClient): FirstLoad {
  return Promise.all([client.call('file:status', {}), client.call('network:get', {})]);
}
