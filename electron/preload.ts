// The preload: runs sandboxed, so it is bundled (scripts/build-electron.mjs) instead of requiring
// local files. It exposes the typed API and nothing else.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildExposureApi } from './preload-api.js';

contextBridge.exposeInMainWorld(
  'exposure',
  buildExposureApi(ipcRenderer, (file) => webUtils.getPathForFile(file)),
);
