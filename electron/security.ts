// The app's security settings as plain data and pure functions, so tests can assert every item of
// Electron's security checklist without launching Electron. Nothing here imports `electron` at run
// time (types only); main.ts wires these into the real window and session.
import type { WebPreferences } from 'electron';

/** The UI is served from this custom protocol (never file://): one origin, nothing else. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'exposure';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Videos the user chose are served to the window on their own scheme (never file://), so its
 * <video> can decode their frames: only files the scan found, under random tokens (media-files.ts).
 */
export const MEDIA_SCHEME = 'app-media';
export const MEDIA_HOST = 'video';
export const MEDIA_BASE_URL = `${MEDIA_SCHEME}://${MEDIA_HOST}`;

/** Every renderer gets these; only the preload path varies (see `secureWebPreferences`). */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  enableBlinkFeatures: '',
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
} satisfies WebPreferences);

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return { ...SECURE_WEB_PREFERENCES, preload: preloadPath };
}

/**
 * The Content-Security-Policy sent with every response of the UI. The app talks to main only over
 * IPC, so `connect-src 'none'`; the test-only loopback bridge needs `'self'` for its fetch calls.
 */
export function buildContentSecurityPolicy(opts: { connectSelf?: boolean; mediaSrc?: string } = {}): string {
  const directives: Array<[string, string]> = [
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self' data: blob:"],
    ['font-src', "'self'"],
    ['connect-src', opts.connectSelf ? "'self'" : "'none'"],
    ['object-src', "'none'"],
    // Video frames are decoded from the media scheme only (the bridge passes its media origin).
    ['media-src', opts.mediaSrc ?? `${MEDIA_SCHEME}:`],
    ['frame-src', "'none'"],
    ['worker-src', "'none'"],
    ['manifest-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

export const CONTENT_SECURITY_POLICY = buildContentSecurityPolicy();

/** Headers sent with every app:// (and bridge) response besides the content type. */
export function securityHeaders(csp: string = CONTENT_SECURITY_POLICY): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  };
}

export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * What the session lets a renderer load: our own protocol, plus the data:/blob: images our CSP
 * allows (previews are data: URLs). Everything else (http, https, ws, file, ftp...) is cancelled,
 * so no remote content is ever loaded, whatever the page asks for.
 */
export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url) || url.startsWith(`${MEDIA_BASE_URL}/`)) return true;
  return url.startsWith('data:') || url.startsWith('blob:app://');
}

// ---- Permissions ------------------------------------------------------------------------------

export interface PermissionGrant {
  permission: string;
  /** Only requests from this origin are granted. */
  origin: string;
  /** For 'media': the device kinds allowed. A request for any other kind is denied. */
  mediaTypes?: ReadonlyArray<'video' | 'audio'>;
}

/**
 * The permissions granted at all times, as data. Empty: photo checking needs none. The stream
 * screen's camera and notifications are granted only while it allows them (`captureGrants`).
 */
export const PERMISSION_ALLOWLIST: ReadonlyArray<PermissionGrant> = Object.freeze([]);

/** What the user chose to watch on the stream screen. */
export type CaptureSource = { kind: 'camera' } | { kind: 'screen'; id: string };

/** Where the stream screen stands: capture is possible only while it is open and after a source was chosen. */
export interface CaptureState {
  screenOpen: boolean;
  source: CaptureSource | null;
}

export const CLOSED_CAPTURE: CaptureState = Object.freeze({ screenOpen: false, source: null });

/**
 * The permissions the stream screen grants, on top of the allowlist: the camera (video only, never
 * the microphone) once the user chose a camera, and the guard's optional system notification once
 * any source was chosen. Only ever to the app's own origin; nothing while the screen is closed.
 */
export function captureGrants(state: CaptureState): PermissionGrant[] {
  if (!state.screenOpen || !state.source) return [];
  const grants: PermissionGrant[] = [{ permission: 'notifications', origin: APP_ORIGIN }];
  if (state.source.kind === 'camera') grants.push({ permission: 'media', origin: APP_ORIGIN, mediaTypes: ['video'] });
  return grants;
}

/**
 * Shaped for `session.setDisplayMediaRequestHandler`'s decision: the screen or window the user chose
 * on the stream screen, for a request from the app's own origin asking for video; otherwise none.
 */
export function displaySourceFor(state: CaptureState, request: { securityOrigin?: string; videoRequested?: boolean; audioRequested?: boolean }): string | null {
  if (!state.screenOpen || state.source?.kind !== 'screen') return null;
  if (originOf(request.securityOrigin) !== APP_ORIGIN || request.videoRequested !== true) return null;
  return state.source.id;
}

export interface PermissionQuery {
  permission: string;
  /** The URL (or origin) of the frame that asks. */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
  mediaTypes?: ReadonlyArray<string>;
}

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    // `origin` is "null" for non-special schemes such as app:, so rebuild it ourselves.
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

/** Deny by default: only an exact match in the allowlist, from our main frame, is granted. */
export function isPermissionAllowed(query: PermissionQuery, allowlist: ReadonlyArray<PermissionGrant> = PERMISSION_ALLOWLIST): boolean {
  if (!query.isMainFrame) return false;
  const origin = originOf(query.requestingUrl);
  if (origin === null) return false;
  return allowlist.some((grant) => {
    if (grant.permission !== query.permission || grant.origin !== origin) return false;
    if (grant.permission !== 'media') return true;
    const asked = query.mediaTypes ?? [];
    const allowed = grant.mediaTypes ?? [];
    return asked.length > 0 && asked.every((kind) => (allowed as ReadonlyArray<string>).includes(kind));
  });
}

/** Shaped for `session.setPermissionRequestHandler`. */
export function permissionHandler(
  _webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl?: string; isMainFrame?: boolean; mediaTypes?: ReadonlyArray<string> },
  allowlist: ReadonlyArray<PermissionGrant> = PERMISSION_ALLOWLIST,
): void {
  const query: PermissionQuery = { permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame === true };
  if (details.mediaTypes) query.mediaTypes = details.mediaTypes;
  callback(isPermissionAllowed(query, allowlist));
}

/** Shaped for `session.setPermissionCheckHandler`: the synchronous twin of the request handler. */
export function permissionCheckHandler(
  _webContents: unknown,
  permission: string,
  requestingOrigin: string,
  details: { isMainFrame?: boolean; mediaType?: string; requestingUrl?: string },
  allowlist: ReadonlyArray<PermissionGrant> = PERMISSION_ALLOWLIST,
): boolean {
  const query: PermissionQuery = {
    permission,
    requestingUrl: details.requestingUrl ?? requestingOrigin,
    isMainFrame: details.isMainFrame === true,
  };
  if (details.mediaType) query.mediaTypes = [details.mediaType];
  return isPermissionAllowed(query, allowlist);
}

// ---- Navigation and external links ------------------------------------------------------------

/** Hosts a link may open in the user's browser (exact match, https only). */
export const EXTERNAL_URL_ALLOWLIST: ReadonlyArray<string> = Object.freeze(['github.com', 'ssd.eff.org']);

export function isSafeExternalUrl(url: string, allowlist: ReadonlyArray<string> = EXTERNAL_URL_ALLOWLIST): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:') return false;
  if (u.username || u.password) return false;
  if (u.port !== '') return false;
  return allowlist.includes(u.hostname.toLowerCase());
}

/**
 * Shaped for `will-navigate` / `will-redirect` / `will-frame-navigate`: the window never leaves
 * the app. Navigating within app:// is allowed (a reload); anything else is prevented.
 */
export function navigationGuard(event: { preventDefault(): void }, url: string): void {
  if (!isAppUrl(url)) event.preventDefault();
}

/**
 * Shaped for `setWindowOpenHandler`: no new windows, ever. A safe https link is handed to the
 * system browser through `openExternal` (injected so tests can observe it).
 */
export function windowOpenHandler(
  details: { url: string },
  openExternal: (url: string) => void,
): { action: 'deny' } {
  if (isSafeExternalUrl(details.url)) openExternal(details.url);
  return { action: 'deny' };
}

/**
 * How app:// is registered: a standard, secure scheme (so the page gets a real origin, `'self'`
 * works in the CSP and fetch/code cache behave as on https). Never `bypassCSP`, never
 * `corsEnabled`, no service workers.
 */
export const APP_SCHEME_PRIVILEGES = Object.freeze({
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
  bypassCSP: false,
  corsEnabled: false,
  allowServiceWorkers: false,
  stream: false,
});

/**
 * How the media scheme is registered: `stream` so the player reads ranges as it goes, and
 * `corsEnabled` so the window's <video crossorigin> may read its frames into a canvas (the handler
 * allows only the app's origin). Never `bypassCSP`: media-src names this scheme.
 */
export const MEDIA_SCHEME_PRIVILEGES = Object.freeze({
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: false,
  bypassCSP: false,
  corsEnabled: true,
  allowServiceWorkers: false,
  stream: true,
});
