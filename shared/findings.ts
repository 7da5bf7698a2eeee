// One source of truth for what a finding is. The CLI's JSON, the IPC contract and the UI all
// import these; nothing else declares categories or severities.

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher number = worse. Use to sort "severity first". */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 3, high: 2, medium: 1, low: 0 };

/** Categories of findings read from a file's metadata. */
export const METADATA_CATEGORIES = [
  'location',
  'device',
  'identity',
  'time',
  'hidden-image',
  'software',
  'other',
] as const;

/** Categories of findings seen in the picture itself (the backgrounds issue). */
export const VISUAL_CATEGORIES = [
  'person',
  'face',
  'text',
  'screen',
  'bed',
  'pattern',
  'door',
  'door-handle',
  'window',
  'vehicle',
  'licence-plate',
  'street-furniture',
  'code',
  'mirror',
  'matchable-area',
] as const;

export const CATEGORIES = [...METADATA_CATEGORIES, ...VISUAL_CATEGORIES] as const;
export type MetadataCategory = (typeof METADATA_CATEGORIES)[number];
export type VisualCategory = (typeof VISUAL_CATEGORIES)[number];
export type Category = MetadataCategory | VisualCategory;

export type FindingSource = 'metadata' | 'visual' | 'filename';

/** JSON-safe values only: findings cross IPC and are printed as JSON. */
export type FindingValue =
  | string
  | number
  | boolean
  | null
  | FindingValue[]
  | { [key: string]: FindingValue };

export interface GpsValue {
  [key: string]: FindingValue;
  latitude: number;
  longitude: number;
  /** Roughly how many metres the stored digits can pin down (from the number of decimals). */
  precisionMeters: number;
  altitude: number | null;
}

export interface Finding {
  /** Stable id: the same leak in two files has the same id (e.g. `gps.position`, `exif.serial-number`). */
  id: string;
  category: Category;
  severity: Severity;
  /** Short, plain words: "Your photo contains the exact place it was taken". */
  title: string;
  /** Why it matters, for someone who is not technical. */
  explanation: string;
  /** What the safe copy does about it. */
  action: string;
  source: FindingSource;
  /** Where in the file it was found, e.g. "EXIF GPS", "XMP", "PNG tEXt chunk". */
  where?: string;
  /** The leaked value (GPS as decimal degrees with precision). */
  value?: FindingValue;
  /** Visual findings: [x, y, w, h] in original-image pixels (after orientation). */
  box?: [number, number, number, number];
  confidence?: number;
  /**
   * A finer kind within the category, where the copy policy needs it: for `text` what it says
   * (`address`, `phone`, `email`, `name`, `postcode`, `personal`, `web address`, `plain`); for `face`
   * and `person` whether it is the main subject (`subject`) or someone else (`other`).
   */
  kind?: string;
  /** Videos: the time of the frame it was seen in, in seconds from the start ("a street sign at 0:12"). */
  time?: number;
  /** Videos: every frame the same thing was seen in at the same place, when more than one (`time` is the first, where `box` is). */
  times?: number[];
  /** The detector is unsure (confidence below the category's bar): shown as "maybe, have a look", not counted in the verdict. */
  maybe?: boolean;
  /**
   * Set when the finding matches the user's exposure checklist (while it is unlocked): which item,
   * in plain words ("your address (Home)"), never the stored value; for a place, how far away.
   */
  checklistMatch?: { item: string; itemIds: string[]; distanceMeters?: number };
}

/** An image hidden inside the file (EXIF thumbnail, preview, MPF image, gain map...). */
export interface EmbeddedImage {
  /** The id of the finding that reports it. */
  findingId: string;
  label: string;
  mime: string;
  bytes: Uint8Array;
}

export const IMAGE_FORMATS = ['jpeg', 'png', 'webp', 'heic', 'avif', 'tiff', 'gif', 'jxl', 'jp2'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];
/** Videos: MP4, QuickTime MOV, iTunes M4V and 3GPP, all ISO base media files. */
export const VIDEO_FORMATS = ['mp4', 'mov', 'm4v', '3gp'] as const;
export type VideoFormat = (typeof VIDEO_FORMATS)[number];
export type MediaFormat = ImageFormat | VideoFormat;
export const isVideoFormat = (f: MediaFormat | null | undefined): f is VideoFormat => (VIDEO_FORMATS as readonly string[]).includes(f ?? '');

export function compareFindings(a: Finding, b: Finding): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.category.localeCompare(b.category) || a.id.localeCompare(b.id);
}

export function worstSeverity(findings: readonly Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const f of findings) if (worst === null || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  return worst;
}

/** A finding at medium or above must not survive in a clean copy. Uncertain findings ("maybe") do not count. */
export function blocksPosting(f: Finding): boolean {
  return !f.maybe && SEVERITY_RANK[f.severity] >= SEVERITY_RANK.medium;
}
