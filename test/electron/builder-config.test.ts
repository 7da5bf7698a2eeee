// electron-builder.yml cannot be run here (no Electron binary), so check what it promises:
// it matches electron-builder's own schema, builds the four installers, rebuilds native modules,
// flips the security fuses, unpacks native and wasm files, and ships no tests.
import { readFileSync } from 'node:fs';
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
});
