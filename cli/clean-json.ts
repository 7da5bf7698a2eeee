// The JSON of `clean --json`, one object per file (documented in the README). The copy's verdict
// comes from re-checking the copy itself.
import type { CleanReport } from '../shared/report.js';

export function toCleanJson(r: CleanReport) {
  const copy = r.copy;
  return {
    path: r.path,
    output: r.output ?? null,
    format: r.format,
    outputFormat: r.outputFormat ?? null,
    reencoded: r.reencoded,
    /** The copy's own verdict: fix-before-posting | nothing-found | not-fully-checked; null when no copy was written. */
    verdict: copy?.verdict.state ?? null,
    checked: copy?.verdict.checked ?? null,
    removed: r.removed,
    kept: r.kept,
    covered: copy?.covered ?? [],
    visible: copy?.visible ?? [],
    ...(copy ? { copy: { headline: copy.verdict.headline, detail: copy.verdict.detail, coverage: copy.coverage, attempts: copy.attempts } } : {}),
    ...(r.error ? { error: r.error } : {}),
  };
}
