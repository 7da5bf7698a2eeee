// Bundles the Electron shell with esbuild into dist/electron/:
//   main.cjs        the main process (electron/main.ts)
//   preload.cjs     the sandboxed preload: fully self-contained, since a sandboxed preload cannot
//                   require local files or packages (only `electron` stays external)
//   scan-worker.cjs the photo worker (utilityProcess), same externals as main
//   stream-worker.cjs the stream worker (utilityProcess): the room scan and the live guard's frames
//   reader-worker.cjs the readers' own thread (text by PaddleOCR, QR codes and barcodes by zxing),
//                   started by the scan worker so they run beside the TF.js models
// Native modules, wasm and model packages stay external: they are loaded from node_modules at run
// time (and unpacked from the asar by electron-builder), never inlined.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_EXTERNALS } from './node-externals.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--outdir DIR` is for tests; the app always loads dist/electron (package.json "main").
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = path.resolve(root, outdirFlag > 0 ? process.argv[outdirFlag + 1] ?? '' : 'dist/electron');

export { NODE_EXTERNALS };

// ESM sources use import.meta.url (e.g. createRequire to find model files); in a CJS bundle it
// becomes the bundle's own file URL, so package lookups start from dist/electron.
const importMetaShim = {
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
};

const common = {
  bundle: true,
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
  absWorkingDir: root,
};

await Promise.all([
  build({
    ...common,
    ...importMetaShim,
    platform: 'node',
    entryPoints: { main: 'electron/main.ts', 'scan-worker': 'electron/scan-worker.ts', 'stream-worker': 'electron/stream-worker.ts', 'reader-worker': 'shared/visual/engine/readers/reader-worker.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    external: NODE_EXTERNALS,
  }),
  build({
    ...common,
    // Sandboxed preloads get a small browser-like environment with `require('electron')` only.
    platform: 'browser',
    // The contract (and so zod) comes along; minified it is ~450 kB, read once from disk.
    minify: true,
    entryPoints: { preload: 'electron/preload.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    external: ['electron'],
  }),
]);
console.log(`Built the Electron shell into ${path.relative(process.cwd(), outdir) || '.'}`);
