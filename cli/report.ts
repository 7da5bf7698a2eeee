// Node built-ins: `exposure-check report`: one self-contained report file (HTML, or PDF with --pdf)
// for trainers to hand out or show: the batch summary and, per photo, its verdict, a picture of
// its safe copy, what it gives away and what the copy fixed. Nothing is written beside the photos.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { toUserError } from '../shared/errors.js';
import { collectImageFiles, writeFileAtomic } from '../shared/node/files.js';
import { reportPhotoFor } from '../shared/node/report-photo.js';
import { buildReportHtml } from '../shared/trainer-report/html.js';
import type { ReportPhoto } from '../shared/trainer-report/types.js';
import { printable } from './format.js';
import { createProgress } from './progress.js';
import { printReportPdf } from './report-pdf.js';

export const REPORT_HELP = `exposure-check report PATH... [--out FILE] [--pdf] [--no-visual] [--force]

Writes one report for trainers to hand out, show on a projector or print: how many photos need
fixing and why, then for each photo its verdict, a small picture of its safe copy (covered areas
applied, no hidden information), what it gives away in plain words, and what the safe copy fixes.
The file is self-contained: it loads nothing from anywhere. No safe copy is written to disk.

  --out FILE     where to write the report (default: exposure-report.html, or .pdf with --pdf)
  --pdf          write a PDF, printed by a Chromium, Chrome or Edge already on this computer
                 (EXPOSURE_CHECK_BROWSER=/path/to/browser to choose one)
  --no-visual    only read the hidden information (much faster; the report says so)
  --force        replace FILE if it exists
  -h, --help     show this help

Exit status: 0 when the report was written, 1 when it could not be, 2 on a usage error.
`;

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stderrIsTTY: boolean;
}

export async function runReport(args: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        pdf: { type: 'boolean' },
        'no-visual': { type: 'boolean' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    io.stderr(`exposure-check: ${(err as Error).message}\nRun "exposure-check report --help" for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) return io.stdout(REPORT_HELP), 0;
  if (positionals.length === 0) {
    io.stderr('exposure-check: report needs at least one file or folder\nRun "exposure-check report --help" for usage.\n');
    return 2;
  }
  const out = path.resolve(values.out ?? (values.pdf ? 'exposure-report.pdf' : 'exposure-report.html'));

  const files = [];
  for await (const f of collectImageFiles(positionals)) files.push(f);
  const progress = createProgress(io, files.length, 'Checking');
  const photos: ReportPhoto[] = [];
  for (const [i, f] of files.entries()) {
    progress.update(i, f.path);
    photos.push(
      f.error
        ? { report: { path: f.path, format: null, size: 0, findings: [], embeddedImages: [], error: toUserError(f.error) } }
        : await reportPhotoFor(f.path, { visual: !values['no-visual'], describePlace: true }),
    );
  }
  progress.done();

  try {
    const html = buildReportHtml({ generatedAt: new Date(), photos });
    const bytes = values.pdf ? await printReportPdf(html) : new TextEncoder().encode(html);
    await writeFileAtomic(out, bytes, values.force === true);
  } catch (err) {
    const e = toUserError(err);
    io.stderr(`exposure-check: the report could not be written: ${printable(e.message)}${e.code === 'exists' ? ' Add --force to replace it.' : ''}\n`);
    return 1;
  }
  io.stdout(`Report written: ${printable(out)} (${photos.length} photo${photos.length === 1 ? '' : 's'})\n`);
  return 0;
}
