// The side of the results: how many photos, "Save all" (once checking is done), a filter to see
// only the photos with problems, the list itself, and "Clear the list" (which can be undone).
import { useState } from 'react';
import type { PhotoEntry } from '../state/app-state.js';
import { mediaNoun, photos as countOf } from '../../shared/batch-summary.js';
import { plural, verdictFor } from '../state/present.js';
import { PhotoList } from './PhotoList.js';
import { SaveIcon } from './Icons.js';
import { ExportReportDialog } from './ExportReportDialog.js';

interface Props {
  photos: PhotoEntry[];
  selected: string | null;
  /** Photos are still being checked: saving them all waits until that is done. */
  checking: boolean;
  onSelect(path: string): void;
  onSaveAll(paths: string[]): void;
  onClear(): void;
  onExportReport(paths: string[], format: 'html' | 'pdf'): Promise<{ path: string | null } | { error: string }>;
  onShowFile(path: string): void;
}

/** A photo needs the user: something to fix, it could not be checked, or its copy failed. */
export function hasProblem(entry: PhotoEntry): boolean {
  if (entry.save?.status === 'failed') return true;
  const kind = verdictFor(entry.report).kind;
  return kind === 'fix' || kind === 'error';
}

export function PhotoSidebar({ photos, selected, checking, onSelect, onSaveAll, onClear, onExportReport, onShowFile }: Props) {
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [exporting, setExporting] = useState(false);
  const savable = photos.filter((p) => !p.report.error).map((p) => p.report.path);
  const problems = photos.filter(hasProblem);
  const shown = problemsOnly ? problems : photos;
  return (
    <aside className="sidebar" aria-label="Your photos">
      <div className="sidebar-header">
        <h2 className="sidebar-title">{countOf(photos.length, mediaNoun(photos.map((p) => p.report)))} checked</h2>
        <button
          type="button"
          className="button primary"
          disabled={savable.length === 0 || checking}
          aria-describedby={checking ? 'save-all-wait' : undefined}
          onClick={() => onSaveAll(savable)}
        >
          <SaveIcon /> Save all safe copies
        </button>
        {checking && (
          <p id="save-all-wait" className="sidebar-hint">
            You can save them all when checking is done.
          </p>
        )}
        <label className="checkbox filter-toggle">
          <input type="checkbox" checked={problemsOnly} onChange={(e) => setProblemsOnly(e.target.checked)} />
          {`Only photos with problems (${problems.length})`}
        </label>
      </div>
      {shown.length > 0 ? (
        <PhotoList photos={shown} selected={selected} onSelect={onSelect} />
      ) : (
        <p className="sidebar-empty">No photo has a problem the checks found.</p>
      )}
      <div className="sidebar-footer">
        <button type="button" className="button secondary small" disabled={checking} onClick={() => setExporting(true)}>
          Export report…
        </button>
        <button type="button" className="button ghost small clear-list" onClick={onClear}>
          Clear the list
        </button>
      </div>
      {exporting && (
        <ExportReportDialog
          photos={photos.length}
          onExport={(format) => onExportReport(photos.map((p) => p.report.path), format)}
          onShow={onShowFile}
          onClose={() => setExporting(false)}
        />
      )}
    </aside>
  );
}
