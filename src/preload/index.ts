// Sandboxed preload (out/preload/index.cjs, CommonJS with its dependencies bundled: a sandboxed
// preload can require nothing but electron's renderer modules). Exposes the contract as
// `window.api` and nothing else: no ipcRenderer, no Node.
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './create-api';

contextBridge.exposeInMainWorld('api', createPreloadApi(ipcRenderer));
