// The file layer over the pure engine, for the shells (CLI, app worker, bench): scanning in
// scan-file.ts, writing safe copies in clean-file.ts.
export { scanFile, scanPaths, readEmbeddedImage, type BatchItem, type ScanOptions } from './scan-file.js';
export { cleanFile, type CleanOptions } from './clean-file.js';
