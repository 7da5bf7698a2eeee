// The stream screen's part of the contract (spread into `calls` in contract.ts). The calls only
// open and close the way for frames: the frames themselves never pass through main, they go over
// the frame port (shared/stream/port-messages.ts), which the preload keeps and exposes as functions.
import { z } from 'zod';
import type { FromStreamWorker, StreamFrameMessage, StreamStartMessage } from '../stream/port-messages.js';

export const streamCalls = {
  /** The "Before you go live" screen opened or closed: capture is allowed only while it is open. */
  streamScreen: { input: z.object({ open: z.boolean() }) },
  /** Screens and windows that could be watched (Electron's desktopCapturer); none where there is no desktop capture. */
  listScreens: { input: z.object({}) },
  /** The user chose what to watch: capture is allowed from now on, for that source only. */
  chooseStreamSource: {
    input: z.discriminatedUnion('kind', [z.object({ kind: z.literal('camera') }), z.object({ kind: z.literal('screen'), id: z.string().min(1).max(200) })]),
  },
  /** Opens a frame port to the stream worker (the preload receives it; the page never sees the port). */
  openFramePort: { input: z.object({}) },
} as const;

export interface ScreenSource {
  id: string;
  name: string;
  kind: 'screen' | 'window';
}

export interface StreamCallOutputs {
  streamScreen: { open: boolean };
  listScreens: { sources: ScreenSource[] };
  chooseStreamSource: { chosen: true };
  openFramePort: { session: string };
}

/** The frame port as the page sees it: functions only (the preload's, or the test bridge's over loopback). */
export interface FramePortApi {
  /** Opens the port to the stream worker and starts a room scan or a guard; resolves once the port is open. */
  start(options: Omit<StreamStartMessage, 'type'>): Promise<{ ok: true } | { ok: false; error: { code: string; message: string } }>;
  /** Sends one frame (RGBA at the analysis size); the worker keeps only the newest waiting. */
  sendFrame(frame: Omit<StreamFrameMessage, 'type'>): void;
  /** A new budget (analysed frames per second) for the guard that is running: what it tracks is kept. */
  setBudget(budget: number): void;
  /** Stops looking and closes the port. */
  stop(): void;
  /** Subscribe to what the worker says; returns the unsubscribe function. */
  onMessage(listener: (message: FromStreamWorker) => void): () => void;
}

/** Main sends the renderer's end of a new frame port on this channel (to the preload only). */
export const FRAME_PORT_CHANNEL = 'exposure:frame-port';
