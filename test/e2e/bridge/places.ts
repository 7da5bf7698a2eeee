// TEST ONLY. Where the Chromium E2E files find things: the repository, the corpus, Debian's
// Chromium (the tests are skipped where it is not installed), and the screenshots they leave.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../../..');
export const CORPUS = path.resolve(REPO, '../shared/corpus');
export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = path.join(REPO, 'test-artifacts/screenshots');
export const hasChromium = existsSync(CHROMIUM);
