// What goes into a trainers' report: per photo, its scan, a small picture of it with the covered
// areas applied (and no metadata), where it was taken in words and as a map, and what the safe
// copy fixed. The CLI (`exposure-check report`) and the app ("Export report") fill it; the pure
// builder in html.ts turns it into one self-contained HTML file.
import type { CleanReport, FileReport } from '../report.js';

export interface ReportThumbnail {
  /** A data: URL of a small JPEG made from the safe copy's pixels: covered areas applied, no metadata. */
  dataUrl: string;
  width: number;
  height: number;
}

export interface ReportPlace {
  /** "near Arezzo, Italy". */
  name: string;
  /** A small offline map as SVG markup (no external references), or undefined. */
  mapSvg?: string;
}

export interface ReportPhoto {
  /** The scan of the original. */
  report: FileReport;
  thumbnail?: ReportThumbnail;
  place?: ReportPlace;
  /** What the safe copy did: what it removed and covered, and what its own re-check found. */
  copy?: CleanReport;
  /** Areas the safe copy covers, in plain words ("2 licence plates"); empty when none. */
  covered?: string[];
  /** What the picture shows when it is not simply the safe copy (a video's first frame). */
  pictureNote?: string;
}

export interface ReportInput {
  /** Shown at the top: "Exposure check of 12 photos". */
  title?: string;
  /** When the report was made (ISO date shown, so a handed-out copy says how old it is). */
  generatedAt: Date;
  photos: ReportPhoto[];
}
