// Builds the renderer. Production: renderer/index.html -> dist/renderer, talking to main only through
// the preload's `window.exposure`. E2E (`vite build --mode e2e`): the same app into
// dist/renderer-e2e, whose entry first installs the test-only loopback bridge client as
// `window.exposure`; the bridge client never enters the production bundle.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));

/** In e2e mode, swap the entry script and let the page fetch its own origin (the bridge) and load videos from it. */
function e2eEntry(): Plugin {
  return {
    name: 'exposure-e2e-entry',
    // 'pre': before Vite reads the entry script out of the page.
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => html.replace('./main.tsx', './e2e/main-with-bridge.ts').replace("connect-src 'none'", "connect-src 'self'")
          // The bridge serves videos from a second loopback port (known at run time): its CSP
          // header names that one origin; this meta only may not be stricter than the header.
          .replace('media-src app-media:', 'media-src http://127.0.0.1:*'),
    },
  };
}

export default defineConfig(({ mode }) => {
  const e2e = mode === 'e2e';
  return {
    root: path.join(repoRoot, 'renderer'),
    base: './',
    plugins: [react(), ...(e2e ? [e2eEntry()] : [])],
    build: {
      outDir: path.join(repoRoot, e2e ? 'dist/renderer-e2e' : 'dist/renderer'),
      emptyOutDir: true,
      // The polyfill would be inlined; the CSP forbids inline script, and Chromium needs none.
      modulePreload: { polyfill: false },
      // Keep fonts/images as files: data: fonts and inline assets are not needed under our CSP.
      assetsInlineLimit: 0,
      sourcemap: false,
    },
  };
});
