// Pure: the messages on the frame port, between the window and the stream worker (a
// MessageChannelMain in the app, the test bridge's loopback endpoint under test). Every message
// into the worker is checked here before it is used: a frame's pixels must be exactly its size.
// Frames travel as RGBA pixels already shrunk to the analysis size by the window.
import { z } from 'zod';
import type { TrackSummary } from './analyser.js';
import { BUDGETS } from './schedule.js';

/** The largest frame the window sends: the analysis size (1280×720), with room for a portrait source. */
export const MAX_ANALYSIS_SIDE = 1280;

export const StreamStart = z.object({
  type: z.literal('start'),
  mode: z.enum(['room-scan', 'guard']),
  /** Analysed frames per second the user allows (the CPU budget). */
  budget: z.number().refine((b) => (BUDGETS as readonly number[]).includes(b)),
});

export const StreamFrameMessage = z
  .object({
    type: z.literal('frame'),
    /** Seconds since the capture started. */
    time: z.number().min(0).max(1e7),
    width: z.number().int().min(16).max(MAX_ANALYSIS_SIDE),
    height: z.number().int().min(16).max(MAX_ANALYSIS_SIDE),
    data: z.instanceof(Uint8Array),
  })
  .refine((f) => f.data.byteLength === f.width * f.height * 4);

export const StreamStop = z.object({ type: z.literal('stop') });

/** The user chose another budget while looking: the guard keeps what it tracks (nothing is alerted twice). */
export const StreamBudget = z.object({
  type: z.literal('budget'),
  budget: z.number().refine((b) => (BUDGETS as readonly number[]).includes(b)),
});

export const ToStreamWorker = z.union([StreamStart, StreamFrameMessage, StreamStop, StreamBudget]);
export type ToStreamWorker = z.infer<typeof ToStreamWorker>;
export type StreamFrameMessage = z.infer<typeof StreamFrameMessage>;
export type StreamStartMessage = z.infer<typeof StreamStart>;

/** A finding of the stream as the window shows it: the track, and where it is in words. */
export interface StreamTrack extends TrackSummary {
  where: string;
}

/** What the worker tells the window. Pictures are small JPEG data: URLs made in memory, never files. */
export type FromStreamWorker =
  /** The checks are loaded and looking. */
  | { type: 'ready' }
  /** One frame was looked at (or skipped: `passes` empty). `dropped`: older frames replaced by newer ones. */
  | { type: 'frame-done'; time: number; passes: string[]; dropped: number }
  | { type: 'room-progress'; passes: number; needed: number }
  | {
      type: 'room-done';
      /** The last frame the room scan looked at. */
      still: string;
      width: number;
      height: number;
      tracks: StreamTrack[];
      checked: string[];
      notChecked: string[];
      failed: string[];
    }
  | { type: 'alert'; track: StreamTrack; still: string }
  | { type: 'cleared'; track: StreamTrack }
  /** The computer is too busy: the guard rests for `seconds` rather than fall behind. */
  | { type: 'paused'; seconds: number }
  | { type: 'resumed' }
  | { type: 'error'; message: string };

/** Validates a message for the worker; anything else is dropped (never echoed: it could be a frame). */
export function parseToStreamWorker(message: unknown): ToStreamWorker | null {
  const parsed = ToStreamWorker.safeParse(message);
  return parsed.success ? parsed.data : null;
}
