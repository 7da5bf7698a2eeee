// Node built-ins (sharp, and ffmpeg through video-frames): a video's part of the trainers' report.
// Its picture is the first frame (the poster), small, with what the checks found in that frame
// covered, so a handed-out report never shows a readable sign or a face; what the safe copy would
// take out of the file is planned and checked without writing anything.
import sharp from 'sharp';
import { coverPixels } from '../clean/redact.js';
import { toUserError } from '../errors.js';
import type { VideoFormat } from '../findings.js';
import type { RgbImage } from '../image/rgb.js';
import type { FileReport } from '../report.js';
import type { ReportPhoto } from '../trainer-report/types.js';
import { coveredWords, defaultCover, REPORT_THUMBNAIL_SIZE } from '../trainer-report/covered.js';
import type { FrameResult } from '../video/frames.js';
import { checkVideoFrame, describeVideoCopy } from './video-file.js';
import { hasFfmpeg, readFrame } from './video-frames.js';

/** A video's first frame, kept small for the report (made once, when the frame is checked). */
export interface VideoPoster {
  /** A JPEG at most REPORT_THUMBNAIL_SIZE on its long side, no metadata. */
  jpeg: Uint8Array;
  /** The frame's own size, which the findings' boxes are in. */
  frameWidth: number;
  frameHeight: number;
  /** Seconds from the start. */
  time: number;
}

/** Says what the report's picture of a video is: not the copy (a video's copy keeps its picture). */
export function videoPictureNote(covered: readonly string[]): string {
  const words = covered.length < 2 ? covered.join('') : `${covered.slice(0, -1).join(', ')} and ${covered.at(-1)}`;
  const what = covered.length > 0 ? `with ${words} covered here only` : 'as it is';
  return `The video's first frame, ${what}. The safe copy of a video keeps its picture as it is: trim or do not post the parts the findings name.`;
}

export async function posterOf(frame: RgbImage, time: number): Promise<VideoPoster> {
  const jpeg = await sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 3 } })
    .resize(REPORT_THUMBNAIL_SIZE, REPORT_THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 85 })
    .toBuffer();
  return { jpeg: new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength), frameWidth: frame.width, frameHeight: frame.height, time };
}

/** The poster with the findings seen in its frame covered (solid), as a data: URL. */
async function coveredPoster(report: FileReport, poster: VideoPoster): Promise<{ thumbnail: NonNullable<ReportPhoto['thumbnail']>; covered: string[] }> {
  const { data, info } = await sharp(poster.jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const sx = info.width / poster.frameWidth;
  const sy = info.height / poster.frameHeight;
  const cover = defaultCover({ ...report, findings: report.findings.filter((f) => f.time === poster.time) });
  const scaled = cover.flatMap((area) =>
    area.shape === 'box' ? [{ ...area, box: [area.box[0] * sx, area.box[1] * sy, area.box[2] * sx, area.box[3] * sy] as [number, number, number, number] }] : [],
  );
  const pixels = { data, width: info.width, height: info.height, channels: 3 as const, pages: 1 };
  coverPixels(pixels, scaled);
  const jpeg = await sharp(pixels.data, { raw: { width: info.width, height: info.height, channels: 3 } }).jpeg({ quality: 82 }).toBuffer();
  return {
    thumbnail: { dataUrl: `data:image/jpeg;base64,${jpeg.toString('base64')}`, width: info.width, height: info.height },
    covered: coveredWords(report, cover),
  };
}

/** A checked video's part of the report; `poster` is its first frame when one could be decoded. */
export async function videoReportPhoto(report: FileReport & { format: VideoFormat }, poster: VideoPoster | null): Promise<ReportPhoto> {
  const photo: ReportPhoto = { report, copy: await describeVideoCopy(report.path, report.format) };
  if (!poster) return photo;
  try {
    // What is covered is said beside the picture, never under what the copy fixed: the copy covers nothing.
    const { thumbnail, covered } = await coveredPoster(report, poster);
    return { ...photo, thumbnail, pictureNote: videoPictureNote(covered) };
  } catch (err) {
    return { ...photo, pictureNote: `The video's first frame could not be shown (${toUserError(err).message}).` };
  }
}

/** The command line's way: the first frame decoded by the system's ffmpeg, when it is installed. */
export async function posterFromFile(file: string): Promise<VideoPoster | null> {
  if (!hasFfmpeg()) return null;
  const frame = await readFrame(file, 0).catch(() => null);
  return frame ? posterOf(frame, 0) : null;
}

/** A frame the app's window decoded: its picture checks, and the first frame kept small as the poster. */
export async function checkWindowFrame(frame: RgbImage, time: number): Promise<{ result: FrameResult; poster?: VideoPoster }> {
  const result = await checkVideoFrame(frame);
  return time === 0 ? { result, poster: await posterOf(frame, 0) } : { result };
}
