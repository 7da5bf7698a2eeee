// The passphrase typed at a real terminal (a pseudo-terminal, driven by test/checklist/terminal.py):
// the prompts show, the typing never does, Backspace corrects a typo, and the checklist opens with
// what was meant. The same harness sees the typing of a command that leaves echo on.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unlockStore } from '../../shared/node/checklist/store.js';
import { tempDir } from './helpers.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const TERMINAL = path.join(REPO, 'test/checklist/terminal.py');
const RUNNER = path.join(REPO, 'test/checklist/run-cli.ts');
const MEANT = 'velvet anchor midnight parade';

function atTerminal(command: string[], typed: string[]) {
  const r = spawnSync('python3', [TERMINAL, ...command], { cwd: REPO, env: { ...process.env, TYPED: typed.join('\n') }, encoding: 'utf8', timeout: 200_000 });
  return { code: r.status, shown: r.stdout, error: r.stderr };
}

describe('a passphrase typed at a terminal', { timeout: 240_000 }, () => {
  it('is never shown, Backspace works, and the checklist opens with what was meant', async () => {
    const store = tempDir();
    // A typo ("parafe"), corrected with two Backspaces, in the second entry.
    const withTypo = `${MEANT.slice(0, -2)}fe\u007f\u007f${MEANT.slice(-2)}`;
    const r = atTerminal([process.execPath, '--import', 'tsx', RUNNER, 'checklist', 'init', '--store', store], [MEANT, withTypo]);
    expect(r.code, r.shown + r.error).toBe(0);
    expect(r.shown).toContain('New passphrase:');
    expect(r.shown).toContain('New passphrase, again:');
    expect(r.shown).toContain('Checklist created');
    for (const part of ['velvet', 'anchor', 'midnight', 'parade', 'parafe', '*']) expect(r.shown).not.toContain(part);
    (await unlockStore(store, MEANT)).close();
  });

  it('the harness does see typing that a command echoes (so the check above can fail)', () => {
    const r = atTerminal(['sh', '-c', 'printf "Name: "; read x; echo done'], ['velvet anchor']);
    expect(r.code).toBe(0);
    expect(r.shown).toContain('velvet anchor');
  });
});
