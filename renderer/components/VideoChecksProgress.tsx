// After the scan, while the frames of videos are still being looked at (one video at a time, in
// the window): how many are left, with a way to stop. Stopped videos say plainly that their
// frames were not all looked at. Announced politely to screen readers.
import { isVideoFormat } from '../../shared/findings.js';
import type { PhotoEntry } from '../state/app-state.js';

interface Props {
  entries: readonly PhotoEntry[];
  onStop(): void;
}

/** Videos whose report still waits for their frames. */
export function videosWaitingForFrames(entries: readonly PhotoEntry[]): PhotoEntry[] {
  return entries.filter((e) => !e.report.error && isVideoFormat(e.report.format) && e.report.coverage?.pending === true);
}

export function VideoChecksProgress({ entries, onStop }: Props) {
  const waiting = videosWaitingForFrames(entries);
  if (waiting.length === 0) return null;
  const n = waiting.length;
  return (
    <section className="scan-progress" aria-label="Video checking progress">
      <div className="scan-progress-text" role="status" aria-live="polite">
        <strong>{n === 1 ? 'Looking at the frames of 1 video…' : `Looking at the frames of ${n} videos…`}</strong>
        <span className="scan-hint">Each frame is checked for what could locate you; this can take a minute per video.</span>
      </div>
      <progress className="progress" aria-label="Looking at video frames" />
      <button type="button" className="button secondary small" onClick={onStop}>
        Stop
      </button>
    </section>
  );
}
