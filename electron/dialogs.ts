// The system dialogs for choosing photos, a folder, or where safe copies go. Electron's `dialog`
// and the window are passed in; the services only see the `Dialogs` interface.
import type { BaseWindow, Dialog, OpenDialogOptions } from 'electron';
import { IMAGE_EXTENSIONS } from '../shared/node/files.js';
import type { Dialogs } from './services/services.js';

const PHOTO_EXTENSIONS = [...IMAGE_EXTENSIONS].map((ext) => ext.replace(/^\./, ''));

export function photoDialogOptions(kind: 'files' | 'folder'): OpenDialogOptions {
  if (kind === 'folder') {
    return { title: 'Choose a folder of photos', buttonLabel: 'Check this folder', properties: ['openDirectory', 'multiSelections'] };
  }
  return {
    title: 'Choose photos to check',
    buttonLabel: 'Check these photos',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Photos', extensions: PHOTO_EXTENSIONS },
      { name: 'All files', extensions: ['*'] },
    ],
  };
}

export const OUTPUT_DIR_DIALOG: OpenDialogOptions = {
  title: 'Choose where safe copies are saved',
  buttonLabel: 'Save safe copies here',
  properties: ['openDirectory', 'createDirectory'],
};

export function createElectronDialogs(dialog: Pick<Dialog, 'showOpenDialog'>, getWindow: () => BaseWindow | null): Dialogs {
  const open = async (options: OpenDialogOptions): Promise<string[]> => {
    const win = getWindow();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  };
  return {
    choosePaths: (kind) => open(photoDialogOptions(kind)),
    chooseOutputDir: async () => (await open(OUTPUT_DIR_DIALOG))[0] ?? null,
  };
}
