// Uses Node built-ins (fs, path). The user's settings as a small JSON file in the app's data
// folder. Whatever is on disk is validated on the way in (a damaged file means defaults, never a
// crash) and written atomically on the way out, so a crash mid-save cannot corrupt it.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, Settings } from '../../shared/api/contract.js';
import { ExposureError } from '../../shared/errors.js';
import { writeFileAtomic } from '../../shared/node/files.js';

export const SETTINGS_FILE_NAME = 'settings.json';

export class SettingsStore {
  private cached: Settings | null = null;
  readonly file: string;
  /** The settings before the user changes any: the app's defaults with this computer's folders. */
  readonly defaults: Settings;

  constructor(userDataDir: string, defaults: Partial<Settings> = {}) {
    this.file = path.join(userDataDir, SETTINGS_FILE_NAME);
    this.defaults = Settings.parse({ ...DEFAULT_SETTINGS, ...defaults });
  }

  async get(): Promise<Settings> {
    if (this.cached) return this.cached;
    this.cached = await this.readFromDisk();
    return this.cached;
  }

  /** Keeps each stored field that is still valid; anything else falls back to its default. */
  private async readFromDisk(): Promise<Settings> {
    let stored: unknown;
    try {
      stored = JSON.parse(await fs.readFile(this.file, 'utf8'));
    } catch {
      return { ...this.defaults };
    }
    const merged: Record<string, unknown> = { ...this.defaults };
    if (stored && typeof stored === 'object') {
      for (const [key, schema] of Object.entries(Settings.shape)) {
        const value = (stored as Record<string, unknown>)[key];
        if (value !== undefined && schema.safeParse(value).success) merged[key] = value;
      }
    }
    return Settings.parse(merged);
  }

  async update(changes: Partial<Settings>): Promise<Settings> {
    const next = Settings.parse({ ...(await this.get()), ...changes });
    if (next.outputDir !== null && !path.isAbsolute(next.outputDir)) {
      throw new ExposureError('unreadable', 'The output folder must be a full folder path. Please choose it again.');
    }
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, new TextEncoder().encode(`${JSON.stringify(next, null, 2)}\n`), true);
    this.cached = next;
    return next;
  }
}
