// Node built-ins: the `exposure-check` command line. A thin shell over the batch layer in shared/node.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CATEGORIES, VISUAL_CATEGORIES } from '../shared/findings.js';
import { parseRedactSetting, type RedactSetting } from '../shared/copy-policy.js';
import type { CleanReport, FileReport } from '../shared/report.js';
// The file layer (and through it sharp, exifr and the models) loads with the first command that
// needs it, never for --help or a usage error.
const batch = (): Promise<typeof import('../shared/node/batch.js')> => import('../shared/node/batch.js');
import { collectImageFiles } from '../shared/node/files.js';
import { CLEAN_SUFFIX } from '../shared/limits.js';
import { formatCleanReport, formatScanReport, formatSummary, jsonList, toJson } from './format.js';
import { createProgress } from './progress.js';
import { verdictOf } from '../shared/verdict.js';
import { processSecretReader, type ReadSecret } from './passphrase.js';
import { applyChecklist, checklistStep } from '../shared/checklist/apply.js';
import { toCleanJson } from './clean-json.js';

const MAIN_HELP = `exposure-check: find and remove what in your photos can locate you.

Usage:
  exposure-check scan PATH... [--json] [--no-visual] [--checklist DIR]
  exposure-check clean PATH... [--out DIR] [--force] [--redact none|all|CATEGORY,...] [--pixelate] [--to jpeg] [--clear-dates] [--json]
  exposure-check report PATH... [--out FILE] [--pdf] [--no-visual]
  exposure-check checklist init|add|list|due|check|brokers|export|import|passwd|wipe [--store DIR]
  exposure-check stream --input VIDEO_OR_FOLDER [--fps N] [--json]
  exposure-check COMMAND --help

Nothing leaves this computer. Originals are never modified.
`;

const SCAN_HELP = `exposure-check scan PATH... [--json] [--no-visual] [--checklist DIR]

Checks photos (files, or folders searched recursively) for what can locate or identify you:
GPS position, camera serial numbers, names, dates, hidden thumbnails, and (unless --no-visual)
what is visible in the picture: text, screens, doors, windows, bedding, faces, vehicles, codes.

  --json         print one JSON document: { "files": [ { "path", "format", "findings": [...], "error"? } ] }
  --no-visual    only read the metadata (much faster)
  --checklist DIR  compare what each photo shows and where it was taken with your exposure
                 checklist in DIR ("default": the app's own); asks for its passphrase
  -h, --help     show this help

Exit status: 0 when every file was read, 1 when any file could not be read, 2 on a usage error,
3 on a wrong checklist passphrase.
`;

const CLEAN_HELP = `exposure-check clean PATH... [--out DIR] [--force] [--redact none|all|CATEGORY,...] [--pixelate] [--to jpeg] [--clear-dates] [--checklist DIR] [--json]

Writes a safe copy of each photo or video as NAME${CLEAN_SUFFIX}.EXT beside it (or in --out DIR),
without its hidden information, and, for photos, with what the picture shows that can identify or
locate you covered: by default licence plates, QR codes and barcodes, screens, faces of other
people, and text that names a person, an address, a phone number or an e-mail address. Then the
copy itself is checked again, its hidden information and its picture, with the same checks as the
original; if something meant to be covered can still be seen, more is covered and the copy checked
again. The report says what was removed, what was covered, and what can still be seen in the copy
and why. Videos get their hidden information removed; what their frames show stays.

Copies whose picture is untouched are lossless (JPEG, PNG, WebP, GIF, JPEG XL, HEIC/HEIF, AVIF:
the picture's stored bytes are kept as they are; MP4, MOV, M4V and 3GP videos: the stored picture
and sound are kept as they are); covering re-encodes the picture, and TIFF is always re-encoded.
The original is never modified; existing files are never replaced without --force.

  --out DIR        write the copies into DIR (created if needed)
  --force          replace an existing safe copy of the same name
  --redact LIST    what to cover in the picture (solid fill: irreversible):
                     default  what is listed above (when --redact is not given)
                     none     nothing: only the hidden information is removed, and the
                              picture is not looked at at all (fast)
                     all      everything the picture checks find
                     CATEGORY,...  every finding of these categories, e.g. licence-plate,face,text
                     (${VISUAL_CATEGORIES.join(', ')})
  --pixelate       cover with coarse squares instead of a solid fill
  --to jpeg        save HEIC/HEIF and AVIF photos as JPEG instead (for sites that refuse
                   them; the picture is re-encoded)
  --clear-dates    videos: also set the recording date in the video header to zero
                   (kept by default; every other date, place and name is always removed)
  --checklist DIR  also cover text that matches your exposure checklist in DIR ("default": the
                   app's own), and judge the copy with it; asks for its passphrase
  --json           print one JSON document (see the README): per file the copy's path, what was
                   removed, what was covered, the copy's own verdict and what is still visible
  -h, --help       show this help

Exit status: 0 when every copy was written, 1 when any file failed, 2 on a usage error, 3 on a
wrong checklist passphrase.
`;

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stderrIsTTY: boolean;
  /** Passphrases for the checklist (tests pass their own; the default reads the terminal or stdin). */
  readSecret?: ReadSecret;
}

const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stderrIsTTY: process.stderr.isTTY === true,
};

/** Runs `body` with a passphrase reader: the caller's, or this process's stdin/terminal (closed after). */
async function withSecrets<T>(io: Io, body: (read: ReadSecret) => Promise<T>): Promise<T> {
  if (io.readSecret) return body(io.readSecret);
  const reader = processSecretReader();
  try {
    return await body(reader.read);
  } finally {
    reader.close();
  }
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(MAIN_HELP);
    return command ? 0 : 2;
  }
  try {
    if (command === 'scan') return await runScan(rest, io);
    if (command === 'clean') return await runClean(rest, io);
    if (command === 'report') return await (await import('./report.js')).runReport(rest, io);
    // Loaded on use: the encrypted store's native modules stay out of every other command.
    if (command === 'checklist') return await withSecrets(io, async (readSecret) => (await import('./checklist.js')).runChecklist(rest, { ...io, readSecret }));
    if (command === 'stream') return await (await import('./stream.js')).runStream(rest, io);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`exposure-check: ${(err as Error).message}\nRun "exposure-check ${command} --help" for usage.\n`);
      return 2;
    }
    throw err;
  }
  io.stderr(`exposure-check: unknown command "${command}"\n\n${MAIN_HELP}`);
  return 2;
}

class UsageError extends Error {}

async function expand(paths: string[], skipSuffix?: string) {
  const files = [];
  for await (const f of collectImageFiles(paths, skipSuffix ? { skipSuffix } : {})) files.push(f);
  return files;
}

async function runScan(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, 'no-visual': { type: 'boolean' }, checklist: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return io.stdout(SCAN_HELP), 0;
  if (positionals.length === 0) throw new UsageError('scan needs at least one file or folder');
  // The values are read into memory once and the store locked again before any photo is opened.
  const opened = values.checklist === undefined ? null : await withSecrets(io, async (read) => (await import('./checklist-scan.js')).openChecklistMatcher(values.checklist!, read));
  if (opened && 'exitCode' in opened) return io.stderr(`exposure-check: ${opened.message}\n`), opened.exitCode;
  const matcher = opened?.matcher ?? null;
  const files = await expand(positionals);
  const progress = createProgress(io, files.length, 'Checking');
  const reports: FileReport[] = [];
  for (const [i, f] of files.entries()) {
    progress.update(i, f.path);
    const report = f.error
      ? { path: f.path, format: null, size: 0, findings: [], embeddedImages: [], error: { code: f.error.code, message: f.error.message } }
      : applyChecklist(await (await batch()).scanFile(f.path, { visual: !values['no-visual'], describePlace: true }), matcher);
    reports.push(report);
    if (!values.json) io.stdout(formatScanReport(report));
  }
  progress.done();
  if (values.json) io.stdout(`${toJson({ files: reports.map(toScanJson) })}\n`);
  else io.stdout(formatSummary(reports));
  return reports.some((r) => r.error) || files.length === 0 ? 1 : 0;
}

function toScanJson(r: FileReport) {
  const verdict = verdictOf(r);
  return {
    path: r.path,
    format: r.format,
    ...(r.width ? { width: r.width, height: r.height } : {}),
    verdict: verdict.state,
    checked: verdict.checked,
    ...(r.coverage ? { coverage: r.coverage } : {}),
    ...(r.gps ? { place: { name: r.gps.place?.text ?? null, accuracyMeters: r.gps.accuracy.meters, accuracy: r.gps.accuracy.words, details: r.gps.details } } : {}),
    findings: r.findings,
    embeddedImages: r.embeddedImages,
    ...(r.error ? { error: r.error } : {}),
  };
}

function parseRedact(list: string | undefined): RedactSetting {
  if (list === undefined) return 'default';
  const setting = parseRedactSetting(list);
  if (setting) return setting;
  const wanted = list.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = wanted.filter((c) => !(VISUAL_CATEGORIES as readonly string[]).includes(c));
  const hint = bad.some((c) => (CATEGORIES as readonly string[]).includes(c)) ? ' (metadata is always removed; --redact is for what is visible in the picture)' : '';
  throw new UsageError(`--redact: unknown categor${bad.length === 1 ? 'y' : 'ies'} ${bad.join(', ') || '(none)'}${hint}. Choose from: default, none, all, ${VISUAL_CATEGORIES.join(', ')}`);
}

async function runClean(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      force: { type: 'boolean' },
      redact: { type: 'string' },
      pixelate: { type: 'boolean' },
      to: { type: 'string' },
      'clear-dates': { type: 'boolean' },
      checklist: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return io.stdout(CLEAN_HELP), 0;
  if (positionals.length === 0) throw new UsageError('clean needs at least one file or folder');
  const redact = parseRedact(values.redact);
  if (values.checklist !== undefined && redact === 'none') throw new UsageError('--checklist compares what the picture shows, which --redact none does not look at: leave out one of them');
  // As for scan: the values are read into memory once and the store locked again before any photo is opened.
  const opened = values.checklist === undefined ? null : await withSecrets(io, async (read) => (await import('./checklist-scan.js')).openChecklistMatcher(values.checklist!, read));
  if (opened && 'exitCode' in opened) return io.stderr(`exposure-check: ${opened.message}\n`), opened.exitCode;
  const matcher = opened?.matcher ?? null;
  if (values.to !== undefined && values.to !== 'jpeg') throw new UsageError(`--to: only "jpeg" is possible (got "${values.to}")`);
  const files = await expand(positionals, CLEAN_SUFFIX);
  const progress = createProgress(io, files.length, 'Cleaning');
  // Under --out, a folder's photos keep their sub-folders, so two photo.jpg never meet.
  const outDirOf = (f: (typeof files)[number]): string | null =>
    values.out ? path.join(values.out, f.root ? path.relative(f.root, path.dirname(f.path)) : '') : null;
  const reports: (CleanReport | undefined)[] = new Array(files.length);
  // Reports are printed in the order of the list, as soon as every report before them is in, and
  // then let go (--json too, one file at a time), so memory stays flat however many files there are.
  let printed = 0;
  let anyFailed = false;
  const json = values.json ? jsonList(io.stdout, 'files') : null;
  const settle = (i: number, report: CleanReport): void => {
    reports[i] = report;
    for (; printed < files.length && reports[printed]; printed++) {
      const r = reports[printed]!;
      anyFailed ||= r.error !== undefined;
      if (json) json.add(toCleanJson(r));
      else io.stdout(formatCleanReport(r));
      reports[printed] = undefined;
    }
  };
  const failed = (f: (typeof files)[number]): CleanReport =>
    ({ path: f.path, format: null, reencoded: false, removed: [], kept: [], error: { code: f.error!.code, message: f.error!.message } });
  if (redact === 'none') {
    // Metadata only: every core cleans (shared/node/clean-batch.ts), the copies named as in order.
    const jobs = files.flatMap((f, i) => (f.error ? [] : [{ path: f.path, outDir: outDirOf(f), at: i }]));
    files.forEach((f, i) => f.error && settle(i, failed(f)));
    const { cleanBatch } = await import('../shared/node/clean-batch.js');
    let finished = files.length - jobs.length;
    const options = { force: values.force === true, redact, ...(values.to === 'jpeg' ? { to: 'jpeg' as const } : {}), ...(values['clear-dates'] ? { clearDates: true } : {}) };
    await cleanBatch(jobs, options, (j, report) => {
      progress.update(finished++, report.path);
      settle(jobs[j]!.at, report);
    });
  } else {
    // Looking at the picture runs the picture checks (models on both cores already): one photo at a time.
    const written = new Map<string, string>();
    for (const [i, f] of files.entries()) {
      progress.update(i, f.path);
      if (f.error) {
        settle(i, failed(f));
        continue;
      }
      settle(i, await (await batch()).cleanFile(f.path, {
        outDir: outDirOf(f),
        written,
        force: values.force === true,
        redact,
        ...(matcher ? { personalise: checklistStep(matcher) } : {}),
        mode: values.pixelate ? 'pixelate' : 'fill',
        ...(values.to === 'jpeg' ? { to: 'jpeg' as const } : {}),
        ...(values['clear-dates'] ? { clearDates: true } : {}),
      }));
    }
  }
  progress.done();
  json?.end();
  return anyFailed || files.length === 0 ? 1 : 0;
}
