// Runs the real scan (metadata + visual) in plain Node and prints the FileReport as JSON. The
// component tests run under jsdom, where the visual stack's libraries take their browser paths
// (tesseract.js workers, canvas), so visual reports are produced here, in a child process.
import { scanFile } from '../../shared/node/batch.js';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: scan-in-node.mts PHOTO');
const report = await scanFile(file, { visual: true });
process.stdout.write(JSON.stringify(report));
// The models keep worker threads alive; the report is out, so end here.
process.exit(0);
