// TEST ONLY. A loopback HTTP server that lets a real browser drive the real renderer against the
// real main-process services, since the Electron binary cannot run here. It serves the built UI
// with the app's CSP (plus connect-src 'self') and routes POST /api/<call> through the same IPC
// registration as the app (electron/ipc.ts: sender check, zod validation, Result envelope).
// Scan events stream over SSE. Bound to 127.0.0.1 only; every request needs a random token.
// Videos are served as the app's media scheme serves them (electron/media-files.ts): from a second
// loopback origin, only files the scan found, under random tokens, with ranges and CORS to the page;
// the page's CSP names that origin alone in media-src, as the app's names its media scheme.
import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import path from 'node:path';
import { channelFor, isCallName, type ChecklistEvent, type ScanEvent } from '../../../shared/api/contract.js';
import { createChecklistService } from '../../../electron/services/checklist-service.js';
import { serveAppFile } from '../../../electron/app-files.js';
import { mediaResponse, openBody } from '../../../electron/media-files.js';
import { HandlerRegistry, registerIpcHandlers, type IpcEventLike } from '../../../electron/ipc.js';
import { buildContentSecurityPolicy, securityHeaders } from '../../../electron/security.js';
import { createServices, type Dialogs } from '../../../electron/services/services.js';
import { FileWorkerClient } from '../../../electron/worker/client.js';
import { spawnThreadWorker } from '../../../electron/worker/node-thread.js';
import { printReportPdf } from '../../../cli/report-pdf.js';
import { createStreamCalls } from '../../../electron/services/stream-service.js';
import { CaptureGate } from '../../../electron/stream/capture-gate.js';
import { createStreamRelay } from './stream-relay.js';

export const TOKEN_HEADER = 'x-bridge-token';
const TOKEN_COOKIE = 'bridge-token';
// A video frame for the picture checks is the largest call (up to 4K RGB as base64).
const MAX_BODY_BYTES = 48 * 1024 * 1024;
const BRIDGE_CSP = buildContentSecurityPolicy({ connectSelf: true });
const SCAN_THREAD_ENTRY = new URL('./scan-thread.mjs', import.meta.url);

export interface BridgeOptions {
  /** The built renderer to serve (e.g. dist/renderer-e2e). */
  rootDir: string;
  /** Where settings.json goes: use a fresh temporary folder per test. */
  userDataDir: string;
  /** How long an auto-lock "minute" lasts (default: a real minute). */
  checklistMinuteMs?: number;
  /** Argon2id at its floor instead of calibrated (tests that create many checklists). */
  checklistCalibrate?: boolean;
}

export interface Bridge {
  /** http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  token: string;
  /** The page to open: the entry with the token in query (sets a cookie for assets) and hash. */
  appUrl: string;
  /** The next system dialog returns these paths; null = the user pressed Cancel. */
  queueDialogResult(paths: string[] | null): void;
  /** Folders the app asked to show in the file manager (nothing is opened under test). */
  openedFolders: string[];
  /** Safe copies the app asked to open in the picture viewer, or to show in their folder. */
  openedCopies: string[];
  revealedCopies: string[];
  /** Lines the IPC layer logged (channel names of rejected or failed calls). */
  logLines: string[];
  /** Web pages the checklist asked the system browser to open (nothing is opened under test). */
  openedPages: string[];
  /** Where the checklist lives for this bridge (userDataDir/checklist). */
  checklistDir: string;
  /** What Electron's powerMonitor reports when the computer is locked or goes to sleep. */
  systemLocked(): void;
  close(): Promise<void>;
}

const QueueDialogBody = z.object({ paths: z.array(z.string().min(1).max(4096)).max(10_000).nullable() });

function sameToken(candidate: string | undefined | null, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: http.IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return rest.join('=');
  }
  return undefined;
}

function send(res: http.ServerResponse, status: number, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders(BRIDGE_CSP), 'cache-control': 'no-store', ...headers });
  res.end(body);
}

function sendJson(res: http.ServerResponse, value: unknown): void {
  send(res, 200, JSON.stringify(value), { 'content-type': 'application/json; charset=utf-8' });
}

/** Reads a body up to the limit; null when it is larger. */
async function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads a JSON body; anything unparsable becomes `undefined`, which the contract then rejects. */
async function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  const body = await readBody(req);
  try {
    return body ? JSON.parse(body.toString('utf8')) : undefined;
  } catch {
    return undefined;
  }
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = randomBytes(32).toString('hex');
  const dialogQueue: Array<string[] | null> = [];
  const openedFolders: string[] = [];
  const openedCopies: string[] = [];
  const revealedCopies: string[] = [];
  const openedPages: string[] = [];
  const logLines: string[] = [];
  const streams = new Set<http.ServerResponse>();
  let origin = '';

  const dialogs: Dialogs = {
    async choosePaths() {
      return dialogQueue.shift() ?? [];
    },
    async chooseOutputDir() {
      return dialogQueue.shift()?.[0] ?? null;
    },
    async chooseReportFile() {
      return dialogQueue.shift()?.[0] ?? null;
    },
  };
  // The media origin first: the services hand out URLs under it.
  const mediaServer = http.createServer((req, res) => {
    serveMedia(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.destroy();
    });
  });
  const mediaOrigin = `http://127.0.0.1:${await listenLoopback(mediaServer)}`;
  const pageCsp = buildContentSecurityPolicy({ connectSelf: true, mediaSrc: mediaOrigin });

  async function serveMedia(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.headers.host !== new URL(mediaOrigin).host) return send(res, 403, 'Forbidden');
    const url = new URL(req.url ?? '/', mediaOrigin);
    const answer = await mediaResponse(
      services.media,
      {
        path: url.pathname.startsWith('/video/') ? url.pathname.slice('/video'.length) : '',
        method: req.method ?? 'GET',
        range: req.headers.range ?? null,
        origin: typeof req.headers.origin === 'string' ? req.headers.origin : null,
      },
      origin,
    );
    res.writeHead(answer.status, answer.headers);
    if (!answer.body) return void res.end();
    const body = await openBody(answer.body);
    body.on('error', () => res.destroy());
    res.on('close', () => body.destroy());
    body.pipe(res);
  }

  // Test only: a worker crash is printed in full so a failing E2E run says why.
  const worker = new FileWorkerClient(() => spawnThreadWorker(SCAN_THREAD_ENTRY, { onError: (err) => console.error('[bridge] file worker stopped:', err) }));
  const checklistDir = path.join(options.userDataDir, 'checklist');
  const checklist = createChecklistService({
    storeDir: checklistDir,
    // No keyring under the bridge: "remember on this device" is offered only with a real one.
    keyring: null,
    dialogs: {
      chooseBackupToSave: async () => dialogQueue.shift()?.[0] ?? null,
      chooseBackupToOpen: async () => dialogQueue.shift()?.[0] ?? null,
      choosePicture: async () => dialogQueue.shift()?.[0] ?? null,
    },
    worker,
    async openExternal(url) {
      openedPages.push(url);
    },
    emit(event: ChecklistEvent) {
      const frame = `event: checklist\ndata: ${JSON.stringify(event)}\n\n`;
      for (const res of streams) res.write(frame);
    },
    ...(options.checklistMinuteMs ? { minuteMs: options.checklistMinuteMs } : {}),
    ...(options.checklistCalibrate !== undefined ? { calibrate: options.checklistCalibrate } : {}),
  });
  const streamRelay = createStreamRelay((session, message) => {
    const frame = `event: stream\ndata: ${JSON.stringify({ session, message })}\n\n`;
    for (const res of streams) res.write(frame);
  });
  const services = createServices({
    stream: createStreamCalls(new CaptureGate(), streamRelay),
    userDataDir: options.userDataDir,
    checklist,
    dialogs,
    async openDirectory(dir) {
      openedFolders.push(dir);
    },
    // Test only: Chromium's print engine through playwright, as the CLI does; the app uses Electron's.
    printPdf: (html) => printReportPdf(html),
    async openPicture(file) {
      openedCopies.push(file);
    },
    async revealFile(file) {
      revealedCopies.push(file);
    },
    worker,
    mediaBaseUrl: `${mediaOrigin}/video`,
    emit(event: ScanEvent) {
      const frame = `data: ${JSON.stringify(event)}\n\n`;
      for (const res of streams) res.write(frame);
    },
  });
  const registry = new HandlerRegistry();
  registerIpcHandlers(registry, services, {
    // The "frame" is the page that sent the request, known from its Origin header.
    isTrustedSender: (event: IpcEventLike) => {
      const frame = event.senderFrame;
      return frame != null && frame.parent === null && frame.url === `${origin}/`;
    },
    log: (line) => logLines.push(line),
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A page on another host name that resolves to 127.0.0.1 (DNS rebinding) is refused.
    if (req.headers.host !== new URL(origin).host) return send(res, 403, 'Forbidden');
    const url = new URL(req.url ?? '/', origin);
    const headerToken = req.headers[TOKEN_HEADER];
    const byHeader = sameToken(typeof headerToken === 'string' ? headerToken : undefined, token);
    const byQuery = sameToken(url.searchParams.get('token'), token);

    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/test/') || url.pathname.startsWith('/stream/')) {
      if (req.method === 'GET' && url.pathname === '/api/events') {
        // EventSource cannot send headers, so the event stream alone takes the token in the query.
        if (!byHeader && !byQuery) return send(res, 403, 'Forbidden');
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', ...securityHeaders(BRIDGE_CSP) });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      // Calls need the header: a custom header cannot be sent cross-origin without a preflight,
      // which this server never answers, so a cookie alone is never enough.
      if (!byHeader) return send(res, 403, 'Forbidden');
      if (req.method !== 'POST') return send(res, 405, 'Method not allowed');
      if (url.pathname === '/test/queue-dialog') {
        const body = QueueDialogBody.safeParse(await readJsonBody(req));
        if (!body.success) return send(res, 400, 'Bad request');
        dialogQueue.push(body.data.paths);
        return sendJson(res, { queued: dialogQueue.length });
      }
      const frameRoute = /^\/stream\/([0-9a-f-]{36})\/(frame|control)$/.exec(url.pathname);
      if (frameRoute) {
        const [, session = '', kind] = frameRoute;
        const body = await readBody(req);
        if (!body) return send(res, 413, 'Too large');
        let message: unknown;
        if (kind === 'frame') {
          const q = url.searchParams;
          message = { type: 'frame', time: Number(q.get('time')), width: Number(q.get('width')), height: Number(q.get('height')), data: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
        } else {
          try {
            message = JSON.parse(body.toString('utf8'));
          } catch {
            return send(res, 400, 'Bad request');
          }
        }
        return streamRelay.toWorker(session, message) ? send(res, 204, '') : send(res, 404, 'Not found');
      }
      const name = url.pathname.slice('/api/'.length);
      if (!isCallName(name)) return send(res, 404, 'Not found');
      const input = await readJsonBody(req);
      const originHeader = req.headers.origin;
      const event: IpcEventLike = { senderFrame: typeof originHeader === 'string' ? { url: `${originHeader}/`, parent: null } : null };
      return sendJson(res, await registry.invoke(channelFor(name), event, input));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
    const byCookie = sameToken(cookieToken(req), token);
    if (!byHeader && !byQuery && !byCookie) return send(res, 403, 'Forbidden');
    const file = await serveAppFile(options.rootDir, url.pathname, pageCsp);
    const extra: Record<string, string> = { 'cache-control': 'no-store' };
    // The entry page is opened with ?token=...; the cookie lets its scripts and styles load.
    if (byQuery) extra['set-cookie'] = `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;
    res.writeHead(file.status, { ...file.headers, ...extra });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.end();
    });
  });
  origin = `http://127.0.0.1:${await listenLoopback(server)}`;

  return {
    url: origin,
    token,
    appUrl: `${origin}/index.html?token=${token}#token=${token}`,
    queueDialogResult: (paths) => void dialogQueue.push(paths),
    openedFolders,
    openedCopies,
    revealedCopies,
    logLines,
    openedPages,
    checklistDir,
    systemLocked: () => checklist.lock('system'),
    async close() {
      checklist.lock('user');
      services.cancelAllScans();
      worker.close();
      await streamRelay.close();
      for (const res of streams) res.end();
      streams.clear();
      for (const s of [server, mediaServer]) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };
}

/** Listens on a free loopback port and returns it. */
async function listenLoopback(server: http.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The bridge did not get a TCP port');
  return address.port;
}
