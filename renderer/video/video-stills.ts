// Pictures of videos for the screen, made in the window: the poster (first frame) shown as the
// preview and in the list, and each frame the checks looked at, shown when the user points at a
// finding seen in it. Kept per video for this session; React reads them with useVideoStills.
import { useSyncExternalStore } from 'react';
import type { PreviewResult } from '../../shared/api/contract.js';

export interface VideoStills {
  /** The first frame, once decoded. */
  poster?: PreviewResult;
  /** Frame time (seconds) -> the frame the checks looked at. */
  frames: Record<number, PreviewResult>;
  /** Why no picture of the video can be shown, in plain words. */
  problem?: string;
}

const stills = new Map<string, VideoStills>();
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of listeners) listener();
}

/** Starts the record of a video (before its poster is decoded), so the screens know to wait for it. */
export function expectStills(path: string): void {
  if (stills.has(path)) return;
  stills.set(path, { frames: {} });
  changed();
}

export function addStill(path: string, time: number, still: PreviewResult): void {
  const before = stills.get(path) ?? { frames: {} };
  stills.set(path, { ...before, ...(time === 0 || !before.poster ? { poster: still } : {}), frames: { ...before.frames, [time]: still } });
  changed();
}

export function stillsProblem(path: string, problem: string): void {
  const before = stills.get(path) ?? { frames: {} };
  stills.set(path, { ...before, problem });
  changed();
}

export function stillsOf(path: string): VideoStills | undefined {
  return stills.get(path);
}

/** Forgets every picture (the list was cleared for good). */
export function forgetStills(): void {
  stills.clear();
  changed();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function useVideoStills(path: string | null): VideoStills | undefined {
  return useSyncExternalStore(subscribe, () => (path === null ? undefined : stills.get(path)));
}
