// Node built-ins (os, path). Where the app keeps its checklist, so the command line finds the
// same one by default: "<the system's application data folder>/Exposure Check/checklist".
import os from 'node:os';
import path from 'node:path';

export const APP_DATA_FOLDER = 'Exposure Check';

export function checklistDirIn(appDataDir: string): string {
  return path.join(appDataDir, APP_DATA_FOLDER, 'checklist');
}

/** The folder Electron's app.getPath('appData') gives on each system. */
export function systemAppDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  if (platform === 'win32') return env.APPDATA ?? path.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? path.join(home, '.config');
}

export function defaultChecklistDir(): string {
  return checklistDirIn(systemAppDataDir());
}
