// A still frame with the findings outlined (boxes are in the frame's pixels, as the worker gives them).
import type { StreamTrack } from '../../../shared/stream/port-messages.js';

export function StillWithBoxes({ src, width, height, tracks, alt }: { src: string; width: number; height: number; tracks: StreamTrack[]; alt: string }) {
  return (
    <figure className="preview stream-still">
      <div className="preview-frame">
        <img className="preview-image" src={src} width={width} height={height} alt={alt} />
        {tracks.length > 0 && (
          <svg className="preview-overlay" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
            {tracks.map((t) => (
              <g key={t.id} className="box">
                <rect className="box-area" x={t.box[0]} y={t.box[1]} width={t.box[2]} height={t.box[3]} />
              </g>
            ))}
          </svg>
        )}
      </div>
    </figure>
  );
}
