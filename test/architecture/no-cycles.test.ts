// No module imports itself back through others: a cycle makes load order decide what is defined,
// and it is the first sign that two jobs have grown into one. dpdm reads the import graph,
// type-only imports included.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');

async function cycles(cwd: string, entries: string[]): Promise<string[][]> {
  const tree = await parseDependencyTree(entries, {
    context: cwd,
    cwd,
    tsconfig: path.join(cwd, 'tsconfig.json'),
    transform: false,
    skipDynamicImports: false,
    exclude: /node_modules/,
  });
  return parseCircular(tree);
}

describe('imports', () => {
  it('form no cycle in shared/, cli/, electron/, renderer/ and bench/', async () => {
    const found = await cycles(REPO, ['shared/**/*.ts', 'cli/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.{ts,tsx}', 'bench/**/*.ts']);
    expect(found.map((c) => c.join(' -> '))).toEqual([]);
  }, 120_000);

  it('a cycle is caught (the check itself works)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cycles-'));
    try {
      writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b.js';\nexport const a = () => b;\n");
      writeFileSync(path.join(dir, 'b.ts'), "import type { a } from './a.js';\nexport const b = 1 as unknown as typeof a;\n");
      writeFileSync(path.join(dir, 'c.ts'), "export const c = 1;\n");
      // As in the repository: `./b.js` names b.ts (NodeNext resolution).
      writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }));
      const found = await cycles(dir, ['*.ts']);
      expect(found).toHaveLength(1);
      expect([...found[0]!].map((f) => path.basename(f)).sort()).toEqual(['a.ts', 'b.ts']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
