// Everything about one photo: its verdict first, the safe-copy action, the preview with marked
// areas, and the findings one line per kind, worst first. A file that could not be read shows why, in words.
import { useState } from 'react';
import { isVideoFormat } from '../../shared/findings.js';
import type { PhotoEntry } from '../state/app-state.js';
import type { Box } from '../../shared/boxes.js';
import type { CoverArea } from '../../shared/cover.js';
import { ERROR_HINT, FORMAT_LABEL, NO_EDITS, editableAreas, fileName, hasBox, isRedactable, savedVerdict, verdictFor, type CoverEdits } from '../state/present.js';
import { useEmbeddedImages, usePreview } from '../hooks/useImages.js';
import { FindingList } from './FindingList.js';
import { CheckIcon, ErrorIcon, WarningIcon } from './Icons.js';
import { PhotoPreview, type PreviewBox } from './PhotoPreview.js';
import { SaveBox } from './SaveBox.js';
import { CopyCompare } from './CopyCompare.js';
import { CoverEditor } from './CoverEditor.js';

interface Props {
  entry: PhotoEntry;
  onSave(path: string, options?: { force?: boolean }): void;
  onOpenCopy(path: string, how: 'open' | 'show'): void;
  copiesFolder: string | null;
  onRedactChange(path: string, index: number, hide: boolean): void;
  onEditCover(path: string, edits: CoverEdits): void;
  onUndoCover(path: string): void;
}

export function PhotoDetail({ entry, onSave, onOpenCopy, copiesFolder, onRedactChange, onEditCover, onUndoCover }: Props) {
  const { report } = entry;
  const [highlighted, setHighlighted] = useState<number[]>([]);
  const [editing, setEditing] = useState(false);
  const edits = entry.edits ?? NO_EDITS;
  const video = isVideoFormat(report.format);
  // A video shows the frame a finding was seen in while the user points at that finding.
  const frameTime = highlighted.length > 0 ? report.findings[highlighted[0]!]?.time : undefined;
  const preview = usePreview(report, frameTime);
  const embedded = useEmbeddedImages(report);
  const verdict = entry.save?.status === 'saved' ? savedVerdict(report, entry.save.report) : verdictFor(report);

  // Calm: only what will be covered, and the finding the user points at.
  const boxes: PreviewBox[] = [];
  let hiddenAreas = edits.drawn.length;
  report.findings.forEach((f, index) => {
    if (!isRedactable(f)) {
      // A video frame's finding is outlined while pointed at; a video's copy covers nothing.
      // Outlined only on the frame shown (a kind can be seen in several frames).
      if (hasBox(f) && highlighted.includes(index) && f.time === frameTime) boxes.push({ index, box: f.box, label: f.title, hidden: false });
      return;
    }
    const hidden = entry.redact[index] === true;
    if (hidden) hiddenAreas += 1;
    if (hidden || highlighted.includes(index)) boxes.push({ index, box: (hidden && edits.moved[f.id]) || f.box, label: f.title, hidden });
  });
  const canEdit = !report.error && !video && preview?.status === 'ready';
  const originalView =
    editing && preview?.status === 'ready' ? (
      <CoverEditor
        fileName={fileName(report.path)}
        preview={preview.value}
        areas={editableAreas(entry)}
        mode={edits.mode}
        canUndo={(entry.history?.length ?? 0) > 0}
        onMove={(key, box) => onEditCover(report.path, moveArea(entry, key, box))}
        onDraw={(area) => onEditCover(report.path, { ...edits, drawn: [...edits.drawn, area] })}
        onRemove={(key) => removeArea(key)}
        onMode={(mode) => onEditCover(report.path, { ...edits, mode })}
        onUndo={() => onUndoCover(report.path)}
        onDone={() => setEditing(false)}
      />
    ) : (
      <>
        <PhotoPreview report={report} preview={preview} boxes={boxes} drawn={edits.drawn} highlighted={highlighted} video={video ? { frameTime, frames: entry.frames } : undefined} />
        {canEdit && (
          <button type="button" className="button secondary small mark-more" onClick={() => setEditing(true)}>
            Mark more to cover…
          </button>
        )}
      </>
    );

  function removeArea(key: string) {
    if (key.startsWith('drawn:')) {
      const n = Number(key.slice('drawn:'.length));
      onEditCover(report.path, { ...edits, drawn: edits.drawn.filter((_, i) => i !== n) });
      return;
    }
    const id = key.slice('finding:'.length);
    const index = report.findings.findIndex((f) => f.id === id);
    if (index >= 0) onRedactChange(report.path, index, false);
  }
  const facts = [report.format ? FORMAT_LABEL[report.format] ?? report.format.toUpperCase() : null, report.width && report.height ? `${report.width} × ${report.height}` : null, formatBytes(report.size)].filter(Boolean);

  return (
    <article className="photo-detail" aria-labelledby="detail-title">
      <header className="detail-header">
        <h2 id="detail-title" className="detail-title">
          {fileName(report.path)}
        </h2>
        <p className="detail-path">{report.path}</p>
        {facts.length > 0 && <p className="detail-facts">{facts.join(' · ')}</p>}
      </header>

      <div className={`verdict verdict-${verdict.kind}`} role={verdict.kind === 'error' ? 'alert' : undefined}>
        <span className="verdict-icon">{verdict.kind === 'clear' ? <CheckIcon /> : verdict.kind === 'error' ? <ErrorIcon /> : <WarningIcon />}</span>
        <div>
          <p className="verdict-title">{verdict.title}</p>
          <p className="verdict-detail">{verdict.detail}</p>
          <p className="verdict-detail verdict-checked">{verdict.checked}</p>
          {report.error && ERROR_HINT[report.error.code] && (
            <p className="verdict-detail verdict-hint">
              <strong>What you can do:</strong> {ERROR_HINT[report.error.code]}
            </p>
          )}
          {report.error && <p className="verdict-detail">Nothing was changed. Your file is exactly as it was.</p>}
        </div>
      </div>

      <div className="detail-body">
        <div className="detail-side">
          <SaveBox entry={entry} hiddenAreas={hiddenAreas} copiesFolder={copiesFolder} onSave={(o) => onSave(report.path, o)} onOpenCopy={onOpenCopy} />
          {entry.save?.status === 'saved' && entry.save.report.output && !video ? (
            <CopyCompare
              original={originalView}
              originalPreview={preview?.status === 'ready' ? preview.value : null}
              copyPath={entry.save.report.output}
              copyVersion={String(entry.save.savedAt)}
            />
          ) : (
            originalView
          )}
        </div>
        {report.findings.length > 0 && (
          <section className="detail-findings" aria-label="What we found">
            <h3 className="section-title">What we found</h3>
            <FindingList
              report={report}
              redact={entry.redact}
              embedded={embedded}
              onRedactChange={(index, hide) => onRedactChange(report.path, index, hide)}
              onHighlight={setHighlighted}
            />
          </section>
        )}
      </div>
    </article>
  );
}

/** The user's edits after moving or resizing one area (a stroke only moves: its shape stays). */
function moveArea(entry: PhotoEntry, key: string, box: Box): CoverEdits {
  const edits = entry.edits ?? NO_EDITS;
  if (key.startsWith('finding:')) return { ...edits, moved: { ...edits.moved, [key.slice('finding:'.length)]: box } };
  const n = Number(key.slice('drawn:'.length));
  const drawn = edits.drawn.map((area, i): CoverArea => {
    if (i !== n) return area;
    if (area.shape === 'box') return { ...area, box };
    const xs = area.points.map((p) => p[0]);
    const ys = area.points.map((p) => p[1]);
    const dx = box[0] - (Math.min(...xs) - area.radius);
    const dy = box[1] - (Math.min(...ys) - area.radius);
    return { ...area, points: area.points.map(([x, y]) => [x + dx, y + dy] as [number, number]) };
  });
  return { ...edits, drawn };
}

function formatBytes(n: number): string | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
