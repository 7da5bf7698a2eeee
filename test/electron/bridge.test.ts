// The test-only bridge must be as closed as the app: loopback only, a random token on every
// request, the same IPC validation and sender check, and the app's CSP on the UI it serves.
import http from 'node:http';
import net from 'node:net';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ScanEvent } from '../../shared/api/contract.js';
import { startBridge, TOKEN_HEADER, type Bridge } from '../e2e/bridge/server.js';
import { createBridgeApi } from '../e2e/bridge/client.js';
import { nodeEventSource } from './helpers/node-event-source.js';

let base: string;
let bridge: Bridge;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'exposure-bridge-'));
  const rootDir = path.join(base, 'renderer');
  await mkdir(path.join(rootDir, 'assets'), { recursive: true });
  await writeFile(path.join(rootDir, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>');
  await writeFile(path.join(rootDir, 'assets', 'app.js'), 'export {}');
  bridge = await startBridge({ rootDir, userDataDir: path.join(base, 'userData') });
});
afterAll(async () => {
  await bridge?.close();
  await rm(base, { recursive: true, force: true });
});

function api(name: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${bridge.url}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: bridge.token, origin: bridge.url, ...headers },
    body: JSON.stringify(body),
  });
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('bridge network exposure', () => {
  it('listens on 127.0.0.1 only', async () => {
    const url = new URL(bridge.url);
    expect(url.hostname).toBe('127.0.0.1');
    const port = Number(url.port);
    expect(await connects('127.0.0.1', port)).toBe(true);
    // Another loopback address and IPv6 reach the same machine but not this socket.
    expect(await connects('127.0.0.2', port)).toBe(false);
    expect(await connects('::1', port)).toBe(false);
  });

  it('uses a long random token', () => {
    expect(bridge.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers 403 to every request without the token, or with a wrong one', async () => {
    expect((await fetch(`${bridge.url}/`)).status).toBe(403);
    expect((await fetch(`${bridge.url}/assets/app.js`)).status).toBe(403);
    expect((await fetch(`${bridge.url}/api/events`)).status).toBe(403);
    expect((await api('getSettings', {}, { [TOKEN_HEADER]: '' })).status).toBe(403);
    expect((await api('getSettings', {}, { [TOKEN_HEADER]: 'f'.repeat(64) })).status).toBe(403);
    expect((await fetch(`${bridge.url}/test/queue-dialog`, { method: 'POST', body: '{"paths":[]}' })).status).toBe(403);
  });

  it('takes the token only in the header for calls (not the query or a cookie)', async () => {
    const res = await fetch(`${bridge.url}/api/getSettings?token=${bridge.token}`, {
      method: 'POST',
      headers: { origin: bridge.url, cookie: `bridge-token=${bridge.token}` },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('refuses a request whose Host is not the bridge (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${bridge.url}/api/getSettings`, {
        method: 'POST',
        headers: { host: `evil.example:${new URL(bridge.url).port}`, [TOKEN_HEADER]: bridge.token, origin: bridge.url },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });
});

describe('bridge contract', () => {
  it('runs a call through the real services when token and origin are right', async () => {
    const res = await api('getSettings', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, value: DEFAULT_SETTINGS });
  });

  it('applies the IPC sender check: a request from another origin, or none, is refused', async () => {
    for (const origin of ['http://evil.example', 'null']) {
      expect(await (await api('getSettings', {}, { origin })).json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const noOrigin = await fetch(`${bridge.url}/api/getSettings`, { method: 'POST', headers: { [TOKEN_HEADER]: bridge.token }, body: '{}' });
    expect(await noOrigin.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(bridge.logLines).toContain('[ipc] rejected exposure:getSettings: untrusted sender');
  });

  it('applies the same validation: a bad or unparsable payload is rejected and only the channel logged', async () => {
    const secret = '/home/alice/secret-place.jpg';
    expect(await (await api('startScan', { paths: secret })).json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const garbage = await fetch(`${bridge.url}/api/startScan`, { method: 'POST', headers: { [TOKEN_HEADER]: bridge.token, origin: bridge.url }, body: `{"paths": ["${secret}"` });
    expect(await garbage.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(bridge.logLines.filter((l) => l.includes('exposure:startScan: invalid input'))).toHaveLength(2);
    expect(bridge.logLines.join('\n')).not.toContain('alice');
    expect((await api('notACall', {})).status).toBe(404);
  });

  it('persists settings in the given user data folder', async () => {
    const outputDir = path.join(base, 'out');
    expect(await (await api('setSettings', { outputDir })).json()).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, outputDir } });
    expect(await (await api('getSettings', {})).json()).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, outputDir } });
    await api('setSettings', { outputDir: null });
  });

  it('answers dialogs from the queue the test fills, and Cancel when it is empty', async () => {
    bridge.queueDialogResult(['/photos/a.jpg', '/photos/b.jpg']);
    const queued = await fetch(`${bridge.url}/test/queue-dialog`, { method: 'POST', headers: { [TOKEN_HEADER]: bridge.token }, body: JSON.stringify({ paths: [base] }) });
    expect(queued.status).toBe(200);
    expect(await (await api('choosePaths', { kind: 'files' })).json()).toEqual({ ok: true, value: { paths: ['/photos/a.jpg', '/photos/b.jpg'] } });
    expect(await (await api('chooseOutputDir', {})).json()).toEqual({ ok: true, value: { path: base } });
    expect(await (await api('choosePaths', { kind: 'folder' })).json()).toEqual({ ok: true, value: { paths: [] } });
  });

  it('records openFolder instead of opening a file manager, and opens the folder of a file', async () => {
    const file = path.join(base, 'renderer', 'index.html');
    expect(await (await api('openFolder', { path: file })).json()).toEqual({ ok: true, value: { opened: true } });
    expect(bridge.openedFolders).toEqual([path.join(base, 'renderer')]);
    expect(await (await api('openFolder', { path: path.join(base, 'missing') })).json()).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('bridge UI serving and events', () => {
  it('serves the built UI with the app CSP (connect-src self) and a cookie for its assets', async () => {
    const page = await fetch(`${bridge.url}/index.html?token=${bridge.token}`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe');
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const asset = await fetch(`${bridge.url}/assets/app.js`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${bridge.url}/../../etc/passwd`, { headers: { [TOKEN_HEADER]: bridge.token } })).status).toBe(404);
  });

  it('works through the ExposureApi client the e2e renderer installs', async () => {
    const client = createBridgeApi(bridge.url, bridge.token, {
      // A browser adds Origin to every POST; Node's fetch does not, so add it as the page would.
      fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: bridge.url } }),
      eventSource: (url) => nodeEventSource(url),
    });
    expect(await client.getSettings({})).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(await client.startScan({ paths: [] } as never)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const noToken = createBridgeApi(bridge.url, 'wrong', { eventSource: (url) => nodeEventSource(url), eventsTimeoutMs: 50 });
    expect(await noToken.getSettings({})).toMatchObject({ ok: false, error: { code: 'bridge' } });
  });

  it('streams a real scan (worker thread behind the bridge) to the client over server-sent events', async () => {
    const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus/metadata');
    const gps = path.join(corpus, 'exifsamples__DSCN0010.jpg');
    const corrupt = path.join(corpus, 'exifcleaner__corrupted.jpg');
    const client = createBridgeApi(bridge.url, bridge.token, {
      fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: bridge.url } }),
      eventSource: (url) => nodeEventSource(url),
    });
    const events: ScanEvent[] = [];
    const done = new Promise<void>((resolve) => {
      client.onScanEvent((event) => {
        events.push(event);
        if (event.type === 'done') resolve();
      });
    });
    const started = await client.startScan({ paths: [gps, corrupt], visual: false });
    expect(started.ok).toBe(true);
    await done;
    const batchId = started.ok ? started.value.batchId : '';
    expect(events.every((e) => e.batchId === batchId)).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['started', 'progress', 'file', 'progress', 'progress', 'file', 'progress', 'done']);
    const reports = events.flatMap((e) => (e.type === 'file' ? [e.report] : []));
    expect(reports[0]?.findings.some((f) => f.category === 'location' && f.severity === 'critical')).toBe(true);
    expect(reports[1]?.error?.message).toBeTruthy();
    expect(await client.cancelScan({ batchId })).toEqual({ ok: true, value: { cancelled: false } });
  });
});
