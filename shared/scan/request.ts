// What a scan of one image is asked to do: the one declaration every hop uses (the CLI, the app's
// scan worker and its protocol, the batch layer, the bench, the stream guard). The data part
// crosses process boundaries and is validated there with `ScanRequestData`; the matcher is a
// function, so it stays in the process that holds the user's personal details.
import { z } from 'zod';
import { VISUAL_CATEGORIES } from '../findings.js';

/** The part of a request that may cross to another process (JSON-safe), validated on arrival. */
export const ScanRequestData = z.object({
  /** Look at the picture itself (backgrounds, text, faces...), not only the hidden information. */
  visual: z.boolean(),
  /** Only look for these picture categories (default: all). */
  checks: z.array(z.enum(VISUAL_CATEGORIES)).max(VISUAL_CATEGORIES.length).optional(),
  /**
   * Who decodes a video's frames for the picture checks: the system's ffmpeg (the command line,
   * the default), or the caller afterwards (the app, in its own window: the report then says the
   * frames are still to come).
   */
  videoFrames: z.enum(['ffmpeg', 'caller']).optional(),
});
export type ScanRequestData = z.infer<typeof ScanRequestData>;

/**
 * Says whether text read in the picture matches something the user keeps private (their street,
 * their name, their school). Returns a short plain description of what it matched ("your home
 * address"), never the stored value itself, or null.
 */
export type PersonalMatcher = (text: string) => string | null;

export interface ScanRequest extends ScanRequestData {
  /**
   * In-process only, never sent to another process: the exposure checklist plugs in here so text
   * matching the user's own details is ranked critical. Absent: no personal ranking.
   */
  matcher?: PersonalMatcher;
}

export const METADATA_ONLY: ScanRequest = { visual: false };
export const FULL_SCAN: ScanRequest = { visual: true };

/** The part of a request that may be sent to a worker (drops the in-process matcher). */
export function requestData(request: ScanRequest): ScanRequestData {
  return {
    visual: request.visual,
    ...(request.checks ? { checks: [...request.checks] } : {}),
    ...(request.videoFrames ? { videoFrames: request.videoFrames } : {}),
  };
}
