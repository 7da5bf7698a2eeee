// The real safe copy beside the original: the copy alone, the original alone (with what was
// found marked), or both at once with a slider (original on the left, copy on the right). The
// copy's picture is read back from the file that was written, never drawn from the original.
import { useId, useState, type ReactNode } from 'react';
import type { PreviewResult } from '../../shared/api/contract.js';
import { usePreviewOf } from '../hooks/useImages.js';
import { fileName } from '../state/present.js';
import { Segmented } from './Segmented.js';

type View = 'copy' | 'compare' | 'original';
const VIEWS: Array<[View, string]> = [
  ['copy', 'Safe copy'],
  ['compare', 'Compare'],
  ['original', 'Original'],
];

interface Props {
  /** The original's preview, marked with what was found. */
  original: ReactNode;
  originalPreview: PreviewResult | null;
  copyPath: string;
  /** Tells two copies written to the same path apart. */
  copyVersion: string;
}

export function CopyCompare({ original, originalPreview, copyPath, copyVersion }: Props) {
  const [view, setView] = useState<View>('copy');
  const [split, setSplit] = useState(50);
  const clipId = useId();
  const copy = usePreviewOf(copyPath, copyVersion);

  let body: ReactNode;
  if (view === 'original') body = original;
  else if (!copy || copy.status === 'loading') {
    body = (
      <div className="preview preview-placeholder" role="status">
        Loading the safe copy…
      </div>
    );
  } else if (copy.status === 'failed') {
    body = <div className="preview preview-placeholder">The safe copy could not be shown. {copy.message}</div>;
  } else if (view === 'copy' || !originalPreview) {
    body = (
      <figure className="preview">
        <img className="preview-image" src={copy.value.dataUrl} width={copy.value.width} height={copy.value.height} alt={`The safe copy, ${fileName(copyPath)}`} />
        <figcaption className="preview-caption">This is the copy as it was saved: read back from the file, not from the original.</figcaption>
      </figure>
    );
  } else {
    const { width, height } = copy.value;
    const cut = (width * split) / 100;
    body = (
      <figure className="preview">
        <svg className="compare-view" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`The original on the left, the safe copy on the right, split at ${split}%`}>
          <defs>
            <clipPath id={clipId}>
              <rect x={cut} y={0} width={width - cut} height={height} />
            </clipPath>
          </defs>
          <image href={originalPreview.dataUrl} x={0} y={0} width={width} height={height} preserveAspectRatio="none" />
          <image href={copy.value.dataUrl} x={0} y={0} width={width} height={height} preserveAspectRatio="none" clipPath={`url(#${clipId})`} />
          <line className="compare-line" x1={cut} y1={0} x2={cut} y2={height} />
        </svg>
        <label className="compare-slider">
          <span>Original</span>
          <input type="range" min={0} max={100} step={1} value={split} onChange={(e) => setSplit(Number(e.target.value))} aria-label="Move the line between the original and the safe copy" />
          <span>Safe copy</span>
        </label>
      </figure>
    );
  }

  return (
    <div className="copy-compare">
      <Segmented<View> label="Which picture to show" options={VIEWS} value={view} onChange={setView} />
      {body}
    </div>
  );
}
