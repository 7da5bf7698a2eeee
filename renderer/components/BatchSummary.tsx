// What the checked photos add up to, above the list: "3 of 5 photos need fixing before posting",
// then one line per kind of problem, the most common first.
import { summarizeBatch } from '../../shared/batch-summary.js';
import type { PhotoEntry } from '../state/app-state.js';

export function BatchSummary({ photos, checking }: { photos: PhotoEntry[]; checking: boolean }) {
  if (photos.length < 2) return null;
  const summary = summarizeBatch(photos.map((p) => p.report));
  const tone = summary.counts['fix-before-posting'] > 0 ? 'fix' : summary.counts.failed + summary.counts['not-fully-checked'] > 0 ? 'partial' : 'clear';
  return (
    <section className={`batch-summary tone-${tone}`} aria-labelledby="batch-summary-title">
      <h2 id="batch-summary-title" className="batch-summary-title">
        {summary.headline}
        {checking && <span className="batch-summary-so-far"> (so far)</span>}
      </h2>
      {summary.lines.length > 0 && (
        <ul className="batch-summary-lines">
          {summary.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
