// The checklist's key stays in the main process: the process that parses untrusted files (the
// scan worker), the renderer and the preload cannot even load the code that derives, unwraps or
// uses it (shared/node/checklist/: Argon2id, AES-GCM unwrap, SQLCipher), nor the matcher that
// holds the stored values. Read from the real import graph (dpdm), dynamic imports included.
import path from 'node:path';
import { parseDependencyTree } from 'dpdm';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');

/** Every repository file the entry can load, and every package it imports. */
async function reach(entry: string): Promise<{ files: string[]; packages: string[] }> {
  const tree = await parseDependencyTree([entry], {
    context: REPO,
    cwd: REPO,
    tsconfig: path.join(REPO, 'tsconfig.json'),
    transform: false,
    skipDynamicImports: false,
    exclude: /node_modules/,
  });
  const deps = Object.values(tree).flatMap((d) => d ?? []);
  return { files: Object.keys(tree), packages: [...new Set(deps.filter((d) => d.id === null || /node_modules/.test(d.id ?? '')).map((d) => d.request))] };
}

const KEY_CODE = /^shared\/node\/checklist\/|^shared\/checklist\/(matcher|apply|normalize)\.ts$/;
const KEY_PACKAGES = ['better-sqlite3-multiple-ciphers', '@node-rs/argon2'];

describe('where the checklist key can live', () => {
  it('the main process loads the store, its key code and the matcher (so the check below can fail)', async () => {
    const main = await reach('electron/main.ts');
    expect(main.files).toEqual(expect.arrayContaining(['shared/node/checklist/keys.ts', 'shared/node/checklist/database.ts', 'shared/checklist/matcher.ts']));
    expect(main.packages).toEqual(expect.arrayContaining(KEY_PACKAGES));
  }, 120_000);

  for (const entry of ['electron/scan-worker.ts', 'renderer/main.tsx', 'electron/preload.ts']) {
    it(`${entry} cannot load the key code, the store or the stored values`, async () => {
      const { files, packages } = await reach(entry);
      expect(files.length).toBeGreaterThan(3);
      expect(files.filter((f) => KEY_CODE.test(f))).toEqual([]);
      expect(packages.filter((p) => KEY_PACKAGES.includes(p))).toEqual([]);
    }, 120_000);
  }
});
