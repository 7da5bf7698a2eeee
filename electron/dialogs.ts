// The system dialogs for choosing photos, a folder, or where safe copies go. Electron's `dialog`
// and the window are passed in; the services only see the `Dialogs` interface.
import path from 'node:path';
import type { BaseWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
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
      { name: 'Photos and videos', extensions: PHOTO_EXTENSIONS },
      { name: 'All files', extensions: ['*'] },
    ],
  };
}

export const OUTPUT_DIR_DIALOG: OpenDialogOptions = {
  title: 'Choose where safe copies are saved',
  buttonLabel: 'Save safe copies here',
  properties: ['openDirectory', 'createDirectory'],
};

export function reportDialogOptions(format: 'html' | 'pdf', folder: string): SaveDialogOptions {
  const html = format === 'html';
  return {
    title: 'Save the report',
    buttonLabel: 'Save report',
    defaultPath: path.join(folder, html ? 'exposure-report.html' : 'exposure-report.pdf'),
    filters: [html ? { name: 'Web page', extensions: ['html'] } : { name: 'PDF', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

export function createElectronDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  getWindow: () => BaseWindow | null,
  documentsFolder = '',
): Dialogs {
  const open = async (options: OpenDialogOptions): Promise<string[]> => {
    const win = getWindow();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  };
  return {
    choosePaths: (kind) => open(photoDialogOptions(kind)),
    chooseOutputDir: async () => (await open(OUTPUT_DIR_DIALOG))[0] ?? null,
    chooseReportFile: async (format) => {
      const win = getWindow();
      const options = reportDialogOptions(format, documentsFolder);
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
