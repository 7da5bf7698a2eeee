// Whole-process cleaning compared like with like: our CLI (`clean --redact none`, metadata only),
// ExifTool's batch mode and a plain `cp`, each started as a new process on the same input folder,
// run in turn several times; medians of wall time and CPU time (user + sys), peak memory, ratios.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export interface ProcessTiming {
  wall: number;
  cpu: number;
  maxRssMB: number;
  ok: boolean;
}

export interface Tool {
  name: string;
  /** The command for one run: reads `input` (a folder), writes into `out` (absent before the run). */
  command: (input: string, out: string) => [string, string[]];
}

export const hasExiftool = spawnSync('exiftool', ['-ver'], { encoding: 'utf8' }).status === 0;

/**
 * Runs a command under /usr/bin/time: wall seconds (timed here, to the millisecond: /usr/bin/time
 * rounds to 10 ms), user+sys seconds, peak resident memory.
 */
export function timeProcess(cmd: string, args: string[]): ProcessTiming {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '@@ %e %U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wall = (performance.now() - t0) / 1000;
  const line = (r.stderr ?? '').split('\n').reverse().find((l) => l.startsWith('@@ ')) ?? '@@ NaN NaN NaN NaN';
  const [, user, sys, rss] = line.slice(3).split(' ').map(Number) as [number, number, number, number];
  // Exit status 1 = some files could not be cleaned (the corpus holds damaged files on purpose);
  // anything else is a crash. cp and the floor script copy everything: any error is one.
  const copiesOnly = cmd === 'cp' || args[0]?.endsWith('copy-floor.js') === true;
  return { wall, cpu: user + sys, maxRssMB: rss / 1024, ok: r.status === 0 || (!copiesOnly && r.status === 1) };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const fmt = (n: number, d = 2): string => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

export function standardTools(cli: string): Tool[] {
  const tools: Tool[] = [
    { name: 'exposure-check clean --redact none', command: (input, out) => [process.execPath, [cli, 'clean', '--redact', 'none', '--json', '--out', out, input]] },
    { name: 'cp -r', command: (input, out) => ['cp', ['-r', input, out]] },
  ];
  if (hasExiftool) tools.splice(1, 0, { name: 'exiftool -all= -o DIR', command: (input, out) => ['exiftool', ['-q', '-q', '-m', '-all=', '-o', `${out}/`, input]] });
  return [...tools, ...floorTools()];
}

/**
 * Node's own floor (bench/copy-floor.ts): a bare Node process that only reads each file and writes
 * it to a temporary file renamed into place, as our clean does, without cleaning anything. Our
 * start-up, reads and writes cannot cost less than this; `cp` does not pay Node's start-up.
 */
export function floorTools(): Tool[] {
  const script = fileURLToPath(new URL('./copy-floor.js', import.meta.url));
  const floor = (mode: string): Tool['command'] => (input, out) => [process.execPath, [script, mode, input, out]];
  return [
    { name: 'node read+write, in turn (floor)', command: floor('read-write') },
    { name: 'node copyFileSync, in turn (floor)', command: floor('copyfile') },
    { name: 'node read+write, 4 in flight (floor)', command: floor('parallel') },
  ];
}

/** The ratio lines under a comparison: ours against ExifTool (throughput), cp and Node's floors (time). */
export function ratioLines(timings: Map<string, ProcessTiming>, ours: string): string[] {
  const us = timings.get(ours)!;
  const lines: string[] = [];
  const exif = [...timings].find(([n]) => n.startsWith('exiftool'))?.[1];
  if (exif) lines.push(`throughput vs ExifTool: ${fmt(exif.wall / us.wall)}x wall, ${fmt(exif.cpu / us.cpu)}x CPU  (goal: at least 3x)`);
  const floors = [...timings].filter(([n]) => n.endsWith('(floor)')).map(([, t]) => t);
  if (exif && floors.length) {
    const best = (k: 'wall' | 'cpu'): number => Math.min(...floors.map((t) => t[k]));
    lines.push(`the 3x goal means at most ${fmt(exif.wall / 3)} s wall, ${fmt(exif.cpu / 3)} s CPU; Node alone moving the same bytes (the floors above) takes ${fmt(best('wall'))} s wall, ${fmt(best('cpu'))} s CPU at best`);
  }
  for (const [name, t] of timings) {
    if (name === ours || name.startsWith('exiftool')) continue;
    const goal = name.startsWith('cp') ? '  (goal: within 2x)' : '';
    lines.push(`time vs ${name.replace(/ \(.*\)$/, '')}: ${fmt(us.wall / t.wall)}x wall, ${fmt(us.cpu / Math.max(t.cpu, 0.01))}x CPU${goal}`);
  }
  return lines;
}

/**
 * Runs every tool `runs` times in turn (A B C, A B C...) on `input`, each time into a new output
 * folder under `work`, and prints medians and ratios. Returns the medians by tool name.
 */
export function compareTools(label: string, input: string, work: string, tools: Tool[], runs: number): Map<string, ProcessTiming> {
  const files = listFiles(input);
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  console.log(`\n${label}: ${files.length} files, ${fmt(bytes / 1048576, 1)} MB; each tool a whole process, ${runs} runs in turn, medians`);
  const samples = new Map<string, ProcessTiming[]>(tools.map((t) => [t.name, []]));
  const loadBefore = loadavg()[0] ?? NaN;
  for (let r = 0; r < runs; r++) {
    for (const tool of tools) {
      const out = path.join(work, `out-${tool.name.replace(/\W+/g, '-')}`);
      rmSync(out, { recursive: true, force: true });
      const [cmd, args] = tool.command(input, out);
      const t = timeProcess(cmd, args);
      if (!t.ok) console.log(`  (${tool.name} exited with an error on run ${r + 1})`);
      samples.get(tool.name)!.push(t);
      rmSync(out, { recursive: true, force: true });
    }
  }
  console.log(`  ${machineLoad(loadBefore)}`);
  const medians = new Map<string, ProcessTiming>();
  for (const tool of tools) {
    const s = samples.get(tool.name)!;
    const m = { wall: median(s.map((x) => x.wall)), cpu: median(s.map((x) => x.cpu)), maxRssMB: median(s.map((x) => x.maxRssMB)), ok: s.every((x) => x.ok) };
    medians.set(tool.name, m);
    console.log(`  ${tool.name.padEnd(36)} ${fmt(files.length / m.wall, 1).padStart(8)} files/s  wall ${fmt(m.wall).padStart(6)} s  cpu ${fmt(m.cpu).padStart(6)} s  peak ${fmt(m.maxRssMB, 0).padStart(5)} MB`);
  }
  for (const l of ratioLines(medians, tools[0]!.name)) console.log(`  ${l}`);
  return medians;
}

/**
 * The 1-minute load average before and after the runs, against the number of cores: above the
 * number of cores, other work competed for the CPU and wall times are longer than on a quiet machine.
 */
export function machineLoad(before: number): string {
  const after = loadavg()[0] ?? NaN;
  const cores = cpus().length;
  const shared = Math.max(before, after) > cores / 2;
  return `load average ${fmt(before, 1)} before, ${fmt(after, 1)} after, on ${cores} cores: ${shared ? 'the machine was shared, so wall times are longer than on a quiet machine (CPU times much less affected)' : 'a quiet machine'}`;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * A few hundred JPEGs of 2 to 12 megapixels carrying a phone's full metadata (EXIF with GPS and
 * maker notes, a thumbnail, XMP, IPTC): `distinct` pictures made from real scene photos at sizes
 * spread over that range, metadata copied in by ExifTool, then copied to `count` files.
 */
export async function makeJpegSet(dir: string, count: number, metadataSource: string, scenes: string[], distinct = 24): Promise<string> {
  const set = path.join(dir, 'jpegs');
  const seeds = path.join(dir, 'seeds');
  mkdirSync(set, { recursive: true });
  mkdirSync(seeds, { recursive: true });
  for (let i = 0; i < distinct; i++) {
    const mp = 2 + (10 * i) / Math.max(1, distinct - 1);
    const width = Math.round(Math.sqrt(mp * 1e6 * 4 / 3));
    const height = Math.round(width * 3 / 4);
    await sharp(scenes[i % scenes.length]!).resize(width, height, { fit: 'cover' }).jpeg({ quality: 90 }).toFile(path.join(seeds, `seed-${String(i).padStart(2, '0')}.jpg`));
  }
  if (hasExiftool) {
    execFileSync('exiftool', ['-q', '-q', '-m', '-overwrite_original', '-TagsFromFile', metadataSource, '-all:all', '-ThumbnailImage<ThumbnailImage',
      '-XMP:City=Bristol', '-XMP:Creator=Jane Roe', '-IPTC:By-line=Jane Roe', '-IPTC:City=Bristol', '-Artist=Jane Roe', '-SerialNumber=SN12345678', seeds]);
  }
  const seedFiles = readdirSync(seeds).sort().map((f) => path.join(seeds, f));
  for (let i = 0; i < count; i++) copyFileSync(seedFiles[i % seedFiles.length]!, path.join(set, `photo-${String(i).padStart(5, '0')}.jpg`));
  return set;
}

/** `count` names for the files of `from` (hard links: no extra disk, the same bytes to read). */
export function linkedSet(from: string, to: string, count: number): string {
  mkdirSync(to, { recursive: true });
  const src = listFiles(from).sort();
  for (let i = 0; i < count; i++) linkSync(src[i % src.length]!, path.join(to, `photo-${String(i).padStart(5, '0')}.jpg`));
  return to;
}
