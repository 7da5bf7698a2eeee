// Node built-ins: `exposure-check stream`: the live guard's pipeline over a video file or a folder
// of frames, for trainers and for testing: the same change test, schedule, detectors, tracker and
// alert rules as the app, run on every frame in order (not against the clock), so a file always
// gives the same tracks. Prints a readable timeline, or JSON.
import { parseArgs } from 'node:util';
import { toUserError } from '../shared/errors.js';
import type { TrackSummary } from '../shared/stream/analyser.js';
import { whereInFrame } from '../shared/stream/words.js';
import { formatTime } from '../shared/video/frame-time.js';
import { escapeName, printable } from './format.js';

const STREAM_HELP = `exposure-check stream --input FILE_OR_FOLDER [--fps N] [--json]

Watches a recorded stream the way the app's live guard watches a live one: a video file (decoded
with ffmpeg, which must be installed) or a folder of frames (taken in name order). Each frame is
tested for change; the checks run where the picture changed and now and then; what is seen twice
becomes a finding, and something serious (a face of someone else, a window, a bed, an address,
a licence plate...) raises an alert, which clears when it leaves the picture.

  --input PATH   the video file or the folder of frames
  --fps N        frames looked at per second of video (default 10; for a folder, the rate its frames were taken at)
  --json         print { "fps", "frames", "tracks": [ { "id", "category", "severity", "title", "box",
                 "firstFrame", "lastFrame", "firstSeconds", "alert" } ] } with boxes in frame pixels
  -h, --help     show this help

Nothing is written anywhere and no frame is kept. Exit status: 0 when the input was read,
1 when it could not be, 2 on a usage error.
`;

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stderrIsTTY: boolean;
}

function usage(io: Io, message: string): number {
  io.stderr(`exposure-check: ${message}\nRun "exposure-check stream --help" for usage.\n`);
  return 2;
}

function label(t: TrackSummary): string {
  const sev = t.severity.toUpperCase();
  return `${t.alert ? 'ALERT ' : t.maybe ? 'maybe ' : ''}${sev}: ${t.title}${t.value ? ` ("${printable(t.value).slice(0, 80)}")` : ''}`;
}

/** A moment of the stream to a tenth of a second: "0:02.0", "1:03:05.4". */
function stamp(seconds: number): string {
  const tenths = Math.round(Math.max(0, seconds) * 10) / 10;
  return `${formatTime(tenths)}.${Math.round((tenths % 1) * 10)}`;
}

/** The readable timeline: what appeared when, where, and when it left. */
export function formatTimeline(
  input: string,
  fps: number,
  frames: number,
  checked: number,
  tracks: TrackSummary[],
  size: { width: number; height: number } | null,
  checks: { ran: string[]; notRun: string[]; failed: string[] },
): string {
  const { failed } = checks;
  const lines = [`${escapeName(input)}: ${frames} frame${frames === 1 ? '' : 's'} at ${fps} a second (${formatTime(frames / fps)}); the checks ran on ${checked} of them.`];
  if (tracks.length === 0) lines.push('  Nothing was seen twice in what was checked.');
  const sorted = [...tracks].sort((a, b) => a.firstSeconds - b.firstSeconds || a.id - b.id);
  for (const t of sorted) {
    const where = size ? `, ${whereInFrame(t.box, size)}` : '';
    const until = t.gone ? `gone after ${stamp(t.lastSeconds)}` : 'still there at the end';
    lines.push(`  ${stamp(t.firstSeconds).padStart(7)}  ${label(t)}${where}; ${until} [track ${t.id}]`);
  }
  const alerts = tracks.filter((t) => t.alert).length;
  lines.push(
    alerts > 0
      ? `${alerts} alert${alerts === 1 ? '' : 's'}: these would need a stream delay to be caught before viewers see them.`
      : tracks.length > 0
        ? 'No alerts: nothing serious was seen twice in what was checked.'
        : 'No alerts.',
  );
  if (checks.ran.length) lines.push(`Looked for: ${checks.ran.join(', ')}.`);
  if (checks.notRun.length) lines.push(`Not looked for in a stream: ${checks.notRun.join(', ')} (check single frames with "exposure-check scan" for these).`);
  if (failed.length) lines.push(`Not checked (the check failed): ${failed.join(', ')}.`);
  return `${lines.join('\n')}\n`;
}

export async function runStream(args: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { input: { type: 'string' }, fps: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    return usage(io, (err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return io.stdout(STREAM_HELP), 0;
  if (positionals.length > 0) return usage(io, `unexpected argument "${positionals[0]}": give the video or folder with --input`);
  if (!values.input) return usage(io, 'stream needs --input FILE_OR_FOLDER');
  const fps = values.fps === undefined ? 10 : Number(values.fps);
  if (!Number.isFinite(fps) || fps <= 0 || fps > 60) return usage(io, '--fps must be a number above 0 and at most 60');

  // The pipeline (and with it the models) loads only once the arguments are right.
  const [{ openFrameSource }, { StreamAnalyser }, { VisualEngine }] = await Promise.all([
    import('../shared/node/stream-frames.js'),
    import('../shared/stream/analyser.js'),
    import('../shared/visual/engine/engine.js'),
  ]);
  const engine = new VisualEngine();
  try {
    const source = await openFrameSource(values.input, fps);
    const analyser = new StreamAnalyser(engine, { mode: 'guard', realtime: false });
    let frames = 0;
    let checked = 0;
    let size: { width: number; height: number } | null = null;
    for await (const frame of source.frames) {
      size ??= { width: frame.width, height: frame.height };
      const outcome = await analyser.analyse(frame);
      frames++;
      if (outcome.passes.length > 0) checked++;
      if (io.stderrIsTTY && frames % 10 === 0) io.stderr(`\r\x1b[KWatching: ${formatTime(frame.time)}`);
    }
    await analyser.settle();
    if (io.stderrIsTTY) io.stderr('\r\x1b[K');
    for (const s of source.skipped) io.stderr(`${escapeName(s.path)}: ${s.message}\n`);
    const tracks = analyser.summaries();
    if (values.json) {
      io.stdout(
        `${JSON.stringify(
          {
            fps,
            frames,
            tracks: tracks.map((t) => ({
              id: t.id,
              category: t.category,
              severity: t.severity,
              title: t.title,
              ...(t.value !== undefined ? { value: t.value } : {}),
              box: t.box,
              firstFrame: t.firstFrame,
              lastFrame: t.lastFrame,
              firstSeconds: t.firstSeconds,
              lastSeconds: t.lastSeconds,
              gone: t.gone,
              maybe: t.maybe,
              alert: t.alert,
            })),
            checked: analyser.checksRun(),
            failedChecks: analyser.failedChecks(),
          },
          null,
          2,
        )}\n`,
      );
    } else {
      io.stdout(formatTimeline(values.input, fps, frames, checked, tracks, size, { ran: analyser.checksRun(), notRun: analyser.checksNotRun(), failed: analyser.failedChecks() }));
    }
    if (frames === 0) {
      io.stderr(`${escapeName(values.input)}: no frame could be read, so nothing was checked.\n`);
      return 1;
    }
    return 0;
  } catch (err) {
    const e = toUserError(err);
    if (values.json) io.stdout(`${JSON.stringify({ fps, frames: 0, tracks: [], error: e })}\n`);
    io.stderr(`${escapeName(values.input)}: ${e.message}\n`);
    return 1;
  } finally {
    await engine.dispose();
  }
}
