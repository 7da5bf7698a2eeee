// The trainers' report as one self-contained HTML file: the batch summary, then per photo its
// verdict, a small picture with the covered areas applied, what it gives away in plain words,
// where it was taken (place and map) and what the safe copy fixed. No script, no external
// resource (its own Content-Security-Policy forbids loading any), every text escaped. Pure: the
// CLI and the app build the same file from the same input.
import { summarizeBatch } from '../batch-summary.js';
import { compareFindings, type Finding, type Severity } from '../findings.js';
import { verdictOf } from '../verdict.js';
import type { ReportInput, ReportPhoto } from './types.js';
import { REPORT_CSS } from './style.js';

/** The report may show pictures carried inline and nothing else. */
export const REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const SEVERITY_WORDS: Record<Severity, string> = { critical: 'Critical', high: 'High risk', medium: 'Medium risk', low: 'Low risk' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function fileName(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] || p;
}

interface Line {
  finding: Finding;
  count: number;
}

/** Findings with the same title and severity are one line with a count ("3 places"). */
function lines(findings: readonly Finding[]): Line[] {
  const byKey = new Map<string, Line>();
  for (const f of [...findings].sort(compareFindings)) {
    const key = `${f.severity}\u0000${f.title}`;
    const seen = byKey.get(key);
    if (seen) seen.count += 1;
    else byKey.set(key, { finding: f, count: 1 });
  }
  return [...byKey.values()];
}

/** `maybe`: the detector is unsure, so the line says "Maybe" rather than a severity. */
function findingList(items: Line[], maybe = false): string {
  return `<ul class="findings${maybe ? ' maybe' : ''}">${items
    .map(
      ({ finding: f, count }) =>
        `<li class="sev-${maybe ? 'maybe' : f.severity}"><span class="sev">${maybe ? 'Maybe' : SEVERITY_WORDS[f.severity]}</span> <strong>${escapeHtml(f.title)}</strong>${
          count > 1 ? ` <span class="count">(${count} places)</span>` : ''
        }<br><span class="why">${escapeHtml(f.explanation)}</span></li>`,
    )
    .join('')}</ul>`;
}

/** An SVG shown through <img>: it can neither run script nor load anything from there. */
function svgDataUrl(svg: string): string {
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function copySection(photo: ReportPhoto): string {
  const copy = photo.copy;
  if (!copy) return '<p class="muted">No safe copy was made for this report.</p>';
  if (copy.error) return `<p>The safe copy could not be made: ${escapeHtml(copy.error.message)}</p>`;
  const parts: string[] = [];
  if (copy.removed.length > 0) parts.push(`<li><strong>Taken out of the file:</strong> ${copy.removed.map(escapeHtml).join('; ')}</li>`);
  if (photo.covered && photo.covered.length > 0) parts.push(`<li><strong>Covered in the picture:</strong> ${photo.covered.map(escapeHtml).join('; ')}</li>`);
  if (copy.kept.length > 0) parts.push(`<li><strong>Kept on purpose:</strong> ${copy.kept.map(escapeHtml).join('; ')}</li>`);
  if (parts.length === 0) parts.push('<li>Nothing needed to be taken out.</li>');
  return `<ul class="fixed">${parts.join('')}</ul>`;
}

function photoSection(photo: ReportPhoto, index: number): string {
  const { report } = photo;
  const verdict = verdictOf(report);
  const name = escapeHtml(fileName(report.path));
  const counted = report.findings.filter((f) => !f.maybe);
  const maybe = report.findings.filter((f) => f.maybe);
  const picture = photo.thumbnail
    ? `<img class="thumb" src="${escapeHtml(photo.thumbnail.dataUrl)}" width="${photo.thumbnail.width}" height="${photo.thumbnail.height}" alt="${name}, with the covered areas applied">`
    : '<div class="thumb none">No picture</div>';
  const note = photo.pictureNote ? `<p class="muted picture-note">${escapeHtml(photo.pictureNote)}</p>` : '';
  const place = photo.place
    ? `<div class="place"><h4>Where it was taken</h4><p>${escapeHtml(photo.place.name)}</p>${
        photo.place.mapSvg ? `<img class="map" src="${svgDataUrl(photo.place.mapSvg)}" alt="Map: ${escapeHtml(photo.place.name)}">` : ''
      }</div>`
    : '';
  return `<section class="photo state-${verdict.state}" id="photo-${index + 1}">
<h2><span class="num">${index + 1}.</span> ${name}</h2>
<p class="verdict"><strong>${escapeHtml(verdict.headline)}.</strong> ${escapeHtml(verdict.detail)}</p>
<p class="checked">${escapeHtml(verdict.checked)}</p>
<div class="row">${picture}${place}</div>${note}
${counted.length > 0 ? `<h3>What it gives away</h3>${findingList(lines(counted))}` : report.error ? '' : '<h3>What it gives away</h3><p class="muted">Nothing was found in what was checked.</p>'}
${maybe.length > 0 ? `<h3>Maybe, have a look</h3><p class="muted">The checks are unsure about these; they do not count in the verdict.</p>${findingList(lines(maybe), true)}` : ''}
${report.error ? '' : `<h3>What the safe copy fixed</h3>${copySection(photo)}`}
</section>`;
}

export function buildReportHtml(input: ReportInput): string {
  const summary = summarizeBatch(input.photos.map((p) => p.report));
  const n = input.photos.length;
  const title = input.title ?? `Exposure check of ${n} ${n === 1 ? 'photo' : 'photos'}`;
  const date = input.generatedAt.toISOString().slice(0, 10);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header class="top">
<h1>${escapeHtml(title)}</h1>
<p class="muted">Made on ${date} with Exposure Check, on one computer: no photo was uploaded anywhere. Names, numbers and exact positions read from the photos are left out, so this report can be handed out; the pictures show the safe copies, with the covered areas applied.</p>
</header>
<section class="summary">
<h2>${escapeHtml(summary.headline)}</h2>
${summary.lines.length > 0 ? `<ul>${summary.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : ''}
</section>
${input.photos.map(photoSection).join('\n')}
<footer class="muted">The checks can miss things: look at each picture yourself (windows, doors, letters, screens, reflections) before posting.</footer>
</body>
</html>
`;
}
