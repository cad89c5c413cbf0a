import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/api/contract/index.js';
import { createBridge } from './bridge.js';

/*
 * Runs sandboxed, before the page: it can require only 'electron' (and a few
 * small built-ins), so everything else is bundled. The build swaps the
 * contract module for its two name lists (contractNamesPlugin), which keeps
 * zod and the schemas out of this file.
 */
contextBridge.exposeInMainWorld('kith', createBridge(ipcRenderer, CHANNEL_NAMES, EVENT_NAMES));
