// Uses Node built-ins (fs, path). Serves the built renderer (dist/renderer) to the app:// protocol
// in Electron and to the test-only loopback bridge, with one path check and one set of headers,
// so both shells load exactly the same files under the same Content-Security-Policy.
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY, securityHeaders } from './security.js';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path ("/assets/app.js") to a file inside `rootDir`, or null when it would leave it.
 * "/" is the entry page. Encoded separators and dot segments cannot escape: the decoded path is
 * resolved and must stay under the root (the real path is checked again when the file is read).
 */
export function resolveAppFile(rootDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

export interface AppFileResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

function textResponse(status: number, text: string, csp: string): AppFileResponse {
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders(csp) },
    body: new TextEncoder().encode(text),
  };
}

export function notFoundResponse(csp: string = CONTENT_SECURITY_POLICY): AppFileResponse {
  return textResponse(404, 'Not found', csp);
}

/** Reads one file of the UI for a request path; every response carries the CSP header. */
export async function serveAppFile(rootDir: string, urlPath: string, csp: string = CONTENT_SECURITY_POLICY): Promise<AppFileResponse> {
  const file = resolveAppFile(rootDir, urlPath);
  if (file === null) return textResponse(404, 'Not found', csp);
  try {
    // A symlink inside the build output must not lead outside it either.
    const [realRoot, realFile] = await Promise.all([realpath(rootDir), realpath(file)]);
    if (!realFile.startsWith(realRoot + path.sep)) return textResponse(404, 'Not found', csp);
    const body = await readFile(realFile);
    return {
      status: 200,
      headers: { 'content-type': mimeTypeFor(realFile), 'cache-control': 'no-cache', ...securityHeaders(csp) },
      body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
    };
  } catch {
    return textResponse(404, 'Not found', csp);
  }
}
