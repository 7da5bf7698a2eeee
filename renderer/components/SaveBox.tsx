// The one next step for a photo: save a safe copy, then open it or see it in its folder.
import { isVideoFormat } from '../../shared/findings.js';
import { countAlike, groupVisible } from '../../shared/copy-check.js';
import type { CleanReport, StillVisible } from '../../shared/report.js';
import type { PhotoEntry } from '../state/app-state.js';
import { SEVERITY_LABEL } from '../state/present.js';
import { CheckIcon, ErrorIcon, FolderIcon, PhotoIcon, SaveIcon } from './Icons.js';

interface Props {
  entry: PhotoEntry;
  hiddenAreas: number;
  /** Where copies go (settings): a folder, or null for next to the original. */
  copiesFolder: string | null;
  onSave(options?: { force?: boolean }): void;
  onOpenCopy(path: string, how: 'open' | 'show'): void;
}

export function SaveBox({ entry, hiddenAreas, copiesFolder, onSave, onOpenCopy }: Props) {
  const save = entry.save;
  if (entry.report.error) return null;
  const video = isVideoFormat(entry.report.format);
  return (
    <div className="save-box">
      {save?.status === 'saved' && save.report.output ? (
        <div className="save-result" role="status">
          <p className="save-result-title">
            <CheckIcon /> The copy is saved
          </p>
          <p className="save-path">{save.report.output}</p>
          <p className="save-note">
            {save.report.reencoded
              ? 'The picture was re-encoded to make this copy, so its quality may be very slightly lower.'
              : 'The picture itself was not changed: same quality, only the hidden details were taken out.'}{' '}
            {video ? 'Your original video was not touched.' : 'Your original photo was not touched.'}
          </p>
          <CopyCheckSummary report={save.report} />
          <ChangeList summary="What was taken out" items={save.report.removed} />
          <ChangeList summary="What was kept, and why" items={save.report.kept} />
          <div className="save-actions">
            <button type="button" className="button secondary" onClick={() => onOpenCopy(save.report.output ?? '', 'open')}>
              <PhotoIcon /> Open the copy
            </button>
            <button type="button" className="button secondary" onClick={() => onOpenCopy(save.report.output ?? '', 'show')}>
              <FolderIcon /> Show in folder
            </button>
          </div>
        </div>
      ) : (
        <div className="save-prompt">
          <button type="button" className="button primary large" onClick={() => onSave()} disabled={save?.status === 'saving'}>
            <SaveIcon /> {save?.status === 'saving' ? 'Saving…' : 'Save safe copy'}
          </button>
          <p className="save-hint">
            {video
              ? 'Makes a new copy without the hidden details, such as where it was filmed and on which phone. The picture is not changed: trim out or do not post what the findings show in it. Your original stays as it is.'
              : hiddenAreas > 0
              ? `Makes a new copy without the hidden details, with ${hiddenAreas} marked area${hiddenAreas === 1 ? '' : 's'} covered. Your original stays as it is.`
              : 'Makes a new copy without the hidden details. Your original stays as it is.'}
          </p>
          <p className="save-hint save-where">
            {copiesFolder
              ? `It goes into ${copiesFolder}, apart from your originals, so you cannot pick the original by mistake when you upload.`
              : 'It goes next to the original, with a name that ends in the word you chose in Settings. Take care to pick the copy when you upload.'}
          </p>
        </div>
      )}
      {save?.status === 'failed' && (
        <div className="save-error" role="alert">
          <p>
            <ErrorIcon /> The safe copy could not be saved. {save.message}
          </p>
          {save.code === 'exists' && (
            <button type="button" className="button secondary small" onClick={() => onSave({ force: true })}>
              Replace the earlier safe copy
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function ChangeList({ summary, items }: { summary: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <details className="save-details">
      <summary>{`${summary} (${items.length})`}</summary>
      <ul>
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    </details>
  );
}

/**
 * What re-checking the copy itself found: what is covered, and what can still be seen in it and
 * why (the user kept it, it is below the bar for covering by default, or covering did not work).
 */
function CopyCheckSummary({ report }: { report: CleanReport }) {
  const copy = report.copy;
  if (!copy) return null;
  const covered = countAlike(copy.covered.map((c) => c.label));
  const counted = (list: StillVisible[]) => groupVisible(list).map((g) => ({ item: g[0]!, count: g.length }));
  const sure = counted(copy.visible.filter((v) => !v.maybe));
  const maybe = counted(copy.visible.filter((v) => v.maybe));
  return (
    <div className="copy-check">
      {sure.length > 0 && (
        <div className="copy-visible">
          <p className="save-result-subtitle">Still visible in the copy</p>
          <ul>
            {sure.map(({ item, count }) => (
              <li key={`${item.title}-${item.why}`}>
                <span className={`sev-badge sev-${item.severity}`}>{SEVERITY_LABEL[item.severity]}</span> {item.title}
                {count > 1 ? ` (${count} places)` : ''}: {item.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ChangeList summary="What is covered in the copy" items={covered} />
      <ChangeList
        summary="Maybe still visible (the checks are not sure)"
        items={maybe.map(({ item, count }) => `${item.title}${count > 1 ? ` (${count} places)` : ''}: ${item.reason}`)}
      />
    </div>
  );
}


