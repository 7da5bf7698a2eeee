// The one next step for a photo: save a safe copy, then see where it went and open that folder.
import type { PhotoEntry } from '../state/app-state.js';
import { parentFolder } from '../state/present.js';
import { CheckIcon, ErrorIcon, FolderIcon, SaveIcon } from './Icons.js';

interface Props {
  entry: PhotoEntry;
  hiddenAreas: number;
  onSave(options?: { force?: boolean }): void;
  onOpenFolder(folder: string): void;
}

export function SaveBox({ entry, hiddenAreas, onSave, onOpenFolder }: Props) {
  const save = entry.save;
  if (entry.report.error) return null;
  return (
    <div className="save-box">
      {save?.status === 'saved' && save.report.output ? (
        <div className="save-result" role="status">
          <p className="save-result-title">
            <CheckIcon /> Your safe copy is ready
          </p>
          <p className="save-path">{save.report.output}</p>
          <p className="save-note">
            {save.report.reencoded
              ? 'The picture was re-encoded to make this copy, so its quality may be very slightly lower.'
              : 'The picture itself was not changed: same quality, only the hidden details were taken out.'}{' '}
            Your original photo was not touched.
          </p>
          <ChangeList summary="What was taken out" items={save.report.removed} />
          <ChangeList summary="What was kept, and why" items={save.report.kept} />
          <div className="save-actions">
            <button type="button" className="button secondary" onClick={() => onOpenFolder(parentFolder(save.report.output ?? ''))}>
              <FolderIcon /> Open folder
            </button>
          </div>
        </div>
      ) : (
        <div className="save-prompt">
          <button type="button" className="button primary large" onClick={() => onSave()} disabled={save?.status === 'saving'}>
            <SaveIcon /> {save?.status === 'saving' ? 'Saving…' : 'Save safe copy'}
          </button>
          <p className="save-hint">
            {hiddenAreas > 0
              ? `Makes a new copy without the hidden details, with ${hiddenAreas} marked area${hiddenAreas === 1 ? '' : 's'} covered. Your original stays as it is.`
              : 'Makes a new copy without the hidden details. Your original stays as it is.'}
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
