// How safe the default safe copy really is: for the labelled licence plates, text and faces of
// corpus/scenes, the share whose pixels the default copy destroys (the labelled box at least 90%
// under the covers). The copy is made by the real pipeline (clean/safe-copy.ts: the copy policy,
// then the re-check of the copy and more covering where it still sees something); the share with
// everything found covered (`--redact all`, planned only) is printed beside it for comparison.
import type { Box } from '../../shared/boxes.js';
import { makeSafeCopy } from '../../shared/clean/safe-copy.js';
import { planCover } from '../../shared/copy-policy.js';
import { coveredShareOf, type CoverArea } from '../../shared/cover.js';
import type { Finding } from '../../shared/findings.js';
import type { ScanCoverage } from '../../shared/report.js';

export const DESTROYED_CATEGORIES = ['licence-plate', 'text', 'face'] as const;
export type DestroyedCategory = (typeof DESTROYED_CATEGORIES)[number];
/** A labelled box counts as destroyed when at least this share of it is covered. */
export const DESTROYED_SHARE = 0.9;

export interface DestroyedTally {
  labels: number;
  /** Destroyed in the default copy. */
  destroyed: number;
  /** Destroyed if everything the checks found were covered. */
  destroyedIfAll: number;
}

export function emptyTallies(): Record<DestroyedCategory, DestroyedTally> {
  return Object.fromEntries(DESTROYED_CATEGORIES.map((c) => [c, { labels: 0, destroyed: 0, destroyedIfAll: 0 }])) as Record<DestroyedCategory, DestroyedTally>;
}

/** Makes the default copy of one labelled photo and counts its labelled boxes destroyed; returns the copy's attempts. */
export async function tallyDestroyed(
  tallies: Record<DestroyedCategory, DestroyedTally>,
  bytes: Uint8Array,
  findings: Finding[],
  truth: Array<{ category: string; box: Box }>,
): Promise<number> {
  const wanted = truth.filter((t): t is { category: DestroyedCategory; box: Box } => (DESTROYED_CATEGORIES as readonly string[]).includes(t.category));
  if (wanted.length === 0) return 0;
  const coverage: ScanCoverage = { metadata: false, picture: 'checked', failedChecks: [] };
  const copy = await makeSafeCopy(bytes, 'photo.jpg', () => 'photo.clean.jpg', { redact: 'default', original: { findings, coverage } });
  const all: CoverArea[] = planCover(findings, 'all').areas;
  for (const t of wanted) {
    const tally = tallies[t.category];
    tally.labels++;
    if (coveredShareOf(t.box, copy.cover) >= DESTROYED_SHARE) tally.destroyed++;
    if (coveredShareOf(t.box, all) >= DESTROYED_SHARE) tally.destroyedIfAll++;
  }
  return copy.check?.attempts ?? 1;
}

export function formatDestroyed(tallies: Record<DestroyedCategory, DestroyedTally>, attempts: number[]): string {
  const share = (n: number, d: number): string => (d === 0 ? '   -' : (n / d).toFixed(2).padStart(4));
  const lines = [
    '',
    `Destroyed in the default safe copy (labelled box at least ${DESTROYED_SHARE * 100}% covered; the copy re-checked and covered again where needed):`,
    'category        labels  destroyed  share   if all found were covered',
  ];
  for (const c of DESTROYED_CATEGORIES) {
    const t = tallies[c];
    lines.push(`${c.padEnd(15)} ${String(t.labels).padStart(6)} ${String(t.destroyed).padStart(10)}   ${share(t.destroyed, t.labels)}   ${share(t.destroyedIfAll, t.labels)}`);
  }
  const again = attempts.filter((a) => a > 1).length;
  lines.push(`copies made: ${attempts.length}; made again after the re-check: ${again}`);
  lines.push('(By design the default copy covers only text that names a person, an address, a phone number or an e-mail, and only faces of people other than the main subject.)');
  return `${lines.join('\n')}\n`;
}
