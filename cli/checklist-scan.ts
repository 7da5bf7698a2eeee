// `scan --checklist DIR`: unlocks the checklist, builds the in-memory matcher from its values and
// locks the store again at once; the matcher then runs on each scan's results in this process.
import path from 'node:path';
import { buildMatcher, type ChecklistMatcher } from '../shared/checklist/matcher.js';
import { ExposureError } from '../shared/errors.js';
import { defaultChecklistDir } from '../shared/node/checklist/location.js';
import { storeState, unlockStore } from '../shared/node/checklist/store.js';
import { EXIT_WRONG_PASSPHRASE } from './checklist.js';
import type { ReadSecret } from './passphrase.js';

export async function openChecklistMatcher(dirArg: string, readSecret: ReadSecret): Promise<{ matcher: ChecklistMatcher } | { exitCode: number; message: string }> {
  const dir = dirArg === 'default' || dirArg === '' ? defaultChecklistDir() : path.resolve(dirArg);
  if (storeState(dir) === 'none') return { exitCode: 1, message: `There is no checklist in ${dir}: create one with "exposure-check checklist init".` };
  try {
    const store = await unlockStore(dir, await readSecret('Checklist passphrase: '));
    try {
      return { matcher: buildMatcher(store.listItems()) };
    } finally {
      store.close();
    }
  } catch (err) {
    if (err instanceof ExposureError) return { exitCode: err.code === 'wrong-passphrase' ? EXIT_WRONG_PASSPHRASE : 1, message: err.message };
    throw err;
  }
}
