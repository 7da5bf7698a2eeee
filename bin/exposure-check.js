#!/usr/bin/env node
// The command-line front end. The TypeScript sources are compiled by `npm install` (the
// "prepare" script) into dist/ and bundled into dist/cli-bundle/ (one file loads much faster
// than a hundred modules: scripts/build-cli.mjs); this file only hands over to them.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli-bundle/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('exposure-check is not built yet: run `npm install` (or `npm run build:node`) in the project folder first.\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
