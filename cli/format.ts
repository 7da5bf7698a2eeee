// The readable (non-JSON) report: severity first, plain words, one next step.
import { isVideoFormat, SEVERITY_RANK, worstSeverity, type Finding, type FindingValue } from '../shared/findings.js';
import { formatTime } from '../shared/video/frame-time.js';
import { FORMAT_LABEL } from '../shared/formats.js';
import type { CleanReport, FileReport } from '../shared/report.js';
import { verdictOf } from '../shared/verdict.js';
import { countAlike, groupVisible } from '../shared/copy-check.js';
import { groupFindings } from '../shared/finding-groups.js';
import { FINEST_DEVICE_METRES } from '../shared/place/gps-words.js';

const LABEL: Record<Finding['severity'], string> = { critical: 'CRITICAL', high: 'HIGH    ', medium: 'MEDIUM  ', low: 'LOW     ' };

export function describeValue(value: FindingValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object' && !Array.isArray(value) && typeof value.latitude === 'number' && typeof value.longitude === 'number') {
    const precision = typeof value.precisionMeters === 'number' ? ` (to within about ${formatMeters(Math.max(value.precisionMeters, FINEST_DEVICE_METRES))})` : '';
    return `${value.latitude.toFixed(6)}, ${value.longitude.toFixed(6)}${precision}`;
  }
  if (Array.isArray(value)) return value.map(describeValue).filter(Boolean).join('; ');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${describeValue(v)}`)
      .join('; ');
  }
  return printable(String(value));
}

/**
 * One line a terminal shows as it is: line breaks (a sign read line by line) become " / ", and
 * other control characters, such as the escape sequences a hostile file can hide in a caption to
 * rewrite the terminal, become spaces.
 */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\s*[\r\n]+\s*/g, ' / ').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(BIDI, escapeChar);
}

/** Characters that reorder the text around them (U+202E shows "gpj.exe" as "exe.jpg"). */
// eslint-disable-next-line no-misleading-character-class
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAMES = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeChar = (c: string): string => {
  const n = c.charCodeAt(0);
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
};

/**
 * A file name as a terminal shows it safely: control characters (escape sequences, new lines) and
 * direction marks are written out as \x1b or \u202e, so the name can neither rewrite the
 * terminal nor disguise itself, and the user still sees that it holds them.
 */
export function escapeName(s: string): string {
  return s.replace(UNSAFE_IN_NAMES, escapeChar);
}

/**
 * JSON for stdout: JSON.stringify escapes C0 controls but leaves C1 controls (U+009B is a
 * terminal's escape introducer), line separators and direction marks as they are: escape those too.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `{ "KEY": [ ...items ] }` written item by item, exactly as toJson would write the whole object,
 * so a long batch never holds every report in memory to print them at the end.
 */
export function jsonList(write: (s: string) => void, key: string): { add(item: unknown): void; end(): void } {
  let count = 0;
  return {
    add(item) {
      write(`${count++ === 0 ? `{\n  ${JSON.stringify(key)}: [\n` : ',\n'}${toJson(item).replace(/^/gm, '    ')}`);
    },
    end() {
      write(count === 0 ? `${toJson({ [key]: [] })}\n` : '\n  ]\n}\n');
    },
  };
}

function formatMeters(m: number): string {
  return m >= 1000 ? `${Math.round(m / 100) / 10} km` : `${Math.max(1, Math.round(m))} m`;
}

function clip(s: string, n = 160): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}


export function verdict(report: FileReport): string {
  const v = verdictOf(report);
  return `${v.headline.toUpperCase()}: ${v.detail}\n  ${v.checked}`;
}

export function formatScanReport(report: FileReport): string {
  const lines: string[] = [];
  const kind = report.format ? FORMAT_LABEL[report.format] : 'unknown';
  const size = report.width && report.height ? `, ${report.width}×${report.height}` : '';
  lines.push(`\n${escapeName(report.path)}  (${kind}${size})`);
  lines.push(`  ${verdict(report)}`);
  if (report.error) {
    lines.push(`  ${printable(report.error.message)}`);
    return `${lines.join('\n')}\n`;
  }
  if (report.gps) {
    const g = report.gps;
    lines.push(`  Where it was taken: ${g.place ? printable(g.place.text) : `${g.latitude.toFixed(5)}, ${g.longitude.toFixed(5)}`}, ${g.accuracy.words}`);
    if (g.details.length) lines.push(`           ${clip(g.details.join('; '))}`);
  }
  // One line per kind of thing, worst first (shared/finding-groups.ts); the unsure ones apart.
  const { groups, maybe } = groupFindings(report.findings);
  for (const group of groups) {
    // What matched the exposure checklist is named by its item, never printed.
    const shown = group.findings.filter((g) => !g.checklistMatch);
    const values = [...new Set(shown.map((g) => describeValue(g.value)).filter((v) => v && !group.findings.some((g) => g.category === v)))];
    // Video findings say when in the video they were seen.
    const where = group.findings.some((g) => g.time !== undefined)
      ? group.findings.filter((g) => g.box).map((g) => `${g.time !== undefined ? `${formatTime(g.time)} ` : ''}at ${g.box!.map(Math.round).join(',')}`)
      : group.regions.map((b) => `at ${b.map(Math.round).join(',')}`);
    lines.push(`  ${LABEL[group.severity]} ${printable(group.summary)}${values.length ? `: ${clip(values.join(' | '))}` : ''}`);
    if (where.length) lines.push(`           ${clip(`box x,y,w,h: ${where.join('; ')}`)}`);
    lines.push(`           ${group.explanation}`);
    lines.push(`           → ${group.action}`);
  }
  if (maybe.length) {
    lines.push('  Maybe, have a look (the checks are not sure of these; they do not count in the verdict):');
    for (const group of maybe) lines.push(`           ${printable(group.summary)}${group.regions.length ? ` (${clip(group.regions.map((b) => b.map(Math.round).join(',')).join('; '), 100)})` : ''}`);
  }
  if (report.coverage?.frames?.length) lines.push(`  Frames looked at: ${report.coverage.frames.map(formatTime).join(', ')} (the rest of the video was not looked at)`);
  const worst = worstSeverity(report.findings);
  if (worst && SEVERITY_RANK[worst] >= SEVERITY_RANK.medium) {
    const visible = report.findings.some((f) => f.source === 'visual' && f.box && SEVERITY_RANK[f.severity] >= SEVERITY_RANK.medium);
    lines.push(isVideoFormat(report.format)
      ? `  Next step: exposure-check clean "${escapeName(report.path)}"${visible ? ' (what the frames show stays in the copy: trim the video or do not post those parts)' : ''}`
      : `  Next step: exposure-check clean "${escapeName(report.path)}" (then look at what it says is still visible in the copy)`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatSummary(reports: FileReport[]): string {
  const failed = reports.filter((r) => r.error).length;
  const states = reports.filter((r) => !r.error).map((r) => verdictOf(r).state);
  const toFix = states.filter((s) => s === 'fix-before-posting').length;
  const clear = states.filter((s) => s === 'nothing-found').length;
  const partly = states.filter((s) => s === 'not-fully-checked').length;
  return `\n${reports.length} file${reports.length === 1 ? '' : 's'}: ${toFix} to fix before posting, ${clear} with nothing found in what was checked, ${partly} not fully checked, ${failed} could not be read.\n`;
}

export function formatCleanReport(report: CleanReport): string {
  if (report.error) {
    // The shared message is worded for every shell; the command line adds its own way out.
    const hint = report.error.code === 'exists' ? ' Add --force to replace it.' : report.error.code === 'write-failed' ? ' (--out DIR chooses the folder.)' : '';
    return `✗ ${escapeName(report.path)}\n    ${printable(report.error.message)}${hint}\n`;
  }
  const lossless = isVideoFormat(report.format) ? ' (lossless: picture and sound unchanged)' : ' (lossless: picture data unchanged)';
  const lines = [`✓ ${escapeName(report.path)}`, `    copy: ${escapeName(report.output ?? '')}${report.reencoded ? ' (re-encoded)' : lossless}`];
  const copy = report.copy;
  if (copy) {
    lines.push(`    THE COPY: ${copy.verdict.headline.toUpperCase()}: ${copy.verdict.detail}`);
    lines.push(`      ${copy.verdict.checked}${copy.attempts > 1 ? ` The copy was made ${copy.attempts} times, covering more each time the check still saw something.` : ''}`);
  }
  if (report.removed.length) lines.push(`    removed: ${report.removed.join(', ')}`);
  if (copy?.covered.length) lines.push(`    covered: ${countAlike(copy.covered.map((c) => c.label)).join(', ')}`);
  // Low-risk "maybe" details (easily matched areas) would drown the rest; the JSON lists them all.
  const visible = (copy?.visible ?? []).filter((v) => !(v.maybe && v.severity === 'low'));
  if (visible.length) {
    lines.push('    still visible in the copy:');
    for (const group of groupVisible(visible)) {
      const v = group[0]!;
      lines.push(`      ${LABEL[v.severity]} ${printable(v.title)}${group.length > 1 ? ` (${group.length} places)` : ''}${v.maybe ? ' (maybe)' : ''}: ${v.reason}`);
    }
  }
  if (report.kept.length) lines.push(`    kept: ${report.kept.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** "Licence plate", "Licence plate" -> "Licence plate (2)". */
