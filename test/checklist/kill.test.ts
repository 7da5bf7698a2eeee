// A real SIGKILL in the middle of a passphrase change (and of an import): afterwards exactly one
// passphrase opens the checklist, with every item intact, and no stray file breaks the next open.
// The kill lands at named moments (the process announces them on stderr and waits, only when the
// test sets EXPOSURE_CHECK_TEST_CHECKPOINT) and at spread-out times with no announcement at all.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore, unlockStore } from '../../shared/node/checklist/store.js';
import { exportBackup } from '../../shared/node/checklist/backup.js';
import { tempDir } from './helpers.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const RUNNER = path.join(REPO, 'test/checklist/run-cli.ts');
const OLD = 'old passphrase for the kill test';
const NEW = 'new passphrase for the kill test';

/** Starts the CLI, and kills it with SIGKILL at the checkpoint (or after `afterMs`). Resolves how it ended. */
function runAndKill(args: string[], stdin: string, at: { checkpoint: string } | { afterMs: number }): Promise<{ killed: boolean; code: number | null }> {
  const env = { ...process.env, ...('checkpoint' in at ? { EXPOSURE_CHECK_TEST_CHECKPOINT: at.checkpoint } : {}) };
  const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, ...args], { cwd: REPO, env, stdio: ['pipe', 'ignore', 'pipe'] });
  child.stdin.end(stdin);
  let killed = false;
  const kill = () => {
    if (child.exitCode === null && !killed) {
      killed = true;
      child.kill('SIGKILL');
    }
  };
  if ('checkpoint' in at) {
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes(`checkpoint ${at.checkpoint}`)) kill();
    });
  } else {
    child.stderr.resume();
    setTimeout(kill, at.afterMs);
  }
  return new Promise((resolve) => child.on('exit', (code) => resolve({ killed, code })));
}

async function storeWithItems(dir: string): Promise<string[]> {
  const store = await createStore(dir, OLD, { calibrate: false });
  for (const value of ['12 Oak Street', 'QX7 ZZP9', 'Jane Q. Public']) store.addItem({ category: 'name', value });
  const values = store.listItems().map((i) => i.value).sort();
  store.close();
  return values;
}

/** Which passphrases open the checklist now, checking the items each time. */
async function whichOpens(dir: string, values: string[]): Promise<string[]> {
  const opens: string[] = [];
  for (const pass of [OLD, NEW]) {
    try {
      const store = await unlockStore(dir, pass);
      expect(store.listItems().map((i) => i.value).sort()).toEqual(values);
      store.close();
      opens.push(pass === OLD ? 'old' : 'new');
    } catch (err) {
      expect(err).toMatchObject({ code: 'wrong-passphrase' });
    }
  }
  return opens;
}

describe('killing the process during a passphrase change', { timeout: 300_000 }, () => {
  const passwd = (dir: string) => ['checklist', 'passwd', '--store', dir];
  const input = `${OLD}\n${NEW}\n${NEW}\n`;

  it('at each moment of the header write leaves one openable state: old before the rename, new after', async () => {
    for (const [checkpoint, expected] of [
      ['passwd:before-write', ['old']],
      ['passwd:temp-written', ['old']],
      ['passwd:renamed', ['new']],
    ] as const) {
      const dir = tempDir();
      const values = await storeWithItems(dir);
      const run = await runAndKill(passwd(dir), input, { checkpoint });
      expect(run.killed, checkpoint).toBe(true);
      expect(await whichOpens(dir, values), checkpoint).toEqual(expected);
    }
  });

  it('at spread-out times, always leaves exactly one passphrase that opens the same items', async () => {
    const outcomes: string[] = [];
    for (const afterMs of [300, 900, 1500, 2100, 2700, 3300]) {
      const dir = tempDir();
      const values = await storeWithItems(dir);
      const run = await runAndKill(passwd(dir), input, { afterMs });
      const opens = await whichOpens(dir, values);
      expect(opens, `killed after ${afterMs} ms`).toHaveLength(1);
      outcomes.push(`${afterMs}ms:${run.killed ? 'killed' : 'finished'}:${opens[0]}`);
    }
    // Both outcomes are legitimate; what matters is that each run left one whole checklist.
    expect(outcomes).toHaveLength(6);
  });
});

describe('killing the process during an import', { timeout: 300_000 }, () => {
  it('leaves either the old checklist or the restored one, never neither', async () => {
    const source = tempDir();
    const store = await createStore(source, NEW, { calibrate: false });
    store.addItem({ category: 'plate', value: 'BACKUP 1' });
    const backup = path.join(tempDir(), 'b.ecbackup');
    await exportBackup(source, store, NEW, backup, { calibrate: false });
    store.close();
    for (const [checkpoint, expected] of [
      ['import:database-written', 'old'],
      ['import:header-switched', 'new'],
    ] as const) {
      const dir = tempDir();
      const values = await storeWithItems(dir);
      const run = await runAndKill(['checklist', 'import', backup, '--replace', '--store', dir], `${NEW}\n`, { checkpoint });
      expect(run.killed).toBe(true);
      if (expected === 'old') {
        expect(await whichOpens(dir, values)).toEqual(['old']);
      } else {
        expect(await whichOpens(dir, ['BACKUP 1'])).toEqual(['new']);
      }
      // The next open tidies what the kill left: one database file remains.
      const again = await unlockStore(dir, expected === 'old' ? OLD : NEW);
      again.close();
      expect(readdirSync(dir).filter((n) => n.endsWith('.db'))).toHaveLength(1);
    }
  });
});
