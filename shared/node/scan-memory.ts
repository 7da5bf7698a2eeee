// Node built-ins (crypto): what the picture checks found in photos scanned lately, keyed by the
// photo's contents, so saving a safe copy right after a scan plans from the same findings the user
// was shown without running the picture checks on the original again. Only findings, coverage and
// the lines of text read are kept (no pixels), for the last few photos, in this process only.
import { createHash } from 'node:crypto';
import type { Finding } from '../findings.js';
import type { ReadLine, ScanCoverage } from '../report.js';

export interface RememberedScan {
  findings: Finding[];
  coverage: ScanCoverage;
  /** The text read in the picture (what the exposure checklist is compared with, in the app's main process). */
  readText?: ReadLine[];
}

const MAX_REMEMBERED = 200;
const memory = new Map<string, RememberedScan>();

export function contentKey(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function rememberScan(bytes: Uint8Array, scan: RememberedScan): void {
  const key = contentKey(bytes);
  memory.delete(key);
  memory.set(key, { findings: scan.findings, coverage: scan.coverage, ...(scan.readText ? { readText: scan.readText } : {}) });
  while (memory.size > MAX_REMEMBERED) memory.delete(memory.keys().next().value!);
}

export function recallScan(bytes: Uint8Array): RememberedScan | null {
  return memory.get(contentKey(bytes)) ?? null;
}

export function forgetScans(): void {
  memory.clear();
}
