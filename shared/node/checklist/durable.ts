// Node built-ins (fs). Writing the checklist's small files so that a crash or a kill at any moment
// leaves either the old file or the new one, complete: a private temporary file, flushed to disk,
// renamed over the old one, and the folder flushed so the rename itself survives a power cut.
import * as fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot open a folder for syncing; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes bytes to a new file readable by this user only, flushed to disk, never half-written. */
export function writePrivateFile(file: string, bytes: Uint8Array): void {
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Replaces `dest` atomically; `beforeRename` runs between the flushed temporary file and the rename. */
export function replaceFileDurably(dest: string, bytes: Uint8Array, beforeRename?: () => void): void {
  const dir = path.dirname(dest);
  const tmp = path.join(dir, `.${path.basename(dest)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writePrivateFile(tmp, bytes);
    beforeRename?.();
    fs.renameSync(tmp, dest);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(dir);
}

/**
 * TEST ONLY, inert unless EXPOSURE_CHECK_TEST_CHECKPOINT names this point: says so on stderr and
 * waits, so a test can kill the process at exactly this moment of a passphrase change or import.
 */
export function checkpoint(name: string): void {
  if (process.env.EXPOSURE_CHECK_TEST_CHECKPOINT !== name) return;
  fs.writeSync(2, `checkpoint ${name}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}
