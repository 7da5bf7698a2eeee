// Settings persist as JSON in the app's data folder: validated on read, written atomically.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/api/contract.js';
import { ExposureError } from '../../shared/errors.js';
import { SETTINGS_FILE_NAME, SettingsStore } from '../../electron/services/settings-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'exposure-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SettingsStore', () => {
  it('starts from the defaults when nothing is saved yet', async () => {
    expect(await new SettingsStore(dir).get()).toEqual(DEFAULT_SETTINGS);
  });

  it('saves changes to settings.json and a new store (next launch) reads them back', async () => {
    const outputDir = path.join(dir, 'safe copies');
    const saved = await new SettingsStore(dir).update({ outputDir, suffix: '.safe' });
    expect(saved).toEqual({ ...DEFAULT_SETTINGS, outputDir, suffix: '.safe' });
    expect(JSON.parse(await readFile(path.join(dir, SETTINGS_FILE_NAME), 'utf8'))).toEqual(saved);
    expect(await new SettingsStore(dir).get()).toEqual(saved);
    // Atomic write: no temporary file is left beside it.
    expect(await readdir(dir)).toEqual([SETTINGS_FILE_NAME]);
  });

  it('creates the data folder when it does not exist yet', async () => {
    const nested = path.join(dir, 'a', 'b');
    await new SettingsStore(nested).update({ visual: false });
    expect(JSON.parse(await readFile(path.join(nested, SETTINGS_FILE_NAME), 'utf8')).visual).toBe(false);
  });

  it('falls back to defaults for a damaged file and keeps whatever fields are still valid', async () => {
    const file = path.join(dir, SETTINGS_FILE_NAME);
    await writeFile(file, '{ this is not json');
    expect(await new SettingsStore(dir).get()).toEqual(DEFAULT_SETTINGS);
    await writeFile(file, JSON.stringify({ suffix: '../../etc/x', visual: false, outputDir: 42, extra: 'ignored' }));
    expect(await new SettingsStore(dir).get()).toEqual({ ...DEFAULT_SETTINGS, visual: false });
  });

  it('refuses a relative output folder and leaves the saved settings as they were', async () => {
    const store = new SettingsStore(dir);
    await expect(store.update({ outputDir: 'relative/folder' })).rejects.toBeInstanceOf(ExposureError);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    expect(await readdir(dir)).toEqual([]);
  });
});
