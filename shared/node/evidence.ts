// Node built-ins (through the file layer): the two things the exposure checklist asks of a photo
// file, done where untrusted files are parsed (the scan worker, or the CLI's one process), never
// where the checklist's key is: a screenshot cleaned by our own cleaner before it is stored as
// evidence, and the place one of the user's own photos was taken.
import path from 'node:path';
import { cleanImage } from '../clean/index.js';
import { ExposureError } from '../errors.js';
import type { GpsValue } from '../findings.js';
import { detectFormat } from '../formats.js';
import { scanMetadata } from '../metadata/index.js';
import { readPhoto } from './files.js';

/** Evidence screenshots are kept inside the encrypted database: keep them to a sensible size. */
export const MAX_EVIDENCE_BYTES = 25 * 1024 * 1024;

const MIME: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' };

export interface CleanedEvidence {
  mime: string;
  bytes: Uint8Array;
  /** What the cleaner took out, in plain words. */
  removed: string[];
}

export async function cleanEvidenceFile(file: string): Promise<CleanedEvidence> {
  const bytes = await readPhoto(file);
  if (bytes.length > MAX_EVIDENCE_BYTES) throw new ExposureError('too-large', 'This picture is too large to keep as evidence (the limit is 25 MB).');
  const format = detectFormat(bytes);
  if (!format) throw new ExposureError('not-an-image', 'This file is not a picture the app can read. Save the screenshot as PNG or JPEG and try again.');
  const cleaned = await cleanImage(bytes, format);
  const mime = MIME[cleaned.format];
  if (!mime) throw new ExposureError('unsupported', 'This kind of picture cannot be kept as evidence. Save the screenshot as PNG or JPEG and try again.');
  return { mime, bytes: cleaned.bytes, removed: cleaned.removed };
}

export async function readPhotoLocation(file: string): Promise<{ latitude: number; longitude: number; precisionMeters: number } | null> {
  const meta = await scanMetadata(await readPhoto(file), path.basename(file));
  const gps = meta.findings.find((f) => f.id === 'gps.position')?.value as GpsValue | undefined;
  if (!gps || typeof gps.latitude !== 'number' || typeof gps.longitude !== 'number') return null;
  return { latitude: gps.latitude, longitude: gps.longitude, precisionMeters: gps.precisionMeters };
}

/** The file worker's part for the checklist, to spread into its file operations. */
export const CHECKLIST_FILE_OPS = { cleanEvidenceFile, readPhotoLocation } as const;
