// The schema of a covered area (cover.ts says what one is): the worker protocol, the IPC
// contract and the redaction validate areas with it. Apart from cover.ts so that code that only
// builds or reads areas does not load zod.
import { z } from 'zod';

export const COVER_MODES = ['fill', 'pixelate'] as const;
/** `fill`: one solid dark colour; `pixelate`: coarse squares, each the plain mean of its pixels. */
export type CoverMode = (typeof COVER_MODES)[number];

/** Coordinates are in pixels of the upright picture (EXIF orientation applied). */
const coord = z.number().finite().min(-1e6).max(1e6);
const length = z.number().finite().positive().max(1e6);

export const CoverOriginSchema = z.discriminatedUnion('kind', [
  /** A finding of the scan (its `id`, e.g. `visual.licence-plate.0`). */
  z.object({ kind: z.literal('finding'), findingId: z.string().min(1).max(200) }),
  /** Drawn by the user. */
  z.object({ kind: z.literal('drawn') }),
  /** Added because the re-check of the copy still saw something the policy covers. */
  z.object({ kind: z.literal('recheck'), findingId: z.string().min(1).max(200) }),
]);
export type CoverOrigin = z.infer<typeof CoverOriginSchema>;

export const MAX_STROKE_POINTS = 10_000;
export const MAX_COVER_AREAS = 500;

export const CoverAreaSchema = z.discriminatedUnion('shape', [
  z.object({
    shape: z.literal('box'),
    /** [x, y, width, height]. */
    box: z.tuple([coord, coord, length, length]),
    mode: z.enum(COVER_MODES),
    from: CoverOriginSchema,
  }),
  z.object({
    shape: z.literal('stroke'),
    /** The brush's path; one point is a dot. */
    points: z.array(z.tuple([coord, coord])).min(1).max(MAX_STROKE_POINTS),
    /** Half the brush's width. */
    radius: z.number().finite().min(0.5).max(1e5),
    mode: z.enum(COVER_MODES),
    from: CoverOriginSchema,
  }),
]);
export type CoverArea = z.infer<typeof CoverAreaSchema>;
export type BoxCover = Extract<CoverArea, { shape: 'box' }>;
export type StrokeCover = Extract<CoverArea, { shape: 'stroke' }>;

export const CoverAreasSchema = z.array(CoverAreaSchema).max(MAX_COVER_AREAS);

