// Everything about one photo: its verdict first, the safe-copy action, the preview with marked
// areas, and the findings grouped by severity. A file that could not be read shows why, in words.
import { useState } from 'react';
import type { PhotoEntry } from '../state/app-state.js';
import { ERROR_HINT, FORMAT_LABEL, fileName, isRedactable, savedVerdict, verdictFor } from '../state/present.js';
import { useEmbeddedImages, usePreview } from '../hooks/useImages.js';
import { FindingList } from './FindingList.js';
import { CheckIcon, ErrorIcon, WarningIcon } from './Icons.js';
import { PhotoPreview, type PreviewBox } from './PhotoPreview.js';
import { SaveBox } from './SaveBox.js';
import { CopyCompare } from './CopyCompare.js';

interface Props {
  entry: PhotoEntry;
  onSave(path: string, options?: { force?: boolean }): void;
  onOpenCopy(path: string, how: 'open' | 'show'): void;
  copiesFolder: string | null;
  onRedactChange(path: string, index: number, hide: boolean): void;
}

export function PhotoDetail({ entry, onSave, onOpenCopy, copiesFolder, onRedactChange }: Props) {
  const { report } = entry;
  const [highlighted, setHighlighted] = useState<number | null>(null);
  const preview = usePreview(report);
  const embedded = useEmbeddedImages(report);
  const verdict = entry.save?.status === 'saved' ? savedVerdict(report) : verdictFor(report);

  const boxes: PreviewBox[] = [];
  const boxNumbers: Record<number, number> = {};
  report.findings.forEach((f, index) => {
    if (!isRedactable(f)) return;
    const number = boxes.length + 1;
    boxNumbers[index] = number;
    boxes.push({ index, number, box: f.box, label: f.title, hidden: entry.redact[index] === true });
  });
  const hiddenAreas = boxes.filter((b) => b.hidden).length;
  const originalView = <PhotoPreview report={report} preview={preview} boxes={boxes} highlighted={highlighted} />;
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
          {entry.save?.status === 'saved' && entry.save.report.output ? (
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
              boxNumbers={boxNumbers}
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

function formatBytes(n: number): string | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
