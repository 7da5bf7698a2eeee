// The checked photos, one button each, with the verdict in words (not only colour) beside it.
import type { PhotoEntry } from '../state/app-state.js';
import { fileName, seriousCount, verdictFor } from '../state/present.js';
import { CheckIcon, ErrorIcon, WarningIcon } from './Icons.js';

interface Props {
  photos: PhotoEntry[];
  selected: string | null;
  onSelect(path: string): void;
}

function statusText(entry: PhotoEntry): string {
  if (entry.save?.status === 'saved') return 'Copy saved';
  if (entry.save?.status === 'failed') return 'Could not save';
  if (entry.save?.status === 'saving') return 'Saving…';
  const verdict = verdictFor(entry.report);
  if (verdict.kind === 'error') return 'Could not check';
  if (verdict.kind !== 'fix') return verdict.title;
  const n = seriousCount(entry.report);
  return `Fix before posting (${n})`;
}

export function PhotoList({ photos, selected, onSelect }: Props) {
  return (
    <ul className="photo-list" aria-label="Checked photos">
      {photos.map((entry) => {
        const verdict = verdictFor(entry.report);
        const tone = entry.save?.status === 'failed' ? 'error' : entry.save?.status === 'saved' ? 'partial' : verdict.kind;
        const current = entry.report.path === selected;
        return (
          <li key={entry.report.path}>
            <button
              type="button"
              className={`photo-item tone-${tone}${current ? ' current' : ''}`}
              aria-current={current ? 'true' : undefined}
              onClick={() => onSelect(entry.report.path)}
              title={entry.report.path}
            >
              <span className="photo-item-icon">{tone === 'clear' ? <CheckIcon /> : tone === 'error' ? <ErrorIcon /> : <WarningIcon />}</span>
              <span className="photo-item-text">
                <span className="photo-item-name">{fileName(entry.report.path)}</span>
                <span className="photo-item-status">{statusText(entry)}</span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
