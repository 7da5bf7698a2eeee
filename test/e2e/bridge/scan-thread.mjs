// Worker-thread entry for the test bridge: runs the TypeScript file worker (electron/scan-worker.ts)
// through tsx, so the bridge exercises the current sources without a build step. `--import tsx`
// in a worker's execArgv is not honoured on Node 20, hence this loader.
import { tsImport } from 'tsx/esm/api';

await tsImport('../../../electron/scan-worker.ts', import.meta.url);
