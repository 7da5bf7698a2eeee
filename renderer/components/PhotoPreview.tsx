// The photo as it is, with what the visual check found drawn over it. Boxes are in original
// pixels; the SVG's viewBox is the original size, so they scale with the preview by themselves
// (attributes, not inline styles: the CSP forbids those).
import type { PreviewResult } from '../../shared/api/contract.js';
import type { FileReport } from '../../shared/report.js';
import { fileName, uprightSize } from '../state/present.js';

export interface PreviewBox {
  index: number;
  number: number;
  box: [number, number, number, number];
  label: string;
  hidden: boolean;
}

interface Props {
  report: FileReport;
  preview: { status: 'loading' } | { status: 'ready'; value: PreviewResult } | { status: 'failed'; message: string } | null;
  boxes: PreviewBox[];
  highlighted: number | null;
}

export function PhotoPreview({ report, preview, boxes, highlighted }: Props) {
  if (!preview) return null;
  if (preview.status === 'loading') {
    return (
      <div className="preview preview-placeholder" role="status">
        Loading preview…
      </div>
    );
  }
  if (preview.status === 'failed') {
    return <div className="preview preview-placeholder">The preview could not be shown. {preview.message}</div>;
  }
  const { dataUrl, width, height } = preview.value;
  const size = uprightSize(report, { width, height });
  // Labels are sized to the picture so they read the same at any preview size.
  const labelSize = Math.max(size.width, size.height) * 0.045;
  const hiddenCount = boxes.filter((b) => b.hidden).length;
  return (
    <figure className="preview">
      <div className="preview-frame">
        <img className="preview-image" src={dataUrl} width={width} height={height} alt={`Preview of ${fileName(report.path)}`} />
        {boxes.length > 0 && (
          <svg className="preview-overlay" viewBox={`0 0 ${size.width} ${size.height}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
            {boxes.map((b) => {
              const [x, y, w, h] = b.box;
              // The number sits just above its box when there is room, so it hides nothing inside.
              const tagH = labelSize * 1.2;
              const tagY = y >= tagH ? y - tagH : y;
              const cls = `box${b.hidden ? ' box-hidden' : ''}${highlighted === b.index ? ' box-highlighted' : ''}`;
              return (
                <g key={b.index} className={cls} data-finding-index={b.index}>
                  <rect className="box-area" x={x} y={y} width={w} height={h} />
                  <rect className="box-tag" x={x} y={tagY} width={labelSize * (String(b.number).length * 0.62 + 0.5)} height={tagH} />
                  <text x={x + labelSize * 0.25} y={tagY + labelSize * 0.95} fontSize={labelSize}>
                    {b.number}
                  </text>
                </g>
              );
            })}
          </svg>
        )}
      </div>
      {boxes.length > 0 && (
        <figcaption className="preview-caption">
          {`${boxes.length} area${boxes.length === 1 ? '' : 's'} marked. ${hiddenCount} will be covered in the safe copy.`}
        </figcaption>
      )}
    </figure>
  );
}
