// The photo as it is, calm: only what the safe copy will cover is drawn over it (dark, as it will
// look), plus the outline of the finding the user is looking at. Never every finding at once, and
// no numbers to pile up. Boxes are in original pixels; the SVG's viewBox is the original size, so
// they scale with the preview by themselves (attributes, not inline styles: the CSP forbids those).
import type { PreviewResult } from '../../shared/api/contract.js';
import type { FileReport } from '../../shared/report.js';
import type { CoverArea } from '../../shared/cover.js';
import { formatTime } from '../../shared/video/frame-time.js';
import { fileName, uprightSize } from '../state/present.js';

export interface PreviewBox {
  index: number;
  box: [number, number, number, number];
  label: string;
  hidden: boolean;
}

interface Props {
  report: FileReport;
  preview: { status: 'loading' } | { status: 'ready'; value: PreviewResult } | { status: 'failed'; message: string } | null;
  boxes: PreviewBox[];
  /** Areas the user drew: covered too. */
  drawn?: CoverArea[];
  /** Findings outlined because the user points at them (or at their kind). */
  highlighted: readonly number[];
  /** A video: which frame is shown (none: the first), and how far the frame checks are. */
  video?: { frameTime?: number | undefined; frames?: { done: number; total: number } | undefined };
}

export function PhotoPreview({ report, preview, boxes, drawn = [], highlighted, video }: Props) {
  if (!preview) return null;
  if (preview.status === 'loading') {
    return (
      <div className="preview preview-placeholder" role="status">
        {video ? "Opening the video's first frame…" : 'Loading preview…'}
      </div>
    );
  }
  if (preview.status === 'failed') {
    return <div className="preview preview-placeholder">{video ? "The video's picture could not be shown." : 'The preview could not be shown.'} {preview.message}</div>;
  }
  const { dataUrl, width, height } = preview.value;
  const size = uprightSize(report, { width, height });
  const hiddenCount = boxes.filter((b) => b.hidden).length + drawn.length;
  return (
    <figure className="preview">
      <div className="preview-frame">
        <img
          className="preview-image"
          src={dataUrl}
          width={width}
          height={height}
          alt={video?.frameTime ? `Frame at ${formatTime(video.frameTime)} of ${fileName(report.path)}` : `Preview of ${fileName(report.path)}`}
        />
        {(boxes.length > 0 || drawn.length > 0) && (
          <svg className="preview-overlay" viewBox={`0 0 ${size.width} ${size.height}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
            {boxes.map((b) => {
              const [x, y, w, h] = b.box;
              const cls = `box${b.hidden ? ' box-hidden' : ''}${highlighted.includes(b.index) ? ' box-highlighted' : ''}`;
              return (
                <g key={b.index} className={cls} data-finding-index={b.index}>
                  <rect className="box-area" x={x} y={y} width={w} height={h} />
                </g>
              );
            })}
            {drawn.map((area, i) =>
              area.shape === 'box' ? (
                <g key={`drawn-${i}`} className="box box-hidden box-drawn">
                  <rect className="box-area" x={area.box[0]} y={area.box[1]} width={area.box[2]} height={area.box[3]} />
                </g>
              ) : (
                <g key={`drawn-${i}`} className="box box-hidden box-drawn">
                  <polyline className="cover-stroke" points={area.points.map((p) => p.join(',')).join(' ')} strokeWidth={area.radius * 2} />
                </g>
              ),
            )}
          </svg>
        )}
      </div>
      <figcaption className="preview-caption">
        {video ? videoCaption(video) : hiddenCount > 0
          ? `The dark ${hiddenCount === 1 ? 'area is' : `areas (${hiddenCount}) are`} covered in the safe copy. Point at a finding in the list to see where it is.`
          : 'Nothing in the picture will be covered. Point at a finding in the list to see where it is.'}
      </figcaption>
    </figure>
  );
}

function videoCaption({ frameTime, frames }: NonNullable<Props['video']>): string {
  const which = frameTime ? `The frame at ${formatTime(frameTime)}, where this was seen.` : 'The first frame of the video. Point at a finding in the list to see the frame it was seen in.';
  const progress = frames && frames.done < frames.total ? ` Looking at frames: ${frames.done} of ${frames.total} done.` : '';
  return `${which}${progress} The safe copy keeps the picture as it is.`;
}
