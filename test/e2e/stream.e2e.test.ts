// End to end: "Before you go live" in Debian's Chromium with a fake camera playing a y4m built here
// from real corpus photos (bench/stream-scene.ts): a room, then the room with a real car photo held
// into the picture (its licence plate readable), then the room again; Chromium loops the file.
// Frames go from the page (canvas, RGBA at the analysis size) over the bridge's frame port to the
// REAL stream worker (electron/stream-worker.ts in a worker thread), as in the app over a
// MessageChannelMain. The room scan must report the plate; the live guard must raise the alert
// while the car is in the picture and clear it when the car has gone.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeSceneVideo, writeSceneFolder, type SceneParts } from '../../bench/stream-scene.js';
import { buildRendererForE2e } from './bridge/build-renderer.js';
import { startBridge, type Bridge } from './bridge/server.js';
import { CHROMIUM, CORPUS, REPO, SHOTS, hasChromium } from './bridge/places.js';

const SCENES = path.join(CORPUS, 'scenes');
const OUT = path.join(REPO, 'dist/renderer-e2e-stream');
/**
 * The car from the first second (the file starts afresh each time the camera opens) for 24 s, then
 * the room for 24 s; then the loop shows the room, then the car again (the guard's "appears").
 * One frame a second keeps the raw file small (~66 MB); the page still takes its frames at its pace.
 */
const PARTS: SceneParts = { fps: 1, before: 0, during: 24, after: 24 };

describe.skipIf(!hasChromium)('"Before you go live" with a fake camera over the real stream worker', { timeout: 420_000 }, () => {
  let dir: string;
  let bridge: Bridge;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'exposure-e2e-stream-'));
    const frames = path.join(dir, 'frames');
    await writeSceneFolder(SCENES, frames, PARTS);
    const y4m = path.join(dir, 'camera.y4m');
    encodeSceneVideo(frames, y4m, PARTS.fps);
    rmSync(frames, { recursive: true, force: true });
    await buildRendererForE2e(OUT);
    mkdirSync(SHOTS, { recursive: true });
    bridge = await startBridge({ rootDir: OUT, userDataDir: path.join(dir, 'data') });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${y4m}`,
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(bridge.appUrl);
    await page.getByRole('heading', { name: 'Drop photos or a folder here' }).waitFor();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    rmSync(OUT, { recursive: true, force: true });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, name), fullPage: true, animations: 'disabled' });

  it('scans the room and reports the readable plate as "Fix these first", with its fix, on a still frame', async () => {
    // Keyboard only: the top bar's button, then the camera.
    await page.getByRole('button', { name: 'Before you go live' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Before you go live' }).waitFor();
    await page.getByRole('button', { name: 'Use a camera' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Watching:').waitFor();
    // A first short guard loads the checks (slow on a busy machine), so the room scan below starts
    // looking at once, while the car is in the picture.
    await page.getByRole('button', { name: 'Start the live guard' }).click();
    await page.getByText(/^Guard on: watching/).waitFor({ timeout: 180_000 });
    await page.getByRole('button', { name: 'Stop the guard' }).click();
    // The camera opens afresh: the file plays from its start, the car in the picture.
    await page.getByRole('button', { name: 'Use a camera' }).click();
    await page.getByRole('button', { name: 'Scan the room' }).click();
    await page.getByRole('progressbar', { name: 'Room scan' }).waitFor();
    const verdict = page.getByRole('heading', { name: 'Fix these first' });
    await verdict.waitFor({ timeout: 180_000 });
    // The verdict takes focus, so a keyboard user lands on it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('room-verdict');
    const fixes = page.getByRole('list', { name: 'Fix before going live' });
    await expect.poll(() => fixes.innerText()).toMatch(/licence plate/i);
    await expect.poll(() => fixes.innerText()).toMatch(/Fix:/);
    // Drawn on the still frame the scan looked at, on the right half where the car photo is.
    const still = page.getByRole('img', { name: /The last frame the room scan looked at/ });
    expect(await still.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1280);
    expect(await page.locator('.stream-still rect.box-area').count()).toBeGreaterThan(0);
    const text = await page.locator('.stream-report').innerText();
    expect(text).toMatch(/What was checked:/);
    expect(text).not.toMatch(/\bsafe\b/i);
    await shot('stream-room-scan.png');
  });

  it('raises the alert while the car is in the picture and clears it when the car has gone', async () => {
    await page.getByRole('button', { name: 'Start the live guard' }).click();
    await page.getByText(/^Guard on: watching/).waitFor({ timeout: 120_000 });
    const alerts = page.getByRole('list', { name: 'Alerts', exact: true });
    // The car is in the picture for the first 24 s of each 48 s loop.
    await alerts.getByText(/licence plate/i).first().waitFor({ timeout: 150_000 });
    await expect.poll(() => alerts.innerText()).toMatch(/Where: .*right/);
    expect(await alerts.getByRole('img').first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await shot('stream-guard-alert.png');
    // A new budget while guarding: the guard goes on at the new pace, keeping what it tracks (a
    // restart would count frames from 0 and alert again what is still in view).
    const checked = async () => Number(/(\d+) frames? checked/.exec(await page.getByText(/^\d+ frames? checked\.$/).innerText())?.[1] ?? NaN);
    const before = await checked();
    await page.getByLabel('Frames checked a second').selectOption('10');
    await new Promise((r) => setTimeout(r, 2000));
    expect(await checked()).toBeGreaterThanOrEqual(before);
    await page.getByText(/^Guard on: watching/).waitFor();
    // The car leaves the picture: the alert clears (moved to the earlier alerts, said in words).
    // Every alert of the car (its plate, the phone number on it) clears when it goes.
    await alerts.waitFor({ state: 'detached', timeout: 150_000 });
    const earlier = page.getByRole('list', { name: 'Earlier alerts' });
    const plate = earlier.getByRole('listitem').filter({ hasText: /licence plate/i }).first();
    await expect.poll(() => plate.innerText()).toMatch(/Gone from the picture/);
    expect(await page.getByRole('heading', { name: 'Check your stream now' }).count()).toBe(0);
    await shot('stream-guard-cleared.png');
    // One click stops the guard.
    await page.getByRole('button', { name: 'Stop the guard' }).click();
    await page.getByText(/^Guard on/).waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  });
});
