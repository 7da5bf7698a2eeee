// End to end: the production renderer (built with Vite in e2e mode) in Debian's Chromium, driven by
// playwright-core, over the test-only loopback bridge that runs the REAL main-process services.
// Real corpus photos are copied into temp folders first, so safe copies land there; the copies and
// originals are checked on disk with ExifTool and hashes. Screenshots go to test-artifacts/.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildRendererForE2e } from './bridge/build-renderer.js';
import { startBridge, type Bridge } from './bridge/server.js';
import { CAR_PLATE, readAround } from '../copy/read-around.js';
import { CHROMIUM, CORPUS, REPO, SHOTS, hasChromium } from './bridge/places.js';


if (!hasChromium) console.warn(`E2E skipped: ${CHROMIUM} is missing (apt-get install chromium).`);

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

function tempFolderWith(files: Array<[corpusPath: string, name?: string]>): string {
  const dir = tempDir('exposure-e2e-');
  for (const [src, name] of files) copyFileSync(path.join(CORPUS, src), path.join(dir, name ?? path.basename(src)));
  return dir;
}

/** The largest per-channel standard deviation of a region (stats() alone would ignore extract()). */
async function regionSpread(file: string, region: { left: number; top: number; width: number; height: number }): Promise<number> {
  const crop = await sharp(file).rotate().extract(region).png().toBuffer();
  const { channels } = await sharp(crop).stats();
  return Math.max(...channels.map((c) => c.stdev));
}

function exiftoolTags(file: string): Record<string, unknown> {
  const out = execFileSync('exiftool', ['-j', '-G1', '-a', file], { encoding: 'utf8' });
  return (JSON.parse(out) as Array<Record<string, unknown>>)[0] ?? {};
}

describe.skipIf(!hasChromium)('the app in a real browser over the real services', () => {
  let bridge: Bridge;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await buildRendererForE2e(path.join(REPO, 'dist/renderer-e2e'));
    mkdirSync(SHOTS, { recursive: true });
    bridge = await startBridge({ rootDir: path.join(REPO, 'dist/renderer-e2e'), userDataDir: tempDir('exposure-e2e-data-') });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    // Metadata-only scans for these scenarios; the visual check is slow and has its own test.
    const setup = await openApp('light');
    await setup.getByRole('button', { name: 'Settings' }).click();
    await setup.getByRole('checkbox', { name: 'Check what is in the picture (slower)' }).uncheck();
    await setup.screenshot({ path: path.join(SHOTS, 'settings.png'), animations: 'disabled' });
    await setup.getByRole('button', { name: 'Save settings' }).click();
    await setup.getByRole('dialog').waitFor({ state: 'detached' });
    await setup.close();
  });

  afterEach(async () => {
    await page?.close();
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  async function openApp(colorScheme: 'light' | 'dark'): Promise<Page> {
    const p = await browser.newPage({ viewport: { width: 1280, height: 860 }, colorScheme });
    const problems: string[] = [];
    p.on('console', (m) => m.type() === 'error' && problems.push(`${m.text()} ${m.location().url}`));
    p.on('pageerror', (e) => problems.push(e.message));
    await p.goto(bridge.appUrl);
    await p.getByRole('heading', { name: 'Drop photos or a folder here' }).waitFor();
    // A CSP violation or a script error would show up here.
    expect(problems).toEqual([]);
    return p;
  }

  async function turnOnPictureCheck(p: Page): Promise<void> {
    await p.getByRole('button', { name: 'Settings' }).click();
    await p.getByRole('checkbox', { name: 'Check what is in the picture (slower)' }).check();
    await p.getByRole('button', { name: 'Save settings' }).click();
  }

  it('checks a photo with GPS, saves a safe copy without it, and leaves the original untouched', async () => {
    const dir = tempFolderWith([['metadata/exifsamples__DSCN0010.jpg']]);
    const original = path.join(dir, 'exifsamples__DSCN0010.jpg');
    const before = sha256(original);
    expect(Object.keys(exiftoolTags(original)).some((k) => k.startsWith('GPS:'))).toBe(true);

    page = await openApp('light');
    await page.screenshot({ path: path.join(SHOTS, 'home.png'), animations: 'disabled' });
    bridge.queueDialogResult([original]);
    await page.getByRole('button', { name: 'Choose photos' }).click();

    await page.locator('.verdict-title', { hasText: 'Fix before posting' }).waitFor();
    const location = page.locator('.finding', { has: page.getByText('Location stored:') });
    await expect(location.first().textContent()).resolves.toMatch(/-?\d+\.\d{5}, -?\d+\.\d{5} \(accurate to about [\d.]+ k?m\)/);
    await page.getByRole('img', { name: 'Preview of exifsamples__DSCN0010.jpg' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'results.png'), animations: 'disabled' });
    await page.screenshot({ path: path.join(SHOTS, 'findings-detail.png'), fullPage: true, animations: 'disabled' });

    await page.getByRole('button', { name: 'Save safe copy' }).click();
    await page.getByText('The copy is saved').waitFor();
    const output = (await page.locator('.save-path').textContent())?.trim() ?? '';
    expect(path.dirname(output)).toBe(dir);
    expect(existsSync(output)).toBe(true);
    const gpsLeft = Object.keys(exiftoolTags(output)).filter((k) => k.startsWith('GPS') || k.includes(':GPS'));
    expect(gpsLeft).toEqual([]);
    expect(sha256(original)).toBe(before);
    await page.screenshot({ path: path.join(SHOTS, 'saved.png'), animations: 'disabled' });

    await page.getByRole('button', { name: 'Show in folder' }).click();
    await expect.poll(() => bridge.revealedCopies).toContain(output);
    await page.getByRole('button', { name: 'Open the copy' }).click();
    await expect.poll(() => bridge.openedCopies).toContain(output);
    // Before and after, from the copy on disk: the slider moves with the keyboard.
    await page.getByRole('img', { name: 'The safe copy, exifsamples__DSCN0010.clean.jpg' }).waitFor();
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByRole('slider', { name: 'Move the line between the original and the safe copy' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('img', { name: /split at 51%/ }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'compare.png'), animations: 'disabled' });

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: path.join(SHOTS, 'dark-results.png'), animations: 'disabled' });
  });

  it('shows the problem with a corrupt file in plain words beside it', async () => {
    const dir = tempFolderWith([['metadata/exifcleaner__corrupted.jpg']]);
    const file = path.join(dir, 'exifcleaner__corrupted.jpg');
    const before = sha256(file);
    page = await openApp('light');
    // Keyboard only: Tab reaches Settings first; Enter opens it, Escape closes it and focus returns.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Settings');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Settings');
    // Then past "My exposure checklist" and "Before you go live" to "Choose photos", and press Space.
    bridge.queueDialogResult([file]);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('My exposure checklist');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Before you go live');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Choose photos');
    await page.keyboard.press('Space');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Could not check this file');
    expect(text).toContain('Your file is exactly as it was.');
    expect(text).not.toMatch(/Error:|at \w+ \(|undefined|\[object/);
    await expect(page.getByRole('button', { name: 'Save safe copy' }).count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'error.png'), animations: 'disabled' });
    expect(sha256(file)).toBe(before);
  });

  it('checks a folder of mixed files and shows each outcome', async () => {
    const dir = tempFolderWith([
      ['metadata/exifsamples__DSCN0010.jpg'],
      ['metadata/exifsamples__BlueSquare.jpg'],
      ['metadata/exifr__png_with_exif_and_gps.png'],
      ['metadata/exifcleaner__corrupted.jpg'],
    ]);
    writeFileSync(path.join(dir, 'shopping-list.jpg'), 'eggs, milk, bread\nthis is a text file, not a photo\n');
    page = await openApp('light');
    bridge.queueDialogResult([dir]);
    await page.getByRole('button', { name: 'Choose a folder' }).click();
    const list = page.getByRole('list', { name: 'Checked photos' });
    await page.getByRole('heading', { name: '5 photos checked' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Checking photos' }).waitFor({ state: 'detached' });

    const status = async (name: string) => (await list.getByRole('button', { name: new RegExp(name.replace('.', '\\.')) }).textContent()) ?? '';
    await expect(status('exifsamples__DSCN0010.jpg')).resolves.toContain('Fix before posting');
    await expect(status('exifr__png_with_exif_and_gps.png')).resolves.toContain('Fix before posting');
    await expect(status('exifcleaner__corrupted.jpg')).resolves.toContain('Could not check');
    await expect(status('shopping-list.jpg')).resolves.toContain('Could not check');
    await expect(status('exifsamples__BlueSquare.jpg')).resolves.toMatch(/Nothing found in what was checked|Not fully checked|Fix before posting/);

    await list.getByRole('button', { name: /shopping-list\.jpg/ }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Could not check this file/);
    await page.screenshot({ path: path.join(SHOTS, 'folder-mixed.png'), animations: 'disabled' });

    await page.getByRole('button', { name: 'Save all safe copies' }).click();
    await page.getByText(/3 safe copies saved\./).waitFor();
    for (const name of ['exifsamples__DSCN0010.clean.jpg', 'exifsamples__BlueSquare.clean.jpg', 'exifr__png_with_exif_and_gps.clean.png']) {
      expect(existsSync(path.join(dir, name))).toBe(true);
    }

    // The summary at the top, and the filter down to the photos with problems.
    const summary = page.getByRole('region', { name: /of 5 photos need fixing before posting/ });
    await expect(summary.getByRole('listitem').allTextContents()).resolves.toContain('2 of 5 photos could not be checked');
    await page.getByRole('checkbox', { name: /Only photos with problems/ }).check();
    await expect(list.getByRole('button').count()).resolves.toBeLessThanOrEqual(5);
    await page.getByRole('checkbox', { name: /Only photos with problems/ }).uncheck();

    // The trainers' report as a PDF, printed by Chromium's engine from the real report.
    const report = path.join(dir, 'exposure-report.pdf');
    await page.getByRole('button', { name: 'Export report…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export a report' });
    await dialog.getByRole('radio', { name: /PDF/ }).check();
    bridge.queueDialogResult([report]);
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByText('The report is saved:').waitFor({ timeout: 60_000 });
    expect(readFileSync(report).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.screenshot({ path: path.join(SHOTS, 'report-exported.png'), animations: 'disabled' });
    await dialog.getByRole('button', { name: 'Done' }).click();
  });

  it('says "not fully checked" when the picture was not looked at, and covers what the user draws', async () => {
    const dir = tempFolderWith([['metadata/exifsamples__portrait_6.jpg'], ['metadata/exifsamples__DSCN0010.jpg']]);
    const plain = path.join(dir, 'exifsamples__portrait_6.jpg');
    const photo = path.join(dir, 'exifsamples__DSCN0010.jpg');
    page = await openApp('light');
    bridge.queueDialogResult([plain, photo]);
    await page.getByRole('button', { name: 'Choose photos' }).click();
    // The picture check is off (see beforeAll): nothing serious in the hidden information is not "safe".
    await page.locator('.verdict-title', { hasText: 'Not fully checked' }).waitFor();
    await expect(page.locator('.verdict-checked').textContent()).resolves.toContain('the picture itself was not looked at');
    await expect(page.locator('.verdict').textContent()).resolves.not.toMatch(/\bsafe to post\b/i);

    // Draw a rectangle and a brush stroke with the mouse on the other photo.
    await page.getByRole('list', { name: 'Checked photos' }).getByRole('button', { name: /DSCN0010/ }).click();
    await page.getByRole('button', { name: 'Mark more to cover…' }).click();
    const svg = page.locator('svg.cover-svg');
    await svg.waitFor();
    // The picture's place on screen, read again after each click (a click can scroll the page).
    let b = (await svg.locator('image').boundingBox())!;
    await page.mouse.move(b.x + b.width * 0.1, b.y + b.height * 0.1);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width * 0.2, b.y + b.height * 0.2, { steps: 5 });
    await page.mouse.move(b.x + b.width * 0.3, b.y + b.height * 0.3, { steps: 5 });
    await page.mouse.up();
    await page.getByRole('button', { name: 'Brush' }).click();
    b = (await svg.locator('image').boundingBox())!;
    await page.mouse.move(b.x + b.width * 0.6, b.y + b.height * 0.7);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width * 0.9, b.y + b.height * 0.7, { steps: 10 });
    await page.mouse.up();
    await expect(page.getByRole('list', { name: 'Areas to cover' }).getByRole('button').allTextContents()).resolves.toEqual(['Area you marked (1)', 'Area you marked (2)']);
    await page.screenshot({ path: path.join(SHOTS, 'cover-editor.png'), animations: 'disabled' });
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Save safe copy' }).click();
    await page.getByText('The copy is saved').waitFor({ timeout: 60_000 });
    const output = (await page.locator('.save-path').first().textContent())?.trim() ?? '';
    const { width: W, height: H } = await sharp(output).rotate().metadata().then((m) => ({ width: m.width!, height: m.height! }));
    // Inside the drawn rectangle and along the stroke the copy is one flat colour; the original is not.
    const inRect = { left: Math.round(W * 0.13), top: Math.round(H * 0.13), width: Math.round(W * 0.14), height: Math.round(H * 0.14) };
    const onStroke = { left: Math.round(W * 0.65), top: Math.round(H * 0.7) - 2, width: Math.round(W * 0.2), height: 4 };
    for (const region of [inRect, onStroke]) {
      expect(await regionSpread(output, region)).toBeLessThan(4);
      expect(await regionSpread(photo, region)).toBeGreaterThan(10);
    }
  });

  it('checks what is in the picture, marks it over the preview, and covers the chosen areas in the safe copy', async () => {
    const dir = tempFolderWith([['scenes/openalpr_us__car1.jpg']]);
    const original = path.join(dir, 'openalpr_us__car1.jpg');
    const before = sha256(original);
    page = await openApp('light');
    await turnOnPictureCheck(page);
    bridge.queueDialogResult([original]);
    await page.getByRole('button', { name: 'Choose photos' }).click();
    // Progress and a way to stop show while the (slow) visual check runs.
    const progress = page.getByRole('region', { name: 'Checking progress' });
    await progress.waitFor();
    await expect(progress.getByRole('button', { name: 'Cancel' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'progress.png'), animations: 'disabled' });

    // The first visual check loads the models in the worker: allow it time.
    await page.locator('svg.preview-overlay rect.box-area').first().waitFor({ timeout: 240_000 });
    const hidden = await page.locator('.box-hidden rect.box-area').evaluateAll((rects) =>
      rects.map((r) => ['x', 'y', 'width', 'height'].map((a) => Number(r.getAttribute(a)))),
    );
    expect(hidden.length).toBeGreaterThan(0);
    const toggles = page.getByRole('checkbox', { name: 'Hide this in the safe copy' });
    expect(await toggles.count()).toBeGreaterThanOrEqual(hidden.length);

    // Hovering a finding highlights its box.
    const card = page.locator('.finding-visual').first();
    await card.hover();
    await expect.poll(() => page.locator('.box-highlighted').count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'visual-findings.png'), animations: 'disabled' });

    await page.getByRole('button', { name: 'Save safe copy' }).click();
    await page.getByText('The copy is saved').waitFor({ timeout: 60_000 });
    await expect(page.locator('.save-note').textContent()).resolves.toContain('re-encoded');
    const output = (await page.locator('.save-path').textContent())?.trim() ?? '';
    expect(path.dirname(output)).toBe(dir);
    expect(sha256(original)).toBe(before);
    // The verdict is now the copy's own, from re-checking the copy: never "safe", and it says what
    // was checked. The plate is covered by default, and our own OCR reads nothing of it in the copy.
    const verdict = (await page.locator('.verdict-title').textContent()) ?? '';
    expect(['Nothing found in the copy', 'The copy still needs fixing', 'Copy saved, not fully checked']).toContain(verdict);
    expect(verdict).not.toMatch(/safe/i);
    await expect(page.locator('.verdict-checked').textContent()).resolves.toMatch(/^Checked: the hidden information and what the picture shows/);
    await expect(page.locator('.save-details summary', { hasText: 'What is covered in the copy' }).count()).resolves.toBe(1);
    expect(await readAround(original, CAR_PLATE)).toMatch(/627/);
    expect(await readAround(output, CAR_PLATE)).not.toMatch(/627|WWI/);
    await page.screenshot({ path: path.join(SHOTS, 'visual-saved.png'), animations: 'disabled' });
    // Before and after: the copy read back from disk, and the original beside it.
    await page.getByRole('img', { name: `The safe copy, ${path.basename(output)}` }).waitFor();
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByRole('img', { name: /original on the left, the safe copy on the right/ }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'visual-compare.png'), animations: 'disabled' });

    // Each covered area is one flat colour in the copy; the same area of the original is not.
    for (const [x, y, w, h] of hidden as Array<[number, number, number, number]>) {
      const region = { left: Math.round(x), top: Math.round(y), width: Math.round(w), height: Math.round(h) };
      expect(await regionSpread(output, region)).toBeLessThan(4);
      expect(await regionSpread(original, region)).toBeGreaterThan(10);
    }
  }, 300_000);
  // Debian's Chromium, like Electron's, plays H.264 (and VP8/VP9/AV1), not MPEG-4 Part 2: the corpus
  // 3GP is the video this app cannot decode on any computer, so it must say so in plain words.
  it('checks videos in the window: the poster as preview, the frames through the picture checks, a clean copy, and plain words when a video cannot be decoded', async () => {
    const dir = tempFolderWith([['video/mei__with-gps.mov', 'trip.mov'], ['video/mei__sample.3gp', 'old-phone.3gp']]);
    // A video of a real corpus photo with a readable licence plate, made with Debian's ffmpeg (H.264):
    // the car on the left for the first second, then on the right.
    const car = path.join(dir, 'car.mp4');
    execFileSync('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'color=white:s=900x600:r=5:d=3', '-loop', '1', '-i', path.join(CORPUS, 'scenes/openalpr_us__car1.jpg')],
      ...['-filter_complex', "[1]scale=600:600[c];[0][c]overlay=x='if(lt(t,1),0,300)':y=0:shortest=1", '-t', '3', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', car],
    ]);
    const trip = path.join(dir, 'trip.mov');
    const before = sha256(trip);
    page = await openApp('light');
    await turnOnPictureCheck(page);
    bridge.queueDialogResult([car, trip, path.join(dir, 'old-phone.3gp')]);
    await page.getByRole('button', { name: 'Choose photos' }).click();
    const list = page.getByRole('list', { name: 'Checked photos' });

    // The car video: its first frame decoded by the window is the preview; the frames' findings say when.
    await list.getByRole('button', { name: /car\.mp4/ }).click();
    await page.getByRole('img', { name: 'Preview of car.mp4' }).waitFor({ timeout: 60_000 });
    await page.locator('.verdict-checked', { hasText: '3 frames of the video (at 0:00, 0:01, 0:02)' }).waitFor({ timeout: 240_000 });
    const seen = await page.locator('.finding-where').allTextContents();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((t) => /^Seen in the video: frames? at 0:0\d(, 0:0\d)*( and 0:0\d)?$/.test(t))).toBe(true);
    // One plate where the car stood still (two frames), one where it stood first: two findings, not three.
    const plates = page.locator('.finding-visual', { hasText: 'licence plate' });
    await expect(plates.locator('.finding-where').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Seen in the video: frame at 0:00', 'Seen in the video: frames at 0:01 and 0:02']),
    );
    await expect(plates.count()).resolves.toBe(2);
    // Nothing in a video's picture is offered as covered: its copy keeps the picture.
    await expect(page.getByRole('checkbox', { name: 'Hide this in the safe copy' }).count()).resolves.toBe(0);
    await expect(page.locator('.detail').textContent()).resolves.not.toMatch(/\bsafe to post\b/i);
    // Pointing at a finding from a later frame shows that frame with the finding outlined.
    await plates.filter({ hasText: 'frames at 0:01 and 0:02' }).hover();
    await page.getByRole('img', { name: 'Frame at 0:01 of car.mp4' }).waitFor();
    await expect.poll(() => page.locator('.box-highlighted').count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'video-findings.png'), animations: 'disabled' });

    // The iPhone video: where it was filmed; the safe copy has none of it and plays the same.
    await list.getByRole('button', { name: /trip\.mov/ }).click();
    await page.getByRole('img', { name: 'Preview of trip.mov' }).waitFor({ timeout: 60_000 });
    await page.locator('.finding', { has: page.getByText('Location stored:') }).first().waitFor();
    await page.locator('.verdict-checked', { hasText: /frames? of the video/ }).waitFor({ timeout: 240_000 });
    await page.getByRole('button', { name: 'Save safe copy' }).click();
    await page.getByText('The copy is saved').waitFor({ timeout: 60_000 });
    const output = (await page.locator('.save-path').textContent())?.trim() ?? '';
    expect(path.dirname(output)).toBe(dir);
    const left = Object.entries(exiftoolTags(output)).filter(([k]) => /GPS|Location|ISO6709|Make|Model/i.test(k));
    expect(left).toEqual([]);
    const frames = (file: string) => execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim();
    expect(frames(output)).toBe(frames(trip));
    expect(sha256(trip)).toBe(before);
    await page.screenshot({ path: path.join(SHOTS, 'video-saved.png'), animations: 'disabled' });

    // The 3GP's picture (MPEG-4 Part 2) cannot be decoded here: "not fully checked", and why.
    await list.getByRole('button', { name: /old-phone\.3gp/ }).click();
    await page.locator('.verdict-title', { hasText: 'Not fully checked' }).waitFor({ timeout: 60_000 });
    await expect(page.locator('.verdict-checked').textContent()).resolves.toContain('cannot decode this kind of video');
    await expect(page.locator('.preview-placeholder').textContent()).resolves.toContain("The video's picture could not be shown.");
    await page.screenshot({ path: path.join(SHOTS, 'video-not-decoded.png'), animations: 'disabled' });

    // The trainers' report: each video's first frame as the window decoded it, the car's plate
    // covered in that picture; the 3GP has none, and no video claims a covered copy.
    const reportFile = path.join(dir, 'exposure-report.html');
    await page.getByRole('button', { name: 'Export report…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export a report' });
    await dialog.getByRole('radio', { name: /Web page/ }).check();
    bridge.queueDialogResult([reportFile]);
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByText('The report is saved:').waitFor({ timeout: 120_000 });
    const html = readFileSync(reportFile, 'utf8');
    const section = (name: string) => html.split('<section class="photo').find((part) => part.includes(`</span> ${name}</h2>`)) ?? '';
    expect(section('car.mp4')).toMatch(/<img class="thumb" src="data:image\/jpeg;base64,/);
    expect(section('car.mp4')).toMatch(/first frame, with (1 licence plate|[^<]* and 1 licence plate|1 licence plate(,| and) [^<]*) covered here only/);
    expect(section('trip.mov')).toMatch(/<img class="thumb" src="data:image\/jpeg;base64,/);
    expect(section('old-phone.3gp')).toContain('No picture');
    expect(html).not.toContain('Covered in the picture');
  }, 400_000);

  it('stops looking at video frames when asked after the scan, and says the frames were not looked at', async () => {
    const dir = tempFolderWith([]);
    // Three real H.264 videos of a corpus photo (Debian's ffmpeg): each has frames to look at.
    const videos = ['one.mp4', 'two.mp4', 'three.mp4'].map((name) => path.join(dir, name));
    for (const video of videos) {
      execFileSync('ffmpeg', ['-v', 'error', '-loop', '1', '-i', path.join(CORPUS, 'scenes/openalpr_us__car1.jpg'), '-vf', 'scale=640:480', '-r', '5', '-t', '3', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', video]);
    }
    page = await openApp('light');
    await turnOnPictureCheck(page);
    bridge.queueDialogResult(videos);
    await page.getByRole('button', { name: 'Choose photos' }).click();
    // The scan is done; the frames are next, one video at a time, and can be stopped.
    const status = page.getByRole('region', { name: 'Video checking progress' });
    await status.getByText(/Looking at the frames of [23] videos/).waitFor({ timeout: 120_000 });
    await page.screenshot({ path: path.join(SHOTS, 'video-checks-running.png'), animations: 'disabled' });
    await status.getByRole('button', { name: 'Stop' }).click();
    await status.waitFor({ state: 'detached', timeout: 60_000 });
    // Every video is settled and none is called fully checked; the ones still waiting say their
    // frames were never looked at because the check was stopped.
    const list = page.getByRole('list', { name: 'Checked photos' });
    const said: string[] = [];
    for (const name of ['one', 'two', 'three']) {
      await list.getByRole('button', { name: new RegExp(`${name}\\.mp4`) }).click();
      await page.getByRole('img', { name: `Preview of ${name}.mp4` }).waitFor({ timeout: 60_000 });
      await expect.poll(() => page.locator('.verdict-checked').textContent(), { timeout: 60_000 }).not.toContain('being looked at now');
      const checked = (await page.locator('.verdict-checked').textContent()) ?? '';
      said.push(checked);
      if (checked.includes('you stopped the check')) await expect(page.locator('.verdict-title').textContent()).resolves.toContain('Not fully checked');
      await expect(page.locator('.detail').textContent()).resolves.not.toMatch(/\bsafe to post\b/i);
    }
    expect(said.filter((t) => t.includes('you stopped the check before its frames were looked at')).length).toBeGreaterThanOrEqual(1);
    await expect(list.textContent()).resolves.not.toContain('Looking at frames');
  }, 300_000);
});
