// The app's "Export report" as PDF: Electron's own printToPDF on the report's HTML, in a hidden
// window that runs no script, sits in a session of its own and may load nothing but the report
// itself (its pictures are inline). Electron is passed in, so nothing here runs at import time.
import type { BrowserWindow as BrowserWindowType, Session } from 'electron';

export interface PdfPrinterDeps {
  BrowserWindow: typeof BrowserWindowType;
  /** A fresh, in-memory session only for printing reports; made on the first export. */
  session: () => Session;
}

export function createReportPrinter({ BrowserWindow, session: makeSession }: PdfPrinterDeps): (html: string) => Promise<Uint8Array> {
  let session: Session | null = null;
  return async (html) => {
    if (!session) {
      session = makeSession();
      // Only the report itself (a data: URL) and its inline pictures may load.
      session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:') }));
      session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    }
    const win = new BrowserWindow({
      show: false,
      webPreferences: { session, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true },
    });
    try {
      win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      win.webContents.on('will-navigate', (e) => e.preventDefault());
      await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
      const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      win.destroy();
    }
  };
}
