// The real file layer the file worker serves: the app's utilityProcess, the test bridge's thread
// and the in-process worker of the tests all run exactly these.
import { cleanFile, readEmbeddedImage, scanPaths } from '../../shared/node/batch.js';
import { makePreview } from '../../shared/node/preview.js';
import { reportPhotoForChecked } from '../../shared/node/report-photo.js';
import { checkWindowFrame } from '../../shared/node/video-report.js';
import { CHECKLIST_FILE_OPS } from '../../shared/node/evidence.js';
import type { FileOps } from './serve.js';

export const FILE_OPS: FileOps = { scanPaths, cleanFile, readEmbeddedImage, makePreview, reportPhoto: reportPhotoForChecked, checkVideoFrame: checkWindowFrame, ...CHECKLIST_FILE_OPS };
