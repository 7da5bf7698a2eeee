// Bundles the command line with esbuild into dist/cli-bundle/, which bin/exposure-check.js runs.
// Why: loading the ~100 compiled modules of a metadata-only clean one by one (resolve, read,
// compile, link each) cost more start-up time than cleaning a hundred photos; one file loads in a
// fraction of that. What only some commands need (the picture checks and their models, sharp and
// libheif, the report's browser, the cover schema) is split into chunks loaded on first use, and
// the packages with native code, wasm or model files stay external, loaded from node_modules.
// clean-thread.js and reader-worker.js are built beside the chunks: they are started from there.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_EXTERNALS } from './node-externals.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const outdir = path.join(root, 'dist/cli-bundle');
// Chunk names carry a hash: old chunks would pile up.
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: 'cli/main.ts', 'clean-thread': 'shared/node/clean-thread.ts', 'reader-worker': 'shared/visual/engine/readers/reader-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  external: [...NODE_EXTERNALS, 'playwright-core'],
});
