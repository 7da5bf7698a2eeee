// The hidden information in an MP4, MOV, M4V or 3GP video: the movie's and every track's user data
// and metadata (place, phone, people, software, dates), XMP wherever it is kept, preview pictures,
// the header dates, and the tracks that carry data instead of picture or sound (a GPS track is a
// path). Findings use the same ids, categories and severities as photos.
import { compareFindings, type EmbeddedImage, type Finding } from '../findings.js';
import { FindingCollector } from '../metadata/collector.js';
import { findingForVideo } from './words.js';
import { timestampInFileName } from '../metadata/filename.js';
import { u32 } from '../bytes.js';
import { childBoxes, type Box } from '../metadata/containers/isobmff.js';
import { reportXmp, xmpText } from '../metadata/xmp.js';
import { headerTimes, moovRoot, readMovie, type Movie } from './movie.js';
import type { ByteSource } from './source.js';
import { describeTrack, type TrackInfo } from './tracks.js';
import { hex, readMetaBox, readUserData, XMP_UUID } from './user-data.js';

export interface VideoMetadata {
  movie: Movie;
  tracks: TrackInfo[];
  width?: number;
  height?: number;
  /** Seconds. */
  duration: number;
  findings: Finding[];
  embeddedImages: EmbeddedImage[];
}

/** QuickTime dates count seconds from 1904-01-01. */
export function quickTimeDate(seconds: number): string | null {
  if (!seconds) return null;
  const ms = (seconds - 2_082_844_800) * 1000;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) || ms < 0 ? null : d.toISOString().replace('.000Z', 'Z');
}

export function readVideoMetadata(src: ByteSource, fileName: string): VideoMetadata {
  const movie = readMovie(src);
  const out = new FindingCollector();
  const moov = movie.moov;
  for (const box of childBoxes(moov, moovRoot(movie))) {
    if (box.type === 'mvhd') reportHeaderDates(moov, box, 'Movie header', out);
    else if (box.type === 'udta') readUserData(moov, box, 'User data', out);
    else if (box.type === 'meta') readMetaBox(moov, box, 'QuickTime metadata', out);
    else if (box.type === 'uuid' && hex(moov, box.dataOffset) === XMP_UUID) reportXmp(xmpText(moov, box.dataOffset + 16, box.end), 'XMP', out);
  }
  const tracks = movie.tracks.map((t) => describeTrack(movie, src, t));
  for (const info of tracks) {
    const where = `Track ${info.track.id}`;
    for (const box of childBoxes(moov, info.track.trak)) {
      if (box.type === 'udta') readUserData(moov, box, `${where} user data`, out);
      else if (box.type === 'meta') readMetaBox(moov, box, `${where} metadata`, out);
    }
    if (info.track.tkhd) reportHeaderDates(moov, info.track.tkhd, `${where} header`, out);
    if (info.track.mdhd) reportHeaderDates(moov, info.track.mdhd, `${where} media header`, out);
    if (info.path) {
      if (info.firstPoint) out.addGps(`${where} (${info.label})`, info.firstPoint);
      const start = info.firstPoint ? `${info.firstPoint.latitude.toFixed(5)}, ${info.firstPoint.longitude.toFixed(5)}` : null;
      out.add('location.path', where, 'Location track', start ? { kind: info.label, start } : info.label);
    } else if (info.kind === 'data' || info.kind === 'text' || info.kind === 'timecode') {
      if (info.kind === 'timecode') out.add('time.header', where, 'Timecode track', info.label);
      else out.add('video.data-track', where, `Track ${info.track.id}`, info.label);
    }
  }
  for (const { box, bytes } of movie.small) {
    const b: Box = { type: box.type, offset: 0, dataOffset: box.header, end: bytes.length };
    if (box.type === 'uuid' && hex(bytes, b.dataOffset) === XMP_UUID) reportXmp(xmpText(bytes, b.dataOffset + 16, b.end), 'XMP', out);
    else if (box.type === 'udta') readUserData(bytes, b, 'User data', out);
    else if (box.type === 'meta') readMetaBox(bytes, b, 'Metadata', out);
    else if (box.type === 'XMP_') reportXmp(xmpText(bytes, b.dataOffset, b.end), 'XMP', out);
    else if (box.type === 'PICT' || box.type === 'pnot') out.add('thumbnail.preview', `"${box.type}" block`, 'Preview picture of the video', `${box.size} bytes`);
    else if (box.type !== 'ftyp' && box.type !== 'uuid') out.add('metadata.other', `"${box.type.replace(/[^\x20-\x7e]/g, '?')}" block`, 'Other data in the file', `${box.size} bytes`);
    else if (box.type === 'uuid') out.add('metadata.other', 'uuid block', `Block ${hex(bytes, b.dataOffset)}`, `${box.size} bytes`);
  }
  for (const box of movie.top) {
    if (box.size > 16 * 1024 * 1024 && box.type !== 'mdat' && box.type !== 'moov' && box.type !== 'free' && box.type !== 'skip') {
      out.add('metadata.other', `"${box.type.replace(/[^\x20-\x7e]/g, '?')}" block`, 'Large block not read', `${box.size} bytes`);
    }
  }
  const stamp = timestampInFileName(fileName);
  if (stamp) out.add('filename.timestamp', 'File name', 'File name', `${fileName.split(/[\\/]/).pop()} (${stamp})`, 'filename');
  const picture = tracks.find((t) => t.kind === 'picture');
  const size = picture?.track.tkhd ? displaySize(moov, picture.track.tkhd) : null;
  const result: VideoMetadata = {
    movie, tracks, duration: movie.timescale ? movie.duration / movie.timescale : 0,
    findings: out.findings().map(findingForVideo).sort(compareFindings), embeddedImages: out.embeddedImages,
  };
  if (size) [result.width, result.height] = size;
  return result;
}

function reportHeaderDates(b: Uint8Array, box: Box, where: string, out: FindingCollector): void {
  const t = headerTimes(b, box);
  const created = quickTimeDate(t.created);
  const modified = quickTimeDate(t.modified);
  if (created) out.add('time.header', where.startsWith('Track') ? 'Track headers' : where, 'Recorded', created);
  if (modified && modified !== created) out.add('time.header', where.startsWith('Track') ? 'Track headers' : where, 'Last changed', modified);
}

/** Width and height as shown (tkhd's 16.16 sizes; a 90° rotation matrix swaps them). */
function displaySize(b: Uint8Array, tkhd: Box): [number, number] | null {
  const matrix = tkhd.dataOffset + (b[tkhd.dataOffset] === 1 ? 52 : 40);
  const w = Math.round(u32(b, matrix + 36) / 65536);
  const h = Math.round(u32(b, matrix + 40) / 65536);
  if (!w || !h) return null;
  return u32(b, matrix) === 0 ? [h, w] : [w, h];
}

