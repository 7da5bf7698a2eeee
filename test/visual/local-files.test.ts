// Model and wasm folders resolve to real files: in the packaged app, to the unpacked copy beside
// app.asar; elsewhere, to the installed package.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HUMAN_MODELS_DIR, TFJS_WASM_DIR, outsideAsar } from '../../shared/visual/engine/local-files.js';

const root = mkdtempSync(path.join(tmpdir(), 'exposure-asar-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('outsideAsar', () => {
  it('maps a path inside app.asar to its unpacked copy when that exists', () => {
    const unpackedDir = path.join(root, 'resources', 'app.asar.unpacked', 'node_modules', 'pkg');
    mkdirSync(unpackedDir, { recursive: true });
    writeFileSync(path.join(unpackedDir, 'model.bin'), 'x');
    const inAsar = path.join(root, 'resources', 'app.asar', 'node_modules', 'pkg', 'model.bin');
    expect(outsideAsar(inAsar)).toBe(path.join(unpackedDir, 'model.bin'));
  });

  it('leaves packed-only files and ordinary paths alone', () => {
    const packedOnly = path.join(root, 'resources', 'app.asar', 'node_modules', 'other', 'index.js');
    expect(outsideAsar(packedOnly)).toBe(packedOnly);
    expect(outsideAsar('/home/someone/app.asarx/file')).toBe('/home/someone/app.asarx/file');
  });

  it('finds the real model and wasm folders of this checkout', () => {
    expect(existsSync(path.join(HUMAN_MODELS_DIR(), 'centernet.json'))).toBe(true);
    expect(existsSync(path.join(TFJS_WASM_DIR(), 'tfjs-backend-wasm.wasm'))).toBe(true);
  });
});
