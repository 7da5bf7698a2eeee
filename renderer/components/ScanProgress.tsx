// The progress of the running check, with a way to stop it. Announced politely to screen readers.
import { fileName } from '../state/present.js';

interface Props {
  done: number;
  total: number;
  current?: string;
  /** The picture itself is being looked at too, which takes much longer per photo. */
  visual: boolean;
  onCancel(): void;
}

export function ScanProgress({ done, total, current, visual, onCancel }: Props) {
  const counting = total > 0;
  return (
    <section className="scan-progress" aria-label="Checking progress">
      <div className="scan-progress-text" role="status" aria-live="polite">
        <strong>{counting ? `Checking photos: ${done} of ${total}` : 'Checking your photos…'}</strong>
        {current && <span className="scan-current"> {fileName(current)}</span>}
        {visual && <span className="scan-hint">Looking at what is in each picture can take a minute per photo.</span>}
      </div>
      <progress className="progress" max={Math.max(total, 1)} value={counting ? done : undefined} aria-label="Checking photos" />
      <button type="button" className="button secondary small" onClick={onCancel}>
        Cancel
      </button>
    </section>
  );
}
