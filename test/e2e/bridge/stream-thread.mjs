// Worker-thread entry for the test bridge's stream worker: runs electron/stream-worker.ts through
// tsx (see scan-thread.mjs for why a loader file).
import { tsImport } from 'tsx/esm/api';

await tsImport('../../../electron/stream-worker.ts', import.meta.url);
