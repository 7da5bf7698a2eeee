// The command line on real corpus photos and on every kind of bad input the issue names.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';

const repo = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(repo, '../shared/corpus/metadata');
const C = (name: string) => path.join(corpus, name);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stderrIsTTY: false });
  return { code, stdout, stderr };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'exposure-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scan', () => {
  it('prints a caption with terminal escape sequences and line breaks as one harmless line', async () => {
    const file = path.join(dir, 'hostile-caption.jpg');
    copyFileSync(C('exifsamples__BlueSquare.jpg'), file);
    const caption = 'Hello\u001b]0;owned\u0007\u001b[2J\nsecond line';
    const set = spawnSync('exiftool', ['-q', '-overwrite_original', `-ImageDescription=${caption}`, file], { encoding: 'utf8' });
    expect(set.status, set.stderr).toBe(0);
    const r = await run(['scan', '--no-visual', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Hello');
    expect(r.stdout).toContain('/ second line');
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('reports the GPS position of a real phone photo as a critical location finding, in JSON', async () => {
    const r = await run(['scan', '--json', '--no-visual', C('exifsamples__DSCN0010.jpg')]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { files: { path: string; format: string; findings: { id: string; category: string; severity: string; title: string; source: string; value: unknown }[] }[] };
    expect(doc.files).toHaveLength(1);
    const file = doc.files[0]!;
    expect(file.format).toBe('jpeg');
    const gps = file.findings.find((f) => f.category === 'location' && f.severity === 'critical');
    expect(gps).toBeDefined();
    expect(gps!.source).toBe('metadata');
    const v = gps!.value as { latitude: number; longitude: number };
    // MANIFEST: lat,lon = 43.46745, 11.88513 (ExifTool's reading)
    expect(v.latitude).toBeCloseTo(43.46745, 4);
    expect(v.longitude).toBeCloseTo(11.88513, 4);
    for (const f of file.findings) {
      expect(typeof f.id).toBe('string');
      expect(typeof f.title).toBe('string');
    }
  });

  it('prints a readable, severity-first report by default', async () => {
    const r = await run(['scan', '--no-visual', C('exifsamples__DSCN0010.jpg')]);
    expect(r.stdout).toMatch(/FIX BEFORE POSTING/);
    const firstSeverity = r.stdout.match(/\b(CRITICAL|HIGH|MEDIUM|LOW)\b/);
    expect(firstSeverity?.[1]).toBe('CRITICAL');
  });

  it('walks a folder recursively, shows progress on stderr, and reports each bad file on one line while the batch goes on', async () => {
    const folder = path.join(dir, 'mixed');
    mkdirSync(path.join(folder, 'sub'), { recursive: true });
    copyFileSync(C('mei__Apple_iPhone_4.jpg'), path.join(folder, 'good.jpg'));
    copyFileSync(C('exifcleaner__zero_byte.jpg'), path.join(folder, 'empty.jpg'));
    copyFileSync(C('exifcleaner__corrupted.jpg'), path.join(folder, 'sub', 'garbage-after-jpeg-marker.jpg'));
    writeFileSync(path.join(folder, 'sub', 'not-a-photo.jpg'), 'Dear landlord, this is a letter saved with the wrong name.\n');
    copyFileSync(C('exifreader__test-issue-608-truncated-exif-tiff-dos.jpg'), path.join(folder, 'sub', 'truncated.jpg'));
    writeFileSync(path.join(folder, 'notes.txt'), 'not an image, and not named like one');
    symlinkSync('..', path.join(folder, 'sub', 'loop'));
    symlinkSync(path.join(folder, 'gone.jpg'), path.join(folder, 'dangling.jpg'));
    const r = await run(['scan', '--json', '--no-visual', folder]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { files: { path: string; error?: { code: string; message: string }; findings: unknown[] }[] };
    const byName = new Map(doc.files.map((f) => [path.relative(folder, f.path), f]));
    expect(byName.get('good.jpg')?.error).toBeUndefined();
    expect(byName.get('good.jpg')?.findings.length).toBeGreaterThan(0);
    expect(byName.get('empty.jpg')?.error?.code).toBe('empty');
    expect(byName.get(path.join('sub', 'not-a-photo.jpg'))?.error?.code).toBe('not-an-image');
    expect(['corrupt', 'truncated']).toContain(byName.get(path.join('sub', 'garbage-after-jpeg-marker.jpg'))?.error?.code);
    expect(byName.get(path.join('sub', 'truncated.jpg'))?.error).toBeDefined();
    expect(byName.get(path.join('sub', 'loop'))?.error?.message).toMatch(/loop/);
    expect(byName.get('dangling.jpg')?.error?.code).toBe('not-found');
    expect(byName.has('notes.txt')).toBe(false);
    for (const f of doc.files) if (f.error) expect(f.error.message).not.toMatch(/\n|at \w+ \(/);
    expect(r.stderr).toMatch(/Checking \d+\/\d+/);
  });

  it('refuses an image whose pixel count would exhaust memory, from its header alone', async () => {
    const bytes = Buffer.from(readFileSync(C('mei__Apple_iPhone_4.jpg')));
    // Patch the SOF0 frame header: height and width become 60000 x 60000 (3.6 gigapixels).
    let i = 2;
    while (i < bytes.length) {
      const marker = bytes[i + 1]!;
      const len = bytes.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xc2) {
        bytes.writeUInt16BE(60000, i + 5);
        bytes.writeUInt16BE(60000, i + 7);
        break;
      }
      i += 2 + len;
    }
    const huge = path.join(dir, 'huge.jpg');
    writeFileSync(huge, bytes);
    const r = await run(['scan', '--json', '--no-visual', huge]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).files[0].error.code).toBe('too-large');
  });

  it('says what is wrong with usage, with exit status 2', async () => {
    expect((await run(['scan'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    const help = await run(['scan', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--no-visual/);
  });
});

describe('clean', () => {
  it('writes NAME.clean.EXT beside the original, never modifies the original, and refuses to overwrite without --force', async () => {
    const folder = path.join(dir, 'beside');
    mkdirSync(folder);
    const original = path.join(folder, 'holiday.jpg');
    copyFileSync(C('exifsamples__DSCN0010.jpg'), original);
    const before = sha(original);
    const first = await run(['clean', '--json', '--redact', 'none', original]);
    expect(first.code).toBe(0);
    const out = JSON.parse(first.stdout).files[0];
    expect(out.output).toBe(path.join(folder, 'holiday.clean.jpg'));
    expect(out.reencoded).toBe(false);
    expect(out.removed.length).toBeGreaterThan(0);
    expect(sha(original)).toBe(before);
    const copyHash = sha(out.output);

    // A second run must not replace the existing copy...
    writeFileSync(out.output, 'the user edited this file');
    const second = await run(['clean', '--json', '--redact', 'none', original]);
    expect(second.code).toBe(1);
    expect(JSON.parse(second.stdout).files[0].error.code).toBe('exists');
    expect(readFileSync(out.output, 'utf8')).toBe('the user edited this file');
    // The shared message names no flag (the app shows it too); the command line adds its own.
    expect(JSON.parse(second.stdout).files[0].error.message).not.toContain('--');
    expect((await run(['clean', '--redact', 'none', original])).stdout).toContain('Add --force to replace it.');
    // ...unless asked to.
    const forced = await run(['clean', '--json', '--redact', 'none', '--force', original]);
    expect(forced.code).toBe(0);
    expect(sha(out.output)).toBe(copyHash);
    expect(sha(original)).toBe(before);
    // No temporary files are left behind.
    expect(readdirSync(folder).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes into --out, keeps HEIC as HEIC without re-encoding, and keeps going past bad files', async () => {
    const out = path.join(dir, 'out-mixed');
    const r = await run(['clean', '--json', '--redact', 'none', '--out', out, C('exifr__heic-iphone7.heic'), C('exifcleaner__zero_byte.jpg'), C('pillow__exif.png')]);
    expect(r.code).toBe(1);
    const files = JSON.parse(r.stdout).files as { path: string; output: string | null; reencoded: boolean; error?: { code: string } }[];
    expect(files).toHaveLength(3);
    expect(files[0]!.output).toBe(path.join(out, 'exifr__heic-iphone7.clean.heic'));
    expect(files[0]!.reencoded).toBe(false);
    expect(files[1]!.error?.code).toBe('empty');
    expect(files[2]!.output).toBe(path.join(out, 'pillow__exif.clean.png'));
    expect(existsSync(files[2]!.output!)).toBe(true);
  });

  it('--to jpeg re-encodes HEIC to JPEG and says so; any other --to is a usage error', async () => {
    const out = path.join(dir, 'out-jpeg');
    const r = await run(['clean', '--json', '--redact', 'none', '--to', 'jpeg', '--out', out, C('exifr__heic-iphone7.heic')]);
    expect(r.code).toBe(0);
    const [file] = JSON.parse(r.stdout).files as { output: string; reencoded: boolean; outputFormat: string }[];
    expect(file).toMatchObject({ output: path.join(out, 'exifr__heic-iphone7.clean.jpg'), reencoded: true, outputFormat: 'jpeg' });
    expect((await run(['clean', '--to', 'png', C('exifr__heic-iphone7.heic')])).code).toBe(2);
  });

  it('skips its own safe copies when cleaning a folder again', async () => {
    const folder = path.join(dir, 'again');
    mkdirSync(folder);
    copyFileSync(C('mei__HTC_Desire.jpg'), path.join(folder, 'a.jpg'));
    expect((await run(['clean', '--redact', 'none', folder])).code).toBe(0);
    expect((await run(['clean', '--json', '--redact', 'none', folder])).stdout).not.toMatch(/a\.clean\.clean/);
  });
});

describe('the installed command', () => {
  it('runs through package.json bin (as npx exposure-check does)', () => {
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
    const bin = path.join(repo, pkg.bin['exposure-check']);
    // `npm install` / `npm ci` builds dist/ through the "prepare" script.
    expect(existsSync(path.join(repo, 'dist/cli-bundle/main.js')), 'dist/ is missing: run npm install').toBe(true);
    const r = spawnSync(process.execPath, [bin, 'scan', '--json', '--no-visual', C('mei__HTC_Desire.jpg')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).files[0].findings.some((f: { category: string }) => f.category === 'location')).toBe(true);
  });

  it('cleans a batch on every core (metadata only) and prints the reports in the order of the list', () => {
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
    const bin = path.join(repo, pkg.bin['exposure-check']);
    const folder = path.join(dir, 'batch');
    const sources = ['mei__HTC_Desire.jpg', 'exifsamples__DSCN0010.jpg', 'mei__Apple_iPhone_4.jpg'];
    // 30 photos in three folders, each folder with its own photo.jpg: the copies keep the folders.
    for (let i = 0; i < 30; i++) {
      const sub = path.join(folder, `day-${i % 3}`);
      mkdirSync(sub, { recursive: true });
      copyFileSync(C(sources[i % 3]!), path.join(sub, i < 3 ? 'photo.jpg' : `IMG_${String(i).padStart(4, '0')}.jpg`));
    }
    const out = path.join(dir, 'batch-out');
    const r = spawnSync(process.execPath, [bin, 'clean', '--redact', 'none', '--json', '--out', out, folder], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const files = (JSON.parse(r.stdout) as { files: { path: string; output: string }[] }).files;
    expect(files).toHaveLength(30);
    // The order a folder is walked in (sorted), whichever thread finished first.
    expect(files.map((f) => path.relative(folder, f.path))).toEqual(files.map((f) => path.relative(folder, f.path)).sort((a, b) => a.localeCompare(b)));
    for (const f of files) expect(path.relative(out, f.output)).toBe(path.relative(folder, f.path).replace(/\.jpg$/, '.clean.jpg'));
    const text = spawnSync(process.execPath, [bin, 'clean', '--redact', 'none', '--force', '--out', out, folder], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    const order = files.map((f) => text.stdout.indexOf(f.output));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

