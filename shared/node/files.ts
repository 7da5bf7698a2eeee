// Node built-ins: finding the photos a user pointed at, reading them safely, and writing new
// files atomically without ever overwriting what the user owns.
import fsSync, { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ExposureError } from '../errors.js';
import { CLEAN_SUFFIX, MAX_FILE_BYTES } from '../limits.js';

/** Extensions a folder scan picks up. Files named explicitly are always tried, whatever their name. */
export const IMAGE_EXTENSIONS = new Set([
  '.jpg', '.jpeg', '.jpe', '.jfif', '.mpo', '.png', '.apng', '.webp', '.heic', '.heif', '.hif',
  '.avif', '.tif', '.tiff', '.btf', '.gif', '.jxl', '.jp2',
  // Videos: MP4, QuickTime, iTunes and 3GPP containers.
  '.mp4', '.mov', '.qt', '.m4v', '.3gp', '.3g2',
]);

/** `root`: the folder named by the user that the file was found in (absent for files named directly). */
export type FoundFile = { path: string; root?: string; error?: undefined } | { path: string; root?: string; error: ExposureError };

/** Devices, pipes and sockets: opening one to read can wait forever, so they are never opened. */
export const NOT_REGULAR = (): ExposureError =>
  new ExposureError('unreadable', 'This is not a regular file (it is a pipe, a device or a socket), so it was skipped.');

export interface CollectOptions {
  /** Leave out files whose name already carries this suffix (our own safe copies). */
  skipSuffix?: string;
}

function isImageName(name: string): boolean {
  return IMAGE_EXTENSIONS.has(path.extname(name).toLowerCase());
}

/**
 * Expands files and folders (recursively, following links) into image files, in a stable order.
 * Problems (missing path, permission, a link loop) come out as entries with an error, so the
 * batch goes on.
 */
export async function* collectImageFiles(inputs: readonly string[], options: CollectOptions = {}): AsyncGenerator<FoundFile> {
  const seenFiles = new Set<string>();
  for (const input of inputs) {
    const abs = path.resolve(input);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (err) {
      yield { path: abs, error: fileError(err, abs) };
      continue;
    }
    if (stat.isDirectory()) {
      yield* walkFolder(abs, abs, new Set(), seenFiles, options);
    } else if (!stat.isFile()) {
      yield { path: abs, error: NOT_REGULAR() };
    } else if (!seenFiles.has(abs)) {
      seenFiles.add(abs);
      yield { path: abs };
    }
  }
}

/**
 * The order of localeCompare, with the collator made once (localeCompare makes one per call), on
 * first use: making it loads the locale's data (about 12 ms), which a single photo named on the
 * command line or a cleaning thread never needs.
 */
let byName: Intl.Collator | null = null;

async function* walkFolder(root: string, dir: string, ancestors: Set<string>, seenFiles: Set<string>, options: CollectOptions): AsyncGenerator<FoundFile> {
  let real: string;
  try {
    real = await fs.realpath(dir);
  } catch (err) {
    yield { path: dir, error: fileError(err, dir) };
    return;
  }
  if (ancestors.has(real)) {
    yield {
      path: dir, root,
      error: new ExposureError('unreadable', 'This folder is a shortcut back into a folder already being checked (a loop), so it was skipped.'),
    };
    return;
  }
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    yield { path: dir, error: fileError(err, dir) };
    return;
  }
  const collator = (byName ??= new Intl.Collator());
  entries.sort((a, b) => collator.compare(a.name, b.name));
  const inside = new Set(ancestors).add(real);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await fs.stat(full);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch (err) {
        if (isImageName(entry.name)) yield { path: full, root, error: fileError(err, full) };
        continue;
      }
    }
    if (isDir) {
      yield* walkFolder(root, full, inside, seenFiles, options);
    } else if (isImageName(entry.name) && !isFile) {
      yield { path: full, root, error: NOT_REGULAR() };
    } else if (isFile && isImageName(entry.name)) {
      if (options.skipSuffix && path.parse(entry.name).name.endsWith(options.skipSuffix)) continue;
      if (seenFiles.has(full)) continue;
      seenFiles.add(full);
      yield { path: full, root };
    }
  }
}

export function fileError(err: unknown, _path: string): ExposureError {
  if (err instanceof ExposureError) return err;
  const code = (err as { code?: string } | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new ExposureError('not-found', 'This file or folder does not exist (it may have been moved or deleted).', { cause: err });
    case 'EACCES':
    case 'EPERM':
      return new ExposureError('unreadable', 'You do not have permission to open this file or folder.', { cause: err });
    case 'ELOOP':
      return new ExposureError('unreadable', 'This path is a loop of shortcuts (symbolic links), so it was skipped.', { cause: err });
    case 'EISDIR':
      return new ExposureError('unreadable', 'This is a folder, not a photo.', { cause: err });
    case 'ENOSPC':
      return new ExposureError('disk-full', 'The disk is full: free some space and try again.', { cause: err });
    case 'EROFS':
      return new ExposureError('write-failed', 'This place is read-only: choose another folder for the safe copies.', { cause: err });
    default:
      return new ExposureError('unreadable', `This file could not be read (${code ?? 'unknown error'}).`, { cause: err });
  }
}

/**
 * Reads a whole file after checking it is a regular, non-empty file of sane size.
 *
 * The file calls are synchronous on purpose: photos are read one at a time in a worker process (or
 * the CLI), where a dozen small promise-based calls per file cost more than the cleaning itself.
 */
export async function readPhoto(file: string): Promise<Uint8Array> {
  return (await readChecked(file, (size) => new Uint8Array(size), null, readBodyHere))!;
}

/** How many first bytes `readPhotoUnless` shows its `skip` test (enough to tell a video from a photo). */
export const HEAD_BYTES = 64;

/**
 * Reads a whole photo as `readPhoto` does, unless `skip` says yes to its first bytes (a video,
 * which is never read whole): then null, after one open instead of two.
 */
export async function readPhotoUnless(file: string, skip: (head: Uint8Array) => boolean, buffer?: ReadBuffer, inBackground = false): Promise<Uint8Array | null> {
  return buffer ? buffer.readUnless(file, skip, inBackground) : readChecked(file, (size) => new Uint8Array(size), skip, inBackground ? readBodyInBackground : readBodyHere);
}

/** Reads the first `size` bytes of an open file into `buf`; how many there were. */
type ReadBody = (fd: number, buf: Uint8Array, size: number) => number | Promise<number>;

/** On this thread, in one system call for most files. */
const readBodyHere: ReadBody = (fd, buf, size) => {
  let n = 0;
  for (let r; n < size && (r = fsSync.readSync(fd, buf, n, size - n, n)) > 0; ) n += r;
  return n;
};

/**
 * On one of libuv's threads, so this thread cleans another photo meanwhile (a batch keeps a few
 * photos in flight: the copying of bytes runs on the other core).
 */
const readBodyInBackground: ReadBody = async (fd, buf, size) => {
  let n = 0;
  for (let r; n < size && (r = await new Promise<number>((resolve, reject) => fsSync.read(fd, buf, n, size - n, n, (err, got) => (err ? reject(err) : resolve(got))))) > 0; ) n += r;
  return n;
};

/**
 * One buffer that photos are read into one after the other: each `read` overwrites what the
 * previous one returned, so it is for a caller that is done with a photo's bytes before it reads
 * the next (the command line writing safe copies). A new buffer for every photo costs more than
 * cleaning it: the memory is faulted in page by page and collected later.
 */
export class ReadBuffer {
  private buf: Uint8Array | null = null;

  constructor(private readonly keepUpTo = 64 * 1024 * 1024) {}

  /** As readPhotoUnless: null when `skip` says yes to the file's first bytes. */
  readUnless(file: string, skip: ((head: Uint8Array) => boolean) | null, inBackground = false): Promise<Uint8Array | null> {
    return readChecked(file, (size) => {
      if (this.buf && this.buf.length >= size) return this.buf;
      // Grown in powers of two from 1 MB, so a batch of growing photos reallocates a few times only;
      // a photo larger than `keepUpTo` gets a buffer of its own that is not kept.
      const grown = Math.max(1 << 20, 2 ** Math.ceil(Math.log2(size)));
      if (grown > this.keepUpTo) return new Uint8Array(size);
      this.buf = new Uint8Array(grown);
      return this.buf;
    }, skip, inBackground ? readBodyInBackground : readBodyHere);
  }
}

async function readChecked(file: string, bufferFor: (size: number) => Uint8Array, skip: ((head: Uint8Array) => boolean) | null, readBody: ReadBody): Promise<Uint8Array | null> {
  let fd: number | undefined;
  try {
    const opened = openRegularFile(file);
    fd = opened.fd;
    if (skip) {
      const head = new Uint8Array(Math.min(HEAD_BYTES, opened.size));
      const got = fsSync.readSync(fd, head, 0, head.length, 0);
      if (skip(head.subarray(0, got))) return null;
    }
    if (opened.size > MAX_FILE_BYTES) {
      throw new ExposureError('too-large', `This file is too large to check safely (${Math.round(opened.size / 1048576)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB).`);
    }
    const buf = bufferFor(opened.size);
    // Up to the size the file had when opened: a file that grows meanwhile is read as it was.
    const n = await readBody(fd, buf, opened.size);
    if (n === 0) throw new ExposureError('empty', 'This file is empty (0 bytes): there is no photo in it.');
    return buf.subarray(0, n);
  } catch (err) {
    throw fileError(err, file);
  } finally {
    if (fd !== undefined) fsSync.closeSync(fd);
  }
}

/**
 * Opens a regular, non-empty file for reading. Checked before opening: opening a pipe to read
 * waits until something writes to it. The open is non-blocking as well, for a file swapped for a
 * pipe in between. The caller closes the descriptor.
 */
export function openRegularFile(file: string): { fd: number; size: number } {
  const before = fsSync.statSync(file);
  if (before.isDirectory()) throw new ExposureError('unreadable', 'This is a folder, not a photo or video.');
  if (!before.isFile()) throw NOT_REGULAR();
  const fd = fsSync.openSync(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  try {
    const stat = fsSync.fstatSync(fd);
    if (!stat.isFile()) throw NOT_REGULAR();
    if (stat.size === 0) throw new ExposureError('empty', 'This file is empty (0 bytes): there is no photo in it.');
    return { fd, size: stat.size };
  } catch (err) {
    fsSync.closeSync(fd);
    throw err;
  }
}

/**
 * Writes `bytes` (or pieces written in order) to `dest` atomically: a temporary file in the same
 * folder, then moved into place. Without `overwrite`, an existing `dest` is never replaced
 * (hard-link, which fails if the name exists, instead of rename).
 */
/**
 * `write` writes the content itself to the open file (a large video copied in pieces).
 * `inBackground`: the bytes are written on one of libuv's threads (see readPhotoUnless).
 */
export async function writeFileAtomic(dest: string, bytes: Uint8Array | readonly Uint8Array[] | { write: (fd: number) => void }, overwrite = false, inBackground = false): Promise<void> {
  const dir = path.dirname(dest);
  // Unique within this process by the counter, across processes by the pid; "wx" refuses a name in use.
  let tmp = '';
  let fd: number | undefined;
  try {
    for (let attempt = 0; fd === undefined; attempt++) {
      tmp = path.join(dir, `.${path.basename(dest)}.${process.pid}-${(tmpCounter++).toString(36)}.tmp`);
      try {
        fd = fsSync.openSync(tmp, 'wx', 0o644);
      } catch (err) {
        // A leftover from a crashed run of the same pid: take the next name.
        if ((err as { code?: string }).code !== 'EEXIST' || attempt > 100) { tmp = ''; throw err; }
      }
    }
    if ('write' in bytes) bytes.write(fd);
    else await writeAll(fd, bytes instanceof Uint8Array ? [bytes] : bytes, inBackground ? writevInBackground : fsSync.writevSync);
    // No fsync: the original is never touched, so a crash can at worst leave an incomplete copy,
    // and syncing every copy would make batches several times slower.
    fsSync.closeSync(fd);
    fd = undefined;
    if (overwrite) {
      fsSync.renameSync(tmp, dest);
    } else {
      try {
        fsSync.linkSync(tmp, dest);
      } catch (err) {
        if ((err as { code?: string }).code === 'EEXIST') {
          throw new ExposureError('exists', `A file named ${path.basename(dest)} already exists there and was left untouched.`);
        }
        throw err;
      }
      fsSync.unlinkSync(tmp);
    }
  } catch (err) {
    if (fd !== undefined) fsSync.closeSync(fd);
    try {
      if (tmp) fsSync.unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw fileError(err, dest);
  }
}

let tmpCounter = 0;

const writevInBackground = (fd: number, parts: Uint8Array[]): Promise<number> =>
  new Promise((resolve, reject) => fsSync.writev(fd, parts, (err, n) => (err ? reject(err) : resolve(n))));

/**
 * Pieces that follow each other in one buffer, joined into one view (no bytes copied): the pieces a
 * JPEG keeps mostly do, and a damaged file can have tens of thousands of them.
 */
function joinNeighbours(parts: readonly Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  // The run being joined: its first piece and where it ends (one view made per run, not per piece).
  let first: Uint8Array | null = null;
  let end = 0;
  const close = (): void => {
    if (first) out.push(end === first.byteOffset + first.length ? first : new Uint8Array(first.buffer, first.byteOffset, end - first.byteOffset));
  };
  for (const p of parts) {
    if (p.length === 0) continue;
    if (first && first.buffer === p.buffer && end === p.byteOffset) {
      end += p.length;
      continue;
    }
    close();
    first = p;
    end = p.byteOffset + p.length;
  }
  close();
  return out;
}

/** Writes pieces with as few system calls as the kernel allows, finishing short writes. */
async function writeAll(fd: number, parts: readonly Uint8Array[], writev: (fd: number, parts: Uint8Array[]) => number | Promise<number>): Promise<void> {
  let pending = joinNeighbours(parts);
  while (pending.length > 0) {
    let written = await writev(fd, pending.slice(0, 1024));
    const rest: Uint8Array[] = [];
    for (const p of pending) {
      if (written >= p.length) { written -= p.length; continue; }
      rest.push(written > 0 ? p.subarray(written) : p);
      written = 0;
    }
    pending = rest;
  }
}

/** `photo.jpg` → `photo.clean.jpg` (in `outDir` when given, else beside the original). */
export function safeCopyPath(original: string, extension: string, suffix: string, outDir?: string | null): string {
  const { dir, name } = path.parse(original);
  return path.join(outDir ? path.resolve(outDir) : dir, `${name}${suffix}.${extension}`);
}

/**
 * Photos whose safe copies could ever take the same name share this key, so batches cleaned side
 * by side keep each key's photos on one thread, in order, and the numbered names come out as they
 * would one after the other. A copy's name is its stem (up to the first '.'), a numbered name adds
 * "-2", "-3"... to the stem (`unclaimedPath`), so the key is the output folder and the stem without
 * such endings, case folded; names that start with a dot all share one key.
 */
export function copyNameKey(file: string, outDir: string | null | undefined, suffix = CLEAN_SUFFIX): string {
  const folder = outDir ? path.resolve(outDir) : path.dirname(path.resolve(file));
  const named = `${path.parse(file).name}${suffix}`;
  const dot = named.indexOf('.');
  const stem = dot === 0 ? '.' : dot < 0 ? named : named.slice(0, dot);
  return `${folder}${path.sep}${stem.replace(/(-[1-9]\d*)+$/, '')}`.toLowerCase();
}

export async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    // Usually `a` (the copy's name) does not exist yet: told without building an error for it.
    const sa = fsSync.statSync(a, { throwIfNoEntry: false });
    if (!sa) return false;
    const sb = fsSync.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}
