// The Electron pieces the exposure checklist needs, adapted to the plain interfaces its service
// takes: the system keyring (safeStorage), the backup and picture dialogs, and the events that
// lock it (the computer locked, suspended). Tests pass their own objects of the same shapes.
import type { BaseWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { BACKUP_EXTENSION } from '../shared/node/checklist/backup.js';
import type { DeviceKeyring } from '../shared/node/checklist/device-key.js';
import type { ChecklistDialogs } from './services/checklist-service.js';

/** The parts of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only; other systems always use their keyring (Keychain, DPAPI). */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(wrapped: Buffer): string;
}

/**
 * The keyring, named by its backend. On Linux `basic_text` (a hard-coded key) and `unknown` are
 * reported as such, and the service refuses to remember with them.
 */
export function safeStorageKeyring(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): DeviceKeyring {
  return {
    backend() {
      if (!safeStorage.isEncryptionAvailable()) return null;
      if (platform === 'linux') return safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
      return platform === 'darwin' ? 'keychain' : platform === 'win32' ? 'dpapi' : platform;
    },
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (wrapped) => safeStorage.decryptString(wrapped),
  };
}

const BACKUP_FILTER = [{ name: 'Exposure Check checklist backup', extensions: [BACKUP_EXTENSION.slice(1)] }];

export const BACKUP_SAVE_DIALOG: SaveDialogOptions = {
  title: 'Save an encrypted backup of your checklist',
  buttonLabel: 'Save backup',
  defaultPath: `exposure-checklist${BACKUP_EXTENSION}`,
  filters: BACKUP_FILTER,
  properties: ['createDirectory', 'showOverwriteConfirmation'],
};

export const BACKUP_OPEN_DIALOG: OpenDialogOptions = { title: 'Choose a checklist backup', buttonLabel: 'Restore this backup', properties: ['openFile'], filters: BACKUP_FILTER };

export function pictureDialog(purpose: 'evidence' | 'place'): OpenDialogOptions {
  return {
    title: purpose === 'evidence' ? 'Choose a screenshot to keep as evidence' : 'Choose one of your photos taken at this place',
    buttonLabel: purpose === 'evidence' ? 'Keep this screenshot' : 'Use where this photo was taken',
    properties: ['openFile'],
    filters: [{ name: 'Pictures', extensions: ['png', 'jpg', 'jpeg', 'webp', 'gif', 'heic', 'heif', 'tif', 'tiff', 'avif'] }],
  };
}

export function createChecklistDialogs(dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>, getWindow: () => BaseWindow | null): ChecklistDialogs {
  const openOne = async (options: OpenDialogOptions): Promise<string | null> => {
    const win = getWindow();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  return {
    async chooseBackupToSave() {
      const win = getWindow();
      const result = win ? await dialog.showSaveDialog(win, BACKUP_SAVE_DIALOG) : await dialog.showSaveDialog(BACKUP_SAVE_DIALOG);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    chooseBackupToOpen: () => openOne(BACKUP_OPEN_DIALOG),
    choosePicture: (purpose) => openOne(pictureDialog(purpose)),
  };
}

/** The power events that lock the checklist at once. */
export const LOCKING_POWER_EVENTS = ['lock-screen', 'suspend'] as const;

export function lockOnPowerEvents(powerMonitor: { on(event: (typeof LOCKING_POWER_EVENTS)[number], listener: () => void): unknown }, lock: () => void): void {
  for (const event of LOCKING_POWER_EVENTS) powerMonitor.on(event, lock);
}
