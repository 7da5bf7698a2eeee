// The one verdict about a checked file, shared by the app, the CLI's text report and its JSON. It
// never says "safe": at best, nothing was found in what was checked, and it always says what was
// and was not checked.
import { groupFindings } from './finding-groups.js';
import { blocksPosting, isVideoFormat, type Finding } from './findings.js';
import { VERDICT_STATES, type FileReport, type Verdict, type VerdictState } from './report.js';
import { formatTime } from './video/frame-time.js';

export { VERDICT_STATES, type Verdict, type VerdictState };

export const VERDICT_HEADLINE: Record<VerdictState, string> = {
  'fix-before-posting': 'Fix before posting',
  'nothing-found': 'Nothing found in what was checked',
  'not-fully-checked': 'Not fully checked',
};

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** One line on what was and was not looked at. */
export function checkedLine(report: FileReport): string {
  if (report.error) return 'Nothing was checked: the file could not be read.';
  const c = report.coverage;
  if (!c) return 'Checked: the hidden information only; the picture itself was not looked at.';
  if (c.pending) {
    const so = c.frames?.length ? ` and ${plural(c.frames.length, 'frame')} so far` : '';
    return `Checked: the hidden information${so}; the video's frames are being looked at now.`;
  }
  switch (c.picture) {
    case 'checked':
      return 'Checked: the hidden information and what the picture shows.';
    case 'off':
      return 'Checked: the hidden information only; the picture itself was not looked at (the picture check is off).';
    case 'partly':
      if (c.frames) {
        const failed = c.failedChecks.length ? `; not checked in them: ${c.failedChecks.join(', ')}` : '';
        return `Checked: the hidden information and ${plural(c.frames.length, 'frame')} of the video (at ${c.frames.map(formatTime).join(', ')})${failed}; the rest of the video was not looked at.`;
      }
      return `Checked: the hidden information and most of the picture; not checked: ${c.failedChecks.join(', ')}.`;
    case 'failed':
      return `Checked: the hidden information only; the picture could not be looked at${c.pictureError ? ` (${c.pictureError.replace(/\.$/, '')})` : ''}.`;
  }
}

export function seriousFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter(blocksPosting);
}

export function verdictOf(report: FileReport): Verdict {
  const checked = checkedLine(report);
  if (report.error) {
    return { state: 'not-fully-checked', headline: 'Could not check this file', detail: report.error.message, checked, serious: 0 };
  }
  const groups = groupFindings(report.findings).groups.filter((g) => g.serious);
  const serious = groups.length;
  if (serious > 0) {
    const critical = groups.filter((g) => g.severity === 'critical').length;
    const named = groups.slice(0, 3).map((g) => g.summary.charAt(0).toLowerCase() + g.summary.slice(1));
    const more = groups.length > 3 ? `, and ${groups.length - 3} more` : '';
    return {
      state: 'fix-before-posting',
      headline: VERDICT_HEADLINE['fix-before-posting'],
      detail: `${plural(serious, 'problem')} found${critical > 0 ? `, ${critical} of them critical` : ''}: ${named.join('; ')}${more}. ${
        seriousFindings(report.findings).some((f) => f.time !== undefined)
          ? "The safe copy takes out the hidden details but keeps the video's picture: trim out the moments named below, or do not post this video."
          : 'Save a safe copy, check it, and post that instead.'
      }`,
      checked,
      serious,
    };
  }
  if (report.coverage?.picture !== 'checked') {
    return {
      state: 'not-fully-checked',
      headline: VERDICT_HEADLINE['not-fully-checked'],
      detail: report.coverage?.pending
        ? 'Nothing serious was found so far. The frames of this video are still being looked at.'
        : report.coverage?.frames
          ? 'Nothing serious was found in what was checked, but only a few frames of this video were looked at. Watch the whole video yourself before posting it.'
          : isVideoFormat(report.format)
            ? 'Nothing serious was found in what was checked, but the picture of this video was not looked at. Watch the whole video yourself before posting it.'
            : 'Nothing serious was found in what was checked, but part of this photo was not looked at. Look at the picture yourself, or check it again with the picture check on.',
      checked,
      serious,
    };
  }
  return {
    state: 'nothing-found',
    headline: VERDICT_HEADLINE['nothing-found'],
    // The picture checks miss things (see the README), so the verdict never promises more than they can.
    detail: 'The checks found nothing that could locate or identify you. They can miss things: give the picture a look yourself (windows, doors, letters, screens) before posting.',
    checked,
    serious,
  };
}
