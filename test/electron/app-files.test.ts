// Serving the built UI (app:// in the app, the loopback bridge in E2E): only files under the build
// folder, each with the CSP header and the right type.
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveAppFile, serveAppFile } from '../../electron/app-files.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/security.js';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'exposure-app-files-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Exposure Check</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(base, 'secret.txt'), 'outside the build');
  await symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('resolveAppFile', () => {
  it('maps / to the entry page and keeps every path inside the root', () => {
    expect(resolveAppFile('/r', '/')).toBe(path.resolve('/r/index.html'));
    expect(resolveAppFile('/r', '/assets/app.js')).toBe(path.resolve('/r/assets/app.js'));
    for (const evil of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/a%00.js', '/%E0%A4%A']) {
      expect(resolveAppFile('/r', evil), evil).toBeNull();
    }
  });

  it('names the content types the UI needs', () => {
    expect(mimeTypeFor('a.html')).toMatch(/^text\/html/);
    expect(mimeTypeFor('a.js')).toMatch(/^text\/javascript/);
    expect(mimeTypeFor('a.css')).toMatch(/^text\/css/);
    expect(mimeTypeFor('a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});

describe('serveAppFile', () => {
  it('serves a real file with its type and the CSP header', async () => {
    const res = await serveAppFile(root, '/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(new TextDecoder().decode(res.body)).toBe('console.log(1)');
  });

  it('answers 404, still with the CSP, for missing files, escapes and symlinks leading out', async () => {
    for (const p of ['/missing.js', '/../secret.txt', '/assets/link.txt']) {
      const res = await serveAppFile(root, p);
      expect(res.status, p).toBe(404);
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(new TextDecoder().decode(res.body)).not.toContain('outside the build');
    }
  });
});
