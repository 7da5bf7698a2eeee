// A real SIGKILL while the checklist is being written to: every write the process reported as
// done is there afterwards, each item with its whole history (a transaction is all or nothing),
// the database passes its integrity check, and the process's temporary folder holds nothing.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore, unlockStore } from '../../shared/node/checklist/store.js';
import { leakedValues, tempDir } from './helpers.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const WRITER = path.join(REPO, 'test/checklist/write-until-killed.ts');
const PASS = 'passphrase for the write kill test';
const WORD = 'Quillonbrack';

/** Runs the writer until it has reported `commits` writes (plus `extraMs`), then SIGKILLs it. Resolves the last reported write. */
function writeThenKill(dir: string, tmp: string, word: string, commits: number, extraMs: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir], { cwd: REPO, env: { ...process.env, TMPDIR: tmp }, stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(`${PASS}\n${word}\n`);
  let out = '';
  let last = -1;
  let scheduled = false;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const done = [...out.matchAll(/committed (\d+)\n/g)];
    if (done.length) last = Number(done.at(-1)![1]);
    if (!scheduled && last + 1 >= commits) {
      scheduled = true;
      setTimeout(() => child.kill('SIGKILL'), extraMs);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`the writer ended on its own (${code})`))));
  });
}

function filesUnder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, name);
    if (statSync(full).isFile()) files.set(name, readFileSync(full));
  }
  return files;
}

describe('killing the process while it writes to the checklist', { timeout: 300_000 }, () => {
  it('keeps every write it reported, each item whole, and leaves nothing in temporary files', async () => {
    const dir = tempDir();
    (await createStore(dir, PASS, { calibrate: false })).close();
    let reported = -1;
    for (const [commits, extraMs] of [[1, 0], [30, 3], [120, 17]] as const) {
      const tmp = tempDir('exposure-writer-tmp-');
      const word = `${WORD}${commits}x`; // each run writes its own values
      const last = await writeThenKill(dir, tmp, word, commits, extraMs);
      expect(last + 1).toBeGreaterThanOrEqual(commits);
      reported += last + 1;

      const store = await unlockStore(dir, PASS); // opening re-checks every page
      const items = store.listItems();
      const values = new Set(items.map((i) => i.value));
      // Each reported write of this run is there...
      for (let n = 0; n <= last; n++) expect(values.has(`Writer ${word} ${n}`), `write ${n} of the run to ${commits}`).toBe(true);
      // ...and every item that is there is whole: added, then (unless the kill fell between the two) found.
      for (const item of items) {
        const statuses = store.history(item.id).map((c) => c.status);
        expect(statuses[0]).toBe('not-checked');
        expect(statuses.length === 1 ? item.status : statuses.at(-1)).toBe(item.status);
      }
      expect(items.length).toBeGreaterThanOrEqual(reported + 1);
      store.close();
      expect(leakedValues(filesUnder(tmp), [WORD])).toEqual([]);
    }
  });
});
