// The renderer as users get it (React's production build, not the test-mode one vitest's NODE_ENV
// picks), built for the E2E bridge into its own folder: the E2E files build at the same time.
import path from 'node:path';
import { build } from 'vite';

const REPO = path.resolve(import.meta.dirname, '../../..');

export async function buildRendererForE2e(outDir: string): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(REPO, 'vite.config.ts'), mode: 'e2e', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
