// Node built-ins: writes the safe copy of one file, never over the original, after checking the
// copy's bytes in memory (its metadata sections and trailer are read again; the compressed
// picture is not decoded again, and nothing is read back from disk). What the copy covers, and
// the re-check of the copy's picture, are clean/safe-copy.ts's.
import * as path from 'node:path';
import { mkdirSync } from 'node:fs';
import { makeSafeCopy, metadataOnlyCheck, type SafeCopyOptions } from '../clean/safe-copy.js';
import { ExposureError, toUserError } from '../errors.js';
import { blocksPosting, type Finding, type ImageFormat, type VideoFormat } from '../findings.js';
import { detectFormat, detectVideoFormat } from '../formats.js';
import { CLEAN_SUFFIX } from '../limits.js';
import { scanMetadata } from '../metadata/index.js';
import type { CopyRecheck } from '../copy-check.js';
import type { CleanReport } from '../report.js';
import { readPhotoUnless, safeCopyPath, sameFile, writeFileAtomic, type ReadBuffer } from './files.js';
import { recallScan } from './scan-memory.js';

export interface CleanOptions extends SafeCopyOptions {
  outDir?: string | null;
  suffix?: string;
  /** Replace an existing safe copy of the same name. The original is never replaced. */
  force?: boolean;
  /**
   * Copies already written by this run: each copy's absolute path and the original it was made
   * from. A copy whose name was taken by another photo's copy gets a numbered name
   * ("photo-2.clean.jpg") instead of replacing it, even with `force`: two photos of the same name
   * from different folders must not end as one file. A photo's own earlier copy may be replaced.
   */
  written?: Map<string, string>;
  /**
   * Read the photo into this buffer, reused from one photo to the next (the command line). The
   * lossless cleaners are synchronous and the copy is written before cleanFile returns, so the
   * bytes are not needed after; the slower paths (decoding, covering) take a copy of their own.
   */
  readBuffer?: ReadBuffer;
  /** Videos: set the recording dates in the video header to zero (kept by default). */
  clearDates?: boolean;
  /**
   * Return what the copy's check was judged from (`recheck`), text read included: for the app's
   * main process, which judges the copy again with the exposure checklist and then drops it.
   */
  withRecheck?: boolean;
  /** Output folders this run has already made (each is made once, not once per copy). */
  folders?: Set<string>;
  /**
   * Read the photo and write its copy on libuv's threads, so this thread can clean another photo
   * meanwhile (the command line's batch keeps a few in flight; see clean-groups.ts).
   */
  inBackground?: boolean;
}

/** Makes the output folder (and its parents) unless this run already did. */
function makeFolder(outDir: string | null | undefined, made: Set<string> | undefined): void {
  if (!outDir) return;
  const folder = path.resolve(outDir);
  if (made?.has(folder)) return;
  mkdirSync(folder, { recursive: true });
  made?.add(folder);
}

/** A clean report, with what its copy's check was judged from when `withRecheck` asked for it. */
export type CleanResult = CleanReport & { recheck?: CopyRecheck };

/** Formats cleaned by a synchronous function over the bytes (nothing else reads them later). */
const SYNCHRONOUS_CLEANERS = new Set<ImageFormat>(['jpeg', 'png', 'webp', 'gif', 'jxl']);

/** Other names of the same kind of file: a lossless copy of photo.heif stays photo.clean.heif. */
const SAME_KIND: Record<string, readonly string[]> = { heic: ['heic', 'heif', 'hif'] };

/** The copy's extension: the original's own when it names the same kind of file, else the cleaner's. */
function ownExtension(file: string, extension: string): string {
  const own = path.extname(file).slice(1).toLowerCase();
  return SAME_KIND[extension]?.includes(own) ? own : extension;
}

/** What a safe copy must not contain: every medium-or-worse finding except the file's own name. */
function remainingLeaks(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.source === 'metadata' && blocksPosting(f));
}

export async function cleanFile(file: string, options: CleanOptions = {}): Promise<CleanResult> {
  const report: CleanResult = { path: file, format: null, reencoded: false, removed: [], kept: [] };
  try {
    // One open: the first bytes tell a video (cleaned from the file in place) from a photo (read whole).
    const sniffed: { video: VideoFormat | null } = { video: null };
    let bytes = await readPhotoUnless(file, (head) => (sniffed.video = detectVideoFormat(head)) !== null, options.readBuffer, options.inBackground);
    if (!bytes) return await cleanVideo(file, sniffed.video!, options);
    const format = detectFormat(bytes);
    report.format = format;
    if (!format) throw new ExposureError('not-an-image', 'This file is not a photo (its contents do not match any image format), so no copy was made.');
    const destOf = (extension: string): string => unclaimedPath(safeCopyPath(file, ownExtension(file, extension), options.suffix ?? CLEAN_SUFFIX, options.outDir), file, options.written);
    // A scan of the same contents a moment ago (the one the user was shown) plans the copy.
    const lookAtPicture = options.pictureCheck ?? (options.redact ?? 'none') !== 'none';
    // The reused read buffer is only safe for the synchronous metadata-only cleaners; looking at
    // the picture, covering and decoding keep the bytes longer, so they get a copy of their own.
    if (options.readBuffer && (lookAtPicture || options.cover?.length || !SYNCHRONOUS_CLEANERS.has(format))) bytes = bytes.slice();
    const remembered = options.original ?? (lookAtPicture ? recallScan(bytes) : null);
    // The cleaner checks the pixel count from the header before decoding anything.
    const safe = await makeSafeCopy(bytes, path.basename(file), (o) => path.basename(destOf(o.extension)), remembered ? { ...options, original: remembered } : options);
    const out = safe.output;
    const copyMetadata = await verifyCleanCopy(out.metadataView ?? out.bytes, file);
    const dest = destOf(out.extension);
    // Claimed before the first wait, so a copy being written at the same time (the app's worker
    // runs tasks side by side) cannot take the same name; given back if nothing is written.
    const claimed = claim(options.written, dest, file);
    try {
      if (path.resolve(dest) === path.resolve(file) || (await sameFile(dest, file))) {
        throw new ExposureError('exists', 'The safe copy would replace the original photo, so nothing was written. Choose another name or folder.');
      }
      try {
        makeFolder(options.outDir, options.folders);
        await writeFileAtomic(dest, out.parts ?? out.bytes, options.force === true, options.inBackground);
      } catch (err) {
        throw outputError(err, path.dirname(dest));
      }
    } catch (err) {
      if (claimed) options.written?.delete(path.resolve(dest));
      throw err;
    }
    report.output = dest;
    report.outputFormat = out.format;
    report.reencoded = out.reencoded;
    report.removed = out.removed;
    report.kept = out.kept;
    report.cover = safe.cover;
    report.copy = safe.check ?? metadataOnlyCheck(dest, copyMetadata, safe.cover);
    if (options.withRecheck && safe.recheck) report.recheck = safe.recheck;
  } catch (err) {
    report.error = toUserError(err);
  }
  return report;
}

/** A video's copy keeps its container and its extension (.mov stays .mov). */
async function cleanVideo(file: string, format: VideoFormat, options: CleanOptions): Promise<CleanReport> {
  const ext = path.extname(file).slice(1).toLowerCase();
  const extension = ['mp4', 'mov', 'qt', 'm4v', '3gp', '3g2'].includes(ext) ? ext : format;
  const dest = unclaimedPath(safeCopyPath(file, extension, options.suffix ?? CLEAN_SUFFIX, options.outDir), file, options.written);
  if (path.resolve(dest) === path.resolve(file) || (await sameFile(dest, file))) {
    return { path: file, format, reencoded: false, removed: [], kept: [], error: { code: 'exists', message: 'The safe copy would replace the original video, so nothing was written. Choose another name or folder.' } };
  }
  try {
    makeFolder(options.outDir, options.folders);
  } catch (err) {
    return { path: file, format, reencoded: false, removed: [], kept: [], error: toUserError(outputError(err, path.resolve(options.outDir!))) };
  }
  const claimed = claim(options.written, dest, file);
  // The video cleaner (and ffmpeg's process module behind it) loads with the first video.
  const { cleanVideoFile } = await import('./video-file.js');
  const report = await cleanVideoFile(file, format, { dest, force: options.force === true, clearDates: options.clearDates === true });
  if (report.error && ['write-failed', 'unreadable', 'not-found', 'disk-full'].includes(report.error.code)) {
    report.error = toUserError(outputError(new ExposureError(report.error.code, report.error.message), path.dirname(dest)));
  }
  if (!report.output && claimed) options.written?.delete(path.resolve(dest));
  return report;
}

/**
 * Checks the copy before it is written: its bytes are read as any file would be (metadata
 * sections, trailer, hidden images); if anything serious survived, nothing is written.
 */
async function verifyCleanCopy(copy: Uint8Array, original: string): Promise<Finding[]> {
  let findings: Finding[];
  try {
    findings = (await scanMetadata(copy, path.basename(original))).findings;
  } catch (err) {
    throw new ExposureError('verify-failed', `The safe copy could not be checked, so it was not written (${toUserError(err).message})`);
  }
  const leaks = remainingLeaks(findings);
  if (leaks.length > 0) {
    throw new ExposureError('verify-failed', `The safe copy still contained: ${leaks.map((l) => l.title).join('; ')}. It was not written; the original is untouched.`);
  }
  return findings;
}

/** Records `dest` as this photo's copy; true when the name was free (not already this photo's). */
function claim(written: Map<string, string> | undefined, dest: string, source: string): boolean {
  if (!written || written.has(path.resolve(dest))) return false;
  written.set(path.resolve(dest), path.resolve(source));
  return true;
}

/**
 * `photo.clean.jpg`, or `photo-2.clean.jpg` (-3...) when this run already wrote that name for a
 * copy of another photo.
 */
function unclaimedPath(dest: string, source: string, written: Map<string, string> | undefined): string {
  const own = (name: string): boolean => {
    const owner = written?.get(path.resolve(name));
    return owner === undefined || owner === path.resolve(source);
  };
  if (own(dest)) return dest;
  const { dir, base } = path.parse(dest);
  const dot = base.indexOf('.');
  const [stem, rest] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
  for (let n = 2; ; n++) {
    const candidate = path.join(dir, `${stem}-${n}${rest}`);
    if (own(candidate)) return candidate;
  }
}

/** A failure to write names the folder and what to do: the photo itself was read fine. */
function outputError(err: unknown, folder: string): ExposureError {
  if (err instanceof ExposureError && err.code !== 'write-failed' && err.code !== 'unreadable' && err.code !== 'not-found') return err;
  const code = ((err as { cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code) as string | undefined;
  const why: Record<string, string> = {
    EACCES: 'you do not have permission to write in it', EPERM: 'you do not have permission to write in it',
    EROFS: 'it is on a read-only disk', ENOENT: 'it does not exist and could not be created', ENOTDIR: 'part of that path is a file, not a folder',
    ENOSPC: 'the disk is full', EDQUOT: 'your disk quota is full', EISDIR: 'a folder already has the name the copy needs',
  };
  const reason = (code && why[code]) ?? `it could not be written to (${code ?? 'unknown error'})`;
  return new ExposureError(code === 'ENOSPC' || code === 'EDQUOT' ? 'disk-full' : 'write-failed',
    `The safe copy could not be saved in the folder ${folder}: ${reason}. Choose another folder for the safe copies; the photo itself was read fine.`, { cause: err });
}
