// Node built-ins: prints the trainers' report to PDF with a Chromium-based browser that is already
// on this computer (Chromium, Chrome or Edge), driven by playwright-core: the same print engine as
// the app's printToPDF, so the PDF looks like the HTML. Offline: JavaScript is off, and every
// request the page might make is refused (the report needs none: it carries its pictures inline).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { ExposureError } from '../shared/errors.js';

/** Where Chromium-based browsers are usually installed, per system. */
const BROWSER_PATHS: Record<string, string[]> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge', '/snap/bin/chromium'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
  ],
};

/** EXPOSURE_CHECK_BROWSER names the browser to use; otherwise the first one found. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): string | null {
  const chosen = env.EXPOSURE_CHECK_BROWSER;
  if (chosen) return existsSync(chosen) ? chosen : null;
  return (BROWSER_PATHS[platform] ?? []).find((p) => existsSync(p)) ?? null;
}

export async function printReportPdf(html: string, browserPath = findBrowser()): Promise<Uint8Array> {
  if (!browserPath) {
    throw new ExposureError(
      'unsupported',
      'No Chromium, Chrome or Edge browser was found to print the PDF with. Write the report as HTML instead and print it to PDF from any browser (or set EXPOSURE_CHECK_BROWSER to the browser program).',
    );
  }
  const browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await browser.close();
  }
}
