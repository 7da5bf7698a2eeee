// The checked photos, one button each with a thumbnail and the verdict in words (not only colour).
// One stop in the Tab order: the arrow keys (and Home/End) move through the list and select as
// they go, the way a file list does.
import { useRef } from 'react';
import { isVideoFormat } from '../../shared/findings.js';
import type { PhotoEntry } from '../state/app-state.js';
import { fileName, savedVerdict, seriousCount, verdictFor } from '../state/present.js';
import { useThumbnail } from '../hooks/useImages.js';
import { CheckIcon, ErrorIcon, WarningIcon } from './Icons.js';

interface Props {
  photos: PhotoEntry[];
  selected: string | null;
  onSelect(path: string): void;
}

function statusText(entry: PhotoEntry): string {
  // After saving, what the re-check of the copy said (the copy is the one to post).
  if (entry.save?.status === 'saved') return entry.save.report.copy?.verdict.headline ?? 'Copy saved';
  if (entry.save?.status === 'failed') return 'Could not save';
  if (entry.save?.status === 'saving') return 'Saving…';
  const verdict = verdictFor(entry.report);
  if (verdict.kind === 'error') return 'Could not check';
  if (entry.report.coverage?.pending) return entry.frames ? `Looking at frames (${entry.frames.done} of ${entry.frames.total})` : 'Looking at frames…';
  if (verdict.kind !== 'fix') return verdict.title;
  const n = seriousCount(entry.report);
  return `Fix before posting (${n})`;
}

const MOVES: Record<string, (i: number, n: number) => number> = {
  ArrowDown: (i, n) => Math.min(n - 1, i + 1),
  ArrowUp: (i) => Math.max(0, i - 1),
  Home: () => 0,
  End: (_i, n) => n - 1,
  PageDown: (i, n) => Math.min(n - 1, i + 10),
  PageUp: (i) => Math.max(0, i - 10),
};

export function PhotoList({ photos, selected, onSelect }: Props) {
  const listRef = useRef<HTMLUListElement>(null);
  // The selected photo takes the Tab stop; if it is filtered out, the first one does.
  const tabStop = photos.some((p) => p.report.path === selected) ? selected : photos[0]?.report.path;

  function onKeyDown(e: React.KeyboardEvent) {
    const move = MOVES[e.key];
    if (!move || photos.length === 0) return;
    e.preventDefault();
    const current = photos.findIndex((p) => p.report.path === tabStop);
    const next = move(Math.max(0, current), photos.length);
    const path = photos[next]?.report.path;
    if (!path) return;
    onSelect(path);
    listRef.current?.querySelectorAll<HTMLButtonElement>('.photo-item')[next]?.focus();
  }

  return (
    <ul className="photo-list" aria-label="Checked photos" ref={listRef} onKeyDown={onKeyDown}>
      {photos.map((entry) => (
        <PhotoItem
          key={entry.report.path}
          entry={entry}
          current={entry.report.path === selected}
          tabbable={entry.report.path === tabStop}
          onSelect={onSelect}
        />
      ))}
    </ul>
  );
}

function PhotoItem({ entry, current, tabbable, onSelect }: { entry: PhotoEntry; current: boolean; tabbable: boolean; onSelect(path: string): void }) {
  const { report } = entry;
  const verdict = verdictFor(report);
  const thumbnail = useThumbnail(report.path, Boolean(report.error), isVideoFormat(report.format));
  const tone = entry.save?.status === 'failed' ? 'error' : entry.save?.status === 'saved' ? savedVerdict(report, entry.save.report).kind : verdict.kind;
  return (
    <li>
      <button
        type="button"
        className={`photo-item tone-${tone}${current ? ' current' : ''}`}
        aria-current={current ? 'true' : undefined}
        tabIndex={tabbable ? 0 : -1}
        onClick={() => onSelect(report.path)}
        title={report.path}
      >
        <span className="photo-thumb" aria-hidden="true">
          {thumbnail ? <img src={thumbnail} alt="" /> : null}
        </span>
        <span className="photo-item-text">
          <span className="photo-item-name">{fileName(report.path)}</span>
          <span className="photo-item-status">
            <span className="photo-item-icon">{tone === 'clear' ? <CheckIcon /> : tone === 'error' ? <ErrorIcon /> : <WarningIcon />}</span>
            {statusText(entry)}
          </span>
        </span>
      </button>
    </li>
  );
}
