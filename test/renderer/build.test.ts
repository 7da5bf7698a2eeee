// The renderer builds: production without the test bridge and with the app's strict CSP; the e2e
// variant with the bridge client and connect-src 'self'. Neither page carries inline script or style.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');

async function buildInto(mode: 'production' | 'e2e'): Promise<{ html: string; js: string; css: string }> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), `exposure-renderer-${mode}-`));
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(REPO, 'vite.config.ts'), mode, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  try {
    const assets = readdirSync(path.join(outDir, 'assets'));
    const read = (ext: string) => assets.filter((a) => a.endsWith(ext)).map((a) => readFileSync(path.join(outDir, 'assets', a), 'utf8')).join('\n');
    return { html: readFileSync(path.join(outDir, 'index.html'), 'utf8'), js: read('.js'), css: read('.css') };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function csp(html: string): string {
  return /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
}

describe('renderer build', () => {
  it('production: no bridge, strict CSP, no inline script or style', async () => {
    const { html, js, css } = await buildInto('production');
    expect(js).toContain('Drop photos or a folder here');
    expect(js).not.toContain('x-bridge-token');
    expect(js).not.toContain('/api/events');
    expect(csp(html)).toContain("script-src 'self'");
    expect(csp(html)).toContain("style-src 'self'");
    expect(csp(html)).toContain("connect-src 'none'");
    // Videos load from the app's media scheme alone, never file: or http:.
    expect(csp(html)).toContain('media-src app-media:;');
    expect(csp(html)).not.toContain('unsafe');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).toMatch(/src="\.\/assets\/[^"]+\.js"/);
    expect(css).toMatch(/prefers-color-scheme:\s*dark/);
  }, 120_000);

  it('e2e: installs the bridge client and may fetch its own origin', async () => {
    const { html, js } = await buildInto('e2e');
    expect(js).toContain('x-bridge-token');
    expect(csp(html)).toContain("connect-src 'self'");
    expect(csp(html)).toContain('media-src http://127.0.0.1:*;');
    expect(csp(html)).not.toContain('unsafe');
  }, 120_000);
});
