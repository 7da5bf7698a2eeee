// The app's entry point: one hardened window showing the UI from app://, main-process services
// behind validated IPC, and photo work in a separate utility process. No remote content, no
// telemetry. The security settings themselves live in security.ts as data, where tests read them.
import path from 'node:path';
import { Readable } from 'node:stream';
import { BrowserWindow, MessageChannelMain, app, desktopCapturer, dialog, ipcMain, powerMonitor, protocol, safeStorage, session, shell, utilityProcess } from 'electron';
import { CHECKLIST_EVENT_CHANNEL, SCAN_EVENT_CHANNEL, type ChecklistEvent, type ScanEvent } from '../shared/api/contract.js';
import { BROKERS } from '../shared/checklist/brokers.js';
import { checklistDirIn } from '../shared/node/checklist/location.js';
import { createChecklistDialogs, lockOnPowerEvents, safeStorageKeyring } from './checklist-shell.js';
import { createChecklistService } from './services/checklist-service.js';
import { ExposureError } from '../shared/errors.js';
import { notFoundResponse, serveAppFile } from './app-files.js';
import { mediaResponse, openBody, type MediaFiles } from './media-files.js';
import { createElectronDialogs } from './dialogs.js';
import { createReportPrinter } from './report-pdf.js';
import { isTrustedAppFrame, registerIpcHandlers, type IpcEventLike } from './ipc.js';
import {
  APP_ENTRY_URL,
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  MEDIA_HOST,
  MEDIA_SCHEME,
  MEDIA_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  isAllowedRequestUrl,
  isSafeExternalUrl,
  navigationGuard,
  permissionCheckHandler,
  permissionHandler,
  secureWebPreferences,
  windowOpenHandler,
} from './security.js';
import { createServices } from './services/services.js';
import { createStreamCalls } from './services/stream-service.js';
import { CaptureGate } from './stream/capture-gate.js';
import { createElectronStreamShell } from './stream/electron-shell.js';
import { FileWorkerClient } from './worker/client.js';
import { spawnUtilityWorker } from './worker/utility-process.js';

export * from './security.js';

// Bundled to dist/electron/main.cjs: the preload, the worker and the UI sit beside it.
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');
const WORKER_PATH = path.join(__dirname, 'scan-worker.cjs');
const STREAM_WORKER_PATH = path.join(__dirname, 'stream-worker.cjs');
const RENDERER_DIR = path.join(__dirname, '..', 'renderer');

let mainWindow: BrowserWindow | null = null;
// The stream screen's state: capture is granted only while it allows it (security.ts).
const capture = new CaptureGate();

// Must happen before `ready`.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } },
  { scheme: MEDIA_SCHEME, privileges: { ...MEDIA_SCHEME_PRIVILEGES } },
]);
app.enableSandbox();

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? await serveAppFile(RENDERER_DIR, url.pathname) : notFoundResponse();
    return new Response(Buffer.from(file.body), { status: file.status, headers: file.headers });
  });
  // No remote content at all: anything that is not app://, data: or blob:app:// is cancelled.
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  ses.setPermissionRequestHandler((wc, permission, callback, details) => permissionHandler(wc, permission, callback, details, capture.grants()));
  ses.setPermissionCheckHandler((wc, permission, origin, details) => permissionCheckHandler(wc, permission, origin, details, capture.grants()));
  // A screen or window only as the user chose it on the stream screen; anything else gets nothing.
  ses.setDisplayMediaRequestHandler((request, callback) => {
    const id = capture.displaySource(request);
    if (!id) return callback({});
    void desktopCapturer.getSources({ types: ['screen', 'window'], thumbnailSize: { width: 0, height: 0 } }).then(
      (sources) => {
        const video = sources.find((s) => s.id === id);
        callback(video ? { video } : {});
      },
      () => callback({}),
    );
  });
  ses.setDevicePermissionHandler(() => false);
}

// Every webContents, including any we did not create, gets the same guards.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', navigationGuard);
  contents.on('will-frame-navigate', (event) => navigationGuard(event, event.url));
  contents.on('will-redirect', navigationGuard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler((details) => windowOpenHandler(details, (url) => void shell.openExternal(url)));
});

/** The videos the user chose, to the window's player only (see media-files.ts); never file://. */
function serveMedia(media: MediaFiles): void {
  session.defaultSession.protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    const answer = await mediaResponse(
      media,
      { path: url.host === MEDIA_HOST ? url.pathname : '', method: request.method, range: request.headers.get('range'), origin: request.headers.get('origin') },
      APP_ORIGIN,
    );
    const body = answer.body ? (Readable.toWeb(await openBody(answer.body)) as ReadableStream<Uint8Array>) : null;
    return new Response(body, { status: answer.status, headers: answer.headers });
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1120,
    height: 780,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Exposure Check',
    webPreferences: secureWebPreferences(PRELOAD_PATH),
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

function start(): void {
  hardenSession();
  const worker = new FileWorkerClient(() => spawnUtilityWorker(utilityProcess, WORKER_PATH));
  const brokerHosts = BROKERS.flatMap((b) => [new URL(b.searchUrl).hostname, new URL(b.optOutUrl).hostname]);
  const checklist = createChecklistService({
    // The same folder the command line uses by default (shared/node/checklist/location.ts).
    storeDir: checklistDirIn(app.getPath('appData')),
    keyring: safeStorageKeyring(safeStorage),
    dialogs: createChecklistDialogs(dialog, () => mainWindow),
    worker,
    async openExternal(url) {
      if (!isSafeExternalUrl(url, brokerHosts)) throw new ExposureError('invalid-input', 'That page cannot be opened from here.');
      await shell.openExternal(url);
    },
    emit(event: ChecklistEvent) {
      if (mainWindow && !mainWindow.webContents.isDestroyed()) mainWindow.webContents.send(CHECKLIST_EVENT_CHANNEL, event);
    },
  });
  lockOnPowerEvents(powerMonitor, () => checklist.lock('system'));
  const services = createServices({
    userDataDir: app.getPath('userData'),
    // Safe copies get a folder of their own: beside the originals, both would sit side by side in
    // the upload picker, and the original is one slip away (see SettingsDialog).
    defaultCopiesDir: path.join(app.getPath('pictures'), 'Safe copies'),
    dialogs: createElectronDialogs(dialog, () => mainWindow, app.getPath('documents')),
    printPdf: createReportPrinter({ BrowserWindow, session: () => session.fromPartition('report-pdf', { cache: false }) }),
    async openDirectory(dir) {
      const failure = await shell.openPath(dir);
      if (failure) throw new ExposureError('unreadable', 'The folder could not be opened in your file manager.');
    },
    async openPicture(file) {
      const failure = await shell.openPath(file);
      if (failure) throw new ExposureError('unreadable', 'The copy could not be opened. Use "Show in folder" and open it from there.');
    },
    async revealFile(file) {
      shell.showItemInFolder(file);
    },
    worker,
    emit(event: ScanEvent) {
      if (mainWindow && !mainWindow.webContents.isDestroyed()) mainWindow.webContents.send(SCAN_EVENT_CHANNEL, event);
    },
    checklist,
    stream: createStreamCalls(
      capture,
      createElectronStreamShell({ desktopCapturer, utilityProcess, MessageChannelMain, workerPath: STREAM_WORKER_PATH, window: () => mainWindow?.webContents ?? null }),
    ),
  });
  serveMedia(services.media);
  registerIpcHandlers(ipcMain, services, {
    // Our own window's top frame on app://, nothing else.
    isTrustedSender: (event: IpcEventLike) =>
      isTrustedAppFrame(event) && mainWindow !== null && (event as { sender?: unknown }).sender === mainWindow.webContents,
    log: (line) => console.warn(line),
  });
  app.on('before-quit', () => {
    checklist.lock('user');
    services.cancelAllScans();
    worker.close();
  });
  mainWindow = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (app.isReady() && !mainWindow) mainWindow = createWindow();
  });
  void app.whenReady().then(start);
}
