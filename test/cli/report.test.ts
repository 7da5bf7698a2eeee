// The trainers' report on real corpus photos: built from the real scan and an in-memory safe copy,
// opened in Debian's Chromium with every request watched (it must load nothing), its pictures
// checked with ExifTool (no metadata) and with their pixels (the covered areas are covered), and
// the `exposure-check report` command writing HTML and PDF.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { defaultCover, reportPhotoFor } from '../../shared/node/report-photo.js';
import { buildReportHtml } from '../../shared/trainer-report/html.js';
import type { ReportPhoto } from '../../shared/trainer-report/types.js';

const repo = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(repo, '../shared/corpus');
const PLATE = path.join(corpus, 'scenes/openalpr_us__car1.jpg');
const GPS = path.join(corpus, 'metadata/exifsamples__DSCN0010.jpg');
const CORRUPT = path.join(corpus, 'metadata/exifcleaner__corrupted.jpg');
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stderrIsTTY: false });
  return { code, stdout, stderr };
}

function dataImages(html: string): Buffer[] {
  return [...html.matchAll(/src="data:image\/jpeg;base64,([A-Za-z0-9+/=]+)"/g)].map((m) => Buffer.from(m[1]!, 'base64'));
}

let dir: string;
let photos: ReportPhoto[];
let html: string;
let browser: Browser | undefined;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'exposure-report-'));
  // A hostile file name: it must stay text in the report.
  const hostile = path.join(dir, '<img src=x onerror=alert(1)>.jpg');
  copyFileSync(GPS, hostile);
  photos = [await reportPhotoFor(PLATE, { visual: true }), await reportPhotoFor(hostile, { describePlace: true }), await reportPhotoFor(CORRUPT)];
  html = buildReportHtml({ generatedAt: new Date('2026-12-04T12:00:00Z'), photos });
  writeFileSync(path.join(dir, 'report.html'), html);
  if (hasChromium) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the report file', () => {
  it('is one file that points at nothing outside itself', () => {
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|@import|url\(/i);
    for (const [, value] of html.matchAll(/\s(?:src|href)="([^"]*)"/g)) expect(value).toMatch(/^data:image\//);
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none'`);
  });

  it.skipIf(!hasChromium)('renders in Chromium, loads nothing from outside, and keeps a hostile file name as text', async () => {
    const page = await browser!.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${path.join(dir, 'report.html')}`);
    expect(requests.filter((u) => !u.startsWith('data:'))).toEqual([`file://${path.join(dir, 'report.html')}`]);
    expect(errors).toEqual([]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Exposure check of 3 photos');
    await expect(page.locator('.summary h2').textContent()).resolves.toBe('2 of 3 photos need fixing before posting');
    const headings = await page.locator('.photo h2').allTextContents();
    expect(headings).toEqual(['1. openalpr_us__car1.jpg', '2. <img src=x onerror=alert(1)>.jpg', '3. exifcleaner__corrupted.jpg']);
    // Every picture shown decoded (a broken data: URL would have no size).
    const sizes = await page.locator('img.thumb').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    expect(sizes).toHaveLength(2);
    for (const w of sizes) expect(w).toBeGreaterThan(100);
    await expect(page.locator('img:not(.thumb):not(.map)').count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(repo, 'test-artifacts/screenshots/report.png'), fullPage: true });
    await page.close();
  });

  it('shows pictures that carry no metadata (ExifTool)', () => {
    const images = dataImages(html);
    expect(images).toHaveLength(2);
    images.forEach((bytes, i) => {
      const file = path.join(dir, `thumb-${i}.jpg`);
      writeFileSync(file, bytes);
      const tags = (JSON.parse(execFileSync('exiftool', ['-j', '-a', '-G1', file], { encoding: 'utf8' })) as Array<Record<string, unknown>>)[0]!;
      const groups = new Set(Object.keys(tags).map((k) => k.split(':')[0]));
      for (const g of groups) expect(['SourceFile', 'ExifTool', 'System', 'File', 'JFIF', 'Composite']).toContain(g);
    });
  });

  it('shows the covered areas covered in the picture', async () => {
    const plate = photos[0]!;
    const covered = defaultCover(plate.report);
    expect(covered.length).toBeGreaterThan(0);
    const thumb = dataImages(html)[0]!;
    const meta = await sharp(thumb).metadata();
    const scale = meta.width! / plate.report.width!;
    for (const area of covered) {
      if (area.shape !== 'box') continue;
      const [x, y, w, h] = area.box;
      // The inside of the box, a pixel in from its edges (the thumbnail is resampled).
      const region = { left: Math.ceil(x * scale) + 1, top: Math.ceil(y * scale) + 1, width: Math.max(1, Math.floor(w * scale) - 2), height: Math.max(1, Math.floor(h * scale) - 2) };
      const stats = await sharp(await sharp(thumb).extract(region).png().toBuffer()).stats();
      expect(Math.max(...stats.channels.map((c) => c.stdev))).toBeLessThan(6);
    }
    expect(plate.covered?.length).toBeGreaterThan(0);
  });

  it('says what the safe copy fixed, in words, and why a file could not be checked', () => {
    expect(html).toContain('What the safe copy fixed');
    expect(html).toContain('Taken out of the file:');
    expect(html).toContain('Covered in the picture:');
    expect(html).toContain('Could not check this file');
    // Values read from the photos are not printed: the plate's characters, the GPS digits.
    const gps = photos[1]!.report.findings.find((f) => f.category === 'location' && typeof f.value === 'object');
    const lat = (gps?.value as { latitude: number }).latitude;
    expect(html).not.toContain(lat.toFixed(4));
  });
});

describe('exposure-check report', () => {
  it('says where a photo with GPS was taken, in words and on a small offline map', async () => {
    const place = photos[1]!.place;
    expect(place?.name).toMatch(/^(near|about \d+ km from) [A-Z]/);
    expect(place?.name).toMatch(/, to within /);
    expect(html).toContain('Where it was taken');
    const maps = [...html.matchAll(/src="data:image\/svg\+xml,([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!));
    expect(maps).toHaveLength(1);
    expect(maps[0]).toMatch(/^<svg[^>]*>.*<circle /);
    expect(maps[0]).not.toMatch(/<script|href=|url\(/i);
    // The photo without GPS has no place.
    expect(photos[0]!.place).toBeUndefined();
  });

  it('writes the HTML report and never replaces a file without --force', async () => {
    const out = path.join(dir, 'cli.html');
    const first = await run(['report', '--no-visual', GPS, CORRUPT, '--out', out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Report written');
    const written = readFileSync(out, 'utf8');
    expect(written).toContain('Exposure check of 2 photos');
    expect(written).toContain('Checked: the hidden information only');
    const again = await run(['report', '--no-visual', GPS, '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Add --force to replace it.');
    expect(readFileSync(out, 'utf8')).toBe(written);
    expect((await run(['report', '--no-visual', GPS, '--out', out, '--force'])).code).toBe(0);
  });

  it('refuses to run without a photo', async () => {
    expect((await run(['report'])).code).toBe(2);
  });

  it.skipIf(!hasChromium)('prints a PDF with the browser on this computer', async () => {
    const out = path.join(dir, 'cli.pdf');
    const r = await run(['report', '--no-visual', GPS, '--pdf', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/Type\s*\/Page\b/);
    expect(pdf.length).toBeGreaterThan(10_000);
  }, 120_000);
});
