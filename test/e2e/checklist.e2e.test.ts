// End to end: "My exposure checklist" in Debian's Chromium over the REAL main-process services
// (test/e2e/bridge): create, add items (a place taken from one of the user's photos), record a
// relisting, lock and a wrong passphrase, auto-lock after idle and on a system lock, and scans that
// flag a photo taken near a stored place and a stored licence plate while the checklist is
// unlocked. The checklist's files on disk are searched byte by byte for what was typed.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRendererForE2e } from './bridge/build-renderer.js';
import { startBridge, type Bridge } from './bridge/server.js';
import { CHROMIUM, CORPUS, REPO, SHOTS, hasChromium } from './bridge/places.js';

const OUT = path.join(REPO, 'dist/renderer-e2e-checklist');
const PASS = 'copper kettle winter orchard';
/** An auto-lock "minute" lasts this long here, so "lock after 1 minute" can be watched. */
const MINUTE_MS = 10_000;

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

describe.skipIf(!hasChromium)('My exposure checklist in a real browser over the real services', { timeout: 300_000 }, () => {
  let bridge: Bridge;
  let browser: Browser;
  let page: Page;
  let photos: string;

  beforeAll(async () => {
    await buildRendererForE2e(OUT);
    mkdirSync(SHOTS, { recursive: true });
    photos = tempDir('exposure-e2e-checklist-photos-');
    copyFileSync(path.join(CORPUS, 'metadata/exifsamples__DSCN0010.jpg'), path.join(photos, 'holiday.jpg'));
    copyFileSync(path.join(CORPUS, 'scenes/openalpr_us__us1.jpg'), path.join(photos, 'car.jpg'));
    bridge = await startBridge({ rootDir: OUT, userDataDir: tempDir('exposure-e2e-checklist-data-'), checklistMinuteMs: MINUTE_MS });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(bridge.appUrl);
    await page.getByRole('heading', { name: 'Drop photos or a folder here' }).waitFor();
    expect(problems).toEqual([]);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    rmSync(OUT, { recursive: true, force: true });
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, name), fullPage: true, animations: 'disabled' });
  async function setPictureCheck(on: boolean) {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('checkbox', { name: 'Check what is in the picture (slower)' }).setChecked(on);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  }
  const unlockedHeader = () => page.getByRole('heading', { name: 'My exposure checklist' }).waitFor();

  it('creates a checklist from the top bar', async () => {
    await page.getByRole('button', { name: 'My exposure checklist' }).click();
    await page.getByRole('heading', { name: 'Make your exposure checklist' }).waitFor();
    await page.getByLabel('Choose a passphrase').fill(PASS);
    await page.getByLabel('Type it again').fill(PASS);
    await shot('checklist-create.png');
    await page.getByRole('button', { name: 'Create my checklist' }).click();
    await unlockedHeader();
    await page.getByText('unlocked', { exact: true }).waitFor();
    expect(readdirSync(bridge.checklistDir).some((n) => n.endsWith('.db'))).toBe(true);
  });

  it('adds an address, a plate and a place taken from one of my photos, and records a relisting', async () => {
    await page.getByRole('button', { name: 'My items' }).click();
    await page.getByLabel('What is it?').selectOption({ label: 'Home and past addresses' });
    await page.getByLabel('What it says').fill('4187 Quillfeather Lane, Springfield');
    await page.getByLabel('A name for it (optional)').fill('Home');
    await page.getByRole('button', { name: 'Add to my checklist' }).click();
    await page.getByRole('heading', { name: '4187 Quillfeather Lane, Springfield (Home)' }).waitFor();

    await page.getByLabel('What is it?').selectOption({ label: 'Vehicles and licence plates' });
    await page.getByLabel('What it says').fill('4PC I264');
    await page.getByRole('button', { name: 'Add to my checklist' }).click();
    await page.getByRole('heading', { name: '4PC I264' }).waitFor();

    await page.getByLabel('What is it?').selectOption({ label: 'Places (map position)' });
    await page.getByLabel('Name of the place').fill('Home');
    await page.getByLabel('Warn within (metres)').fill('500');
    bridge.queueDialogResult([path.join(photos, 'holiday.jpg')]);
    await page.getByRole('button', { name: 'Use where one of my photos was taken…' }).click();
    await page.getByText(/Taken from your photo/).waitFor();
    // Move the place ~280 m north of where the photo was taken, so the scan below reports a distance.
    await page.getByLabel('Latitude').fill('43.4700');
    await page.getByRole('button', { name: 'Add to my checklist' }).click();
    await page.getByText('warns within 500 m').waitFor();

    const home = page.locator('li.item-card', { has: page.getByRole('heading', { name: '4187 Quillfeather Lane, Springfield (Home)' }) });
    await home.getByRole('button', { name: 'Removed' }).click();
    await home.locator('.status-chip', { hasText: 'Removed' }).waitFor();
    await home.getByRole('button', { name: 'Back online again' }).click();
    await home.locator('.status-chip', { hasText: 'Back online again' }).waitFor();
    await shot('checklist-items.png');
    await page.getByRole('button', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Back online after a removal' }).waitFor();
    await shot('checklist-overview.png');
  });

  it('flags a photo taken near a stored place, and a stored plate, while the checklist is unlocked', async () => {
    await page.getByRole('button', { name: 'Back to my photos' }).click();
    // The holiday photo's position is in its metadata: the quick check is enough.
    await setPictureCheck(false);
    bridge.queueDialogResult([path.join(photos, 'holiday.jpg')]);
    await page.getByRole('button', { name: 'Choose photos' }).click();
    await page.getByText('Taken 280 m from a place on your checklist (Home)').first().waitFor({ timeout: 60_000 });
    await shot('checklist-scan-place.png');
    // The plate must be read from the picture.
    await setPictureCheck(true);
    bridge.queueDialogResult([path.join(photos, 'car.jpg')]);
    await page.getByRole('button', { name: 'Add photos' }).click();
    // The photo joins the list when its (slow) picture check is done.
    const car = page.locator('.photo-item', { hasText: 'car.jpg' });
    await car.waitFor({ timeout: 240_000 });
    await car.click();
    await page.getByText('Your licence plate can be read in this photo').first().waitFor({ timeout: 240_000 });
    await shot('checklist-scan-plate.png');
  });

  it('locks: contents disappear, a wrong passphrase is refused, the right one opens it', async () => {
    await page.getByRole('button', { name: 'My exposure checklist' }).click();
    await unlockedHeader();
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByRole('heading', { name: 'Your exposure checklist is locked' }).waitFor();
    expect(await page.getByText('Quillfeather').count()).toBe(0);
    await page.getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong passphrase' }).waitFor();
    await shot('checklist-wrong-passphrase.png');
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await unlockedHeader();
  });

  it('locks itself after the idle time it was given, and when the computer locks', async () => {
    await page.getByRole('button', { name: 'Settings and backups' }).click();
    await page.getByLabel('Lock the checklist after it is not used for').selectOption('1');
    await page.getByText('Saved.').waitFor();
    // No key press, no click: after one (shortened) minute the checklist locks and the screen forgets.
    await page.getByText('The checklist locked itself because it was not used for a while.').waitFor({ timeout: MINUTE_MS * 5 });
    expect(await page.getByText('Quillfeather').count()).toBe(0);
    await shot('checklist-auto-locked.png');

    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await unlockedHeader();
    bridge.systemLocked();
    await page.getByText('The checklist locked itself because the computer was locked or went to sleep.').waitFor();
  });

  it('leaves nothing it stored readable in its files on disk', () => {
    const files = readdirSync(bridge.checklistDir).map((n) => readFileSync(path.join(bridge.checklistDir, n)));
    expect(files.length).toBeGreaterThan(1);
    for (const bytes of files) {
      for (const value of ['Quillfeather', 'QUILLFEATHER', '4PC I264', 'SQLite format 3']) expect(bytes.includes(value)).toBe(false);
    }
  });
});
