// Electron's security checklist (STYLE.md) as assertions on the values main.ts actually uses.
import { describe, expect, it, vi } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  EXTERNAL_URL_ALLOWLIST,
  PERMISSION_ALLOWLIST,
  SECURE_WEB_PREFERENCES,
  buildContentSecurityPolicy,
  isAllowedRequestUrl,
  isAppUrl,
  isPermissionAllowed,
  isSafeExternalUrl,
  navigationGuard,
  permissionCheckHandler,
  permissionHandler,
  secureWebPreferences,
  securityHeaders,
  windowOpenHandler,
  type PermissionGrant,
  CLOSED_CAPTURE,
  displaySourceFor,
} from '../../electron/security.js';
import { CaptureGate } from '../../electron/stream/capture-gate.js';

function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name ?? '', values.join(' ')] as const;
    }),
  );
}

describe('window options', () => {
  const prefs = secureWebPreferences('/app/dist/electron/preload.cjs');

  it('isolates and sandboxes every renderer, with no Node anywhere', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('never weakens web security or enables experimental, insecure or webview features', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.enableBlinkFeatures ?? '').toBe('');
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.spellcheck).toBe(false);
  });

  it('passes the preload path and cannot be mutated at run time', () => {
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
    expect(() => {
      (SECURE_WEB_PREFERENCES as { sandbox: boolean }).sandbox = false;
    }).toThrow();
  });
});

describe('Content-Security-Policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('allows only the app itself to run code and style, with nothing inline or eval', () => {
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|'strict-dynamic'|\*|https?:/);
  });

  it('loads images only from the app and data:/blob: previews, and connects nowhere', () => {
    expect(csp.get('img-src')).toBe("'self' data: blob:");
    expect(csp.get('connect-src')).toBe("'none'");
    expect(csp.get('font-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
  });

  it('cannot be framed, rebased or used to post forms', () => {
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('form-action')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
  });

  it('differs for the test bridge only in connect-src', () => {
    const bridge = directives(buildContentSecurityPolicy({ connectSelf: true }));
    expect(bridge.get('connect-src')).toBe("'self'");
    for (const [name, value] of csp) if (name !== 'connect-src') expect(bridge.get(name)).toBe(value);
  });

  it('goes out as a header with nosniff on every response', () => {
    const headers = securityHeaders();
    expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('app:// protocol and request filter', () => {
  it('serves the UI from a privileged, secure custom scheme that does not bypass the CSP', () => {
    expect(APP_ENTRY_URL.startsWith(`${APP_ORIGIN}/`)).toBe(true);
    expect(APP_ENTRY_URL.startsWith('file:')).toBe(false);
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, bypassCSP: false, corsEnabled: false, allowServiceWorkers: false });
  });

  it('recognises only our own host on our own scheme', () => {
    expect(isAppUrl('app://exposure/index.html')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('lets the session load app://, data: and app blobs, and cancels every remote or file request', () => {
    expect(isAllowedRequestUrl('app://exposure/assets/index.js')).toBe(true);
    expect(isAllowedRequestUrl('data:image/jpeg;base64,AAAA')).toBe(true);
    expect(isAllowedRequestUrl('blob:app://exposure/1234')).toBe(true);
    for (const url of ['https://example.com/x.js', 'http://127.0.0.1:8080/', 'ws://localhost/', 'file:///home/me/photo.jpg', 'ftp://x/', 'blob:https://evil.example/1', 'app://evil/x']) {
      expect(isAllowedRequestUrl(url), url).toBe(false);
    }
  });
});

describe('permissions', () => {
  it('denies every permission today, even from our own main frame', () => {
    expect(PERMISSION_ALLOWLIST).toHaveLength(0);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'display-capture', 'fullscreen', 'openExternal']) {
      const callback = vi.fn();
      permissionHandler(null, permission, callback, { requestingUrl: APP_ENTRY_URL, isMainFrame: true, mediaTypes: ['video'] });
      expect(callback).toHaveBeenCalledWith(false);
      expect(permissionCheckHandler(null, permission, APP_ORIGIN, { isMainFrame: true, requestingUrl: APP_ENTRY_URL })).toBe(false);
    }
  });

  it('grants an allowlisted permission only to our origin, our main frame and the listed media kinds', () => {
    const camera: PermissionGrant[] = [{ permission: 'media', origin: APP_ORIGIN, mediaTypes: ['video'] }];
    const ask = (over: Partial<Parameters<typeof isPermissionAllowed>[0]>) =>
      isPermissionAllowed({ permission: 'media', requestingUrl: APP_ENTRY_URL, isMainFrame: true, mediaTypes: ['video'], ...over }, camera);
    expect(ask({})).toBe(true);
    expect(ask({ mediaTypes: ['audio'] })).toBe(false);
    expect(ask({ mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(ask({ mediaTypes: [] })).toBe(false);
    expect(ask({ isMainFrame: false })).toBe(false);
    expect(ask({ requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(ask({ requestingUrl: 'app://other/index.html' })).toBe(false);
    expect(ask({ permission: 'geolocation' })).toBe(false);
    expect(ask({ requestingUrl: undefined })).toBe(false);
  });
});

describe('capture on the stream screen', () => {
  const camera = (gate: CaptureGate, over: { url?: string; isMainFrame?: boolean; mediaTypes?: string[] } = {}) => {
    const callback = vi.fn();
    permissionHandler(null, 'media', callback, { requestingUrl: over.url ?? APP_ENTRY_URL, isMainFrame: over.isMainFrame ?? true, mediaTypes: over.mediaTypes ?? ['video'] }, gate.grants());
    return callback.mock.calls[0]?.[0] as boolean;
  };

  it('grants the camera only while the stream screen is open and after the user chose a camera', () => {
    const gate = new CaptureGate();
    expect(camera(gate)).toBe(false);
    expect(() => gate.choose({ kind: 'camera' })).toThrow(/Before you go live/);
    gate.screen(true);
    expect(camera(gate)).toBe(false);
    gate.choose({ kind: 'camera' });
    expect(camera(gate)).toBe(true);
    expect(permissionCheckHandler(null, 'media', APP_ORIGIN, { isMainFrame: true, mediaType: 'video', requestingUrl: APP_ENTRY_URL }, gate.grants())).toBe(true);
    gate.screen(false);
    expect(camera(gate)).toBe(false);
    expect(gate.grants()).toEqual([]);
  });

  it('grants it only to our own origin and main frame, for video only, never the microphone', () => {
    const gate = new CaptureGate();
    gate.screen(true);
    gate.choose({ kind: 'camera' });
    expect(camera(gate, { url: 'https://evil.example/' })).toBe(false);
    expect(camera(gate, { url: 'app://other/index.html' })).toBe(false);
    expect(camera(gate, { isMainFrame: false })).toBe(false);
    expect(camera(gate, { mediaTypes: ['audio'] })).toBe(false);
    expect(camera(gate, { mediaTypes: ['video', 'audio'] })).toBe(false);
    for (const permission of ['geolocation', 'clipboard-read', 'display-capture', 'openExternal']) {
      expect(isPermissionAllowed({ permission, requestingUrl: APP_ENTRY_URL, isMainFrame: true }, gate.grants()), permission).toBe(false);
    }
  });

  it('gives a screen or window only as chosen from the list just offered, to our origin, and not a camera', () => {
    const gate = new CaptureGate();
    const request = { securityOrigin: APP_ORIGIN, videoRequested: true };
    gate.screen(true);
    gate.offer(['screen:0:0', 'window:42:0']);
    expect(gate.displaySource(request)).toBeNull();
    expect(() => gate.choose({ kind: 'screen', id: 'window:99:0' })).toThrow(/no longer there/);
    gate.choose({ kind: 'screen', id: 'window:42:0' });
    expect(gate.displaySource(request)).toBe('window:42:0');
    expect(gate.displaySource({ ...request, securityOrigin: 'https://evil.example' })).toBeNull();
    expect(gate.displaySource({ ...request, videoRequested: false })).toBeNull();
    // A screen was chosen, not a camera: getUserMedia's camera stays denied.
    expect(camera(gate)).toBe(false);
    expect(displaySourceFor(CLOSED_CAPTURE, request)).toBeNull();
    gate.screen(false);
    expect(gate.displaySource(request)).toBeNull();
  });
});

describe('navigation, new windows and external links', () => {
  it('keeps the window inside the app', () => {
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'http://127.0.0.1/', 'javascript:alert(1)', 'app://evil/index.html']) {
      const event = { preventDefault: vi.fn() };
      navigationGuard(event, url);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
    const reload = { preventDefault: vi.fn() };
    navigationGuard(reload, APP_ENTRY_URL);
    expect(reload.preventDefault).not.toHaveBeenCalled();
  });

  it('denies every new window, handing only safe https links to the system browser', () => {
    const openExternal = vi.fn();
    expect(windowOpenHandler({ url: 'https://ssd.eff.org/module/protecting-yourself' }, openExternal)).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://ssd.eff.org/module/protecting-yourself');
    openExternal.mockClear();
    expect(windowOpenHandler({ url: 'https://evil.example/' }, openExternal)).toEqual({ action: 'deny' });
    expect(windowOpenHandler({ url: APP_ENTRY_URL }, openExternal)).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('opens externally only https URLs whose exact host is on the allowlist', () => {
    expect(EXTERNAL_URL_ALLOWLIST.length).toBeGreaterThan(0);
    expect(isSafeExternalUrl('https://github.com/some/page')).toBe(true);
    for (const url of [
      'http://github.com/',
      'https://github.com.evil.example/',
      'https://evil.github.com/',
      'https://user:pass@github.com/',
      'https://github.com:8443/',
      'file:///etc/passwd',
      'smb://github.com/share',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});
