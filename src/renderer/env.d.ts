import type { ElectronApi } from './api/electron-client';

declare global {
  interface Window {
    /** Exposed by the preload in Electron; absent in browser mode. */
    api?: ElectronApi;
  }
}
