import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Components opt into jsdom with a `// @vitest-environment jsdom` comment.
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // 2 cores: real photos and wasm models are heavy, so keep parallelism modest.
    maxWorkers: 2,
  },
});
