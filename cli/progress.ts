// Node built-ins: a one-line progress indicator on stderr for batches, so a long run never looks
// stuck. On a terminal the line is redrawn in place; elsewhere (logs, CI) one line per file.
import * as path from 'node:path';
import { escapeName } from './format.js';

interface ProgressIo {
  stderr: (s: string) => void;
  stderrIsTTY: boolean;
}

export function createProgress(io: ProgressIo, total: number, verb: string) {
  const enabled = total > 1;
  let drawn = false;
  return {
    update(index: number, file: string) {
      if (!enabled) return;
      // A file name can hold escape sequences, new lines or direction marks: shown escaped.
      const line = `${verb} ${index + 1}/${total}: ${escapeName(path.basename(file))}`;
      if (io.stderrIsTTY) {
        io.stderr(`\r\x1b[K${line.slice(0, 100)}`);
        drawn = true;
      } else {
        io.stderr(`${line}\n`);
      }
    },
    done() {
      if (!enabled) return;
      if (drawn) io.stderr('\r\x1b[K');
      io.stderr(`${verb} done: ${total} file${total === 1 ? '' : 's'}.\n`);
    },
  };
}
