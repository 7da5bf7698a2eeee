// `exposure-check checklist ...` and `scan --checklist` as real processes: passphrases on standard
// input (never an argument), exit 3 and not one byte changed on a wrong passphrase, passphrase
// change, backups, and scans that flag a photo taken near a stored place or showing a stored plate.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { snapshot, tempDir } from './helpers.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const RUNNER = path.join(REPO, 'test/checklist/run-cli.ts');
const CORPUS = path.resolve(REPO, '../shared/corpus');
const PASS = 'purple elephant quietly dancing';

/** A real child process, passphrases on its standard input. */
export function spawnCli(args: string[], stdin = '', env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', RUNNER, ...args], { cwd: REPO, input: stdin, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same command line in this process (faster): each passphrase prompt takes the next line of `stdin`. */
async function cli(args: string[], stdin = '') {
  const lines = stdin.split('\n');
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    stderrIsTTY: false,
    readSecret: async () => lines.shift() ?? '',
  });
  return { code, stdout, stderr };
}

describe('exposure-check checklist', { timeout: 240_000 }, () => {
  it('creates a checklist, adds items, lists them and shows what is due', async () => {
    const store = tempDir();
    expect(await cli(['checklist', 'init', '--store', store], `${PASS}\nsomething else\n`)).toMatchObject({ code: 1, stderr: expect.stringContaining('not the same') });
    expect(existsSync(path.join(store, 'checklist-key.json'))).toBe(false);
    const init = await cli(['checklist', 'init', '--store', store], `${PASS}\n${PASS}\n`);
    expect(init, init.stderr).toMatchObject({ code: 0, stdout: expect.stringContaining('Checklist created') });
    expect(init.stderr).toContain('cannot be recovered');
    expect((await cli(['checklist', 'init', '--store', store], `${PASS}\n${PASS}\n`)).code).toBe(1);

    expect((await cli(['checklist', 'add', '--store', store, '--category', 'address', '--value', '4187 Quillfeather Lane, Springfield', '--label', 'Home'], `${PASS}\n`)).code).toBe(0);
    expect((await cli(['checklist', 'add', '--store', store, '--category', 'broker', '--value', 'spokeo', '--url', 'https://www.spokeo.com/Jane-Q'], `${PASS}\n`)).code).toBe(0);
    expect((await cli(['checklist', 'add', '--store', store, '--category', 'place', '--value', 'Home', '--lat', '43.467', '--lon', '11.885'], `${PASS}\n`)).code).toBe(0);
    expect(await cli(['checklist', 'add', '--store', store, '--category', 'planet', '--value', 'x'], `${PASS}\n`)).toMatchObject({ code: 2, stderr: expect.stringContaining('Choose from: address') });

    const list = await cli(['checklist', 'list', '--store', store], `${PASS}\n`);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Home and past addresses');
    expect(list.stdout).toContain('4187 Quillfeather Lane, Springfield (Home) — Not checked yet');
    expect(list.stdout).toContain('Spokeo');
    expect(list.stdout).toContain('at 43.46700, 11.88500 within 1000 m');
    const json = JSON.parse((await cli(['checklist', 'list', '--json', '--store', store], `${PASS}\n`)).stdout) as { items: Array<{ id: string; category: string; brokerId: string | null }> };
    expect(json.items.map((i) => i.category).sort()).toEqual(['address', 'broker', 'place']);
    expect(json.items.find((i) => i.category === 'broker')?.brokerId).toBe('spokeo');

    const due = await cli(['checklist', 'due', '--store', store], `${PASS}\n`);
    expect(due.stdout).toContain('Spokeo');
    const spokeo = json.items.find((i) => i.category === 'broker')!.id.slice(0, 8);
    const check = await cli(['checklist', 'check', spokeo, '--status', 'opt-out-submitted', '--store', store], `${PASS}\n`);
    expect(check).toMatchObject({ code: 0, stdout: expect.stringMatching(/Removal requested; look again on \d{4}-\d{2}-\d{2}/) });
    expect((await cli(['checklist', 'due', '--store', store], `${PASS}\n`)).stdout).not.toContain('Spokeo');
  });

  it('never takes a passphrase as an argument', async () => {
    const r = await cli(['checklist', 'init', '--store', tempDir(), '--passphrase', PASS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--passphrase'");
  });

  it('exits 3 with "Wrong passphrase" and changes no byte, whatever the command', async () => {
    const store = tempDir();
    await cli(['checklist', 'init', '--store', store], `${PASS}\n${PASS}\n`);
    await cli(['checklist', 'add', '--store', store, '--category', 'plate', '--value', 'QX7 ZZP9'], `${PASS}\n`);
    const before = snapshot(store);
    const backup = path.join(tempDir(), 'b.ecbackup');
    // Real processes, passphrases on standard input: the exit status a script sees.
    for (const [args, input] of [
      [['checklist', 'list', '--store', store], 'wrong passphrase\n'],
      [['checklist', 'add', '--store', store, '--category', 'name', '--value', 'Jane Doe'], 'wrong passphrase\n'],
      [['checklist', 'passwd', '--store', store], `wrong passphrase\nnew passphrase here\nnew passphrase here\n`],
      [['checklist', 'export', backup, '--store', store], 'wrong passphrase\n'],
      [['scan', '--no-visual', '--checklist', store, path.join(CORPUS, 'metadata/exifsamples__DSCN0010.jpg')], 'wrong passphrase\n'],
      [['checklist', 'list', '--store', store], ''],
    ] as Array<[string[], string]>) {
      const r = spawnCli(args, input);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr).toContain('Wrong passphrase');
      expect(r.stdout).not.toContain('QX7');
    }
    expect(snapshot(store)).toEqual(before);
    expect(existsSync(backup)).toBe(false);
  });

  it('changes the passphrase, and round-trips an encrypted backup into another folder', async () => {
    const store = tempDir();
    await cli(['checklist', 'init', '--store', store], `${PASS}\n${PASS}\n`);
    await cli(['checklist', 'add', '--store', store, '--category', 'email', '--value', 'jane.q@example.org'], `${PASS}\n`);
    const NEW = 'seven blue lanterns humming';
    expect(await cli(['checklist', 'passwd', '--store', store], `${PASS}\n${NEW}\n${NEW}\n`)).toMatchObject({ code: 0, stdout: 'Passphrase changed.\n' });
    expect((await cli(['checklist', 'list', '--store', store], `${PASS}\n`)).code).toBe(3);
    expect((await cli(['checklist', 'list', '--store', store], `${NEW}\n`)).stdout).toContain('jane.q@example.org');

    const backup = path.join(tempDir(), 'checklist.ecbackup');
    expect((await cli(['checklist', 'export', backup, '--store', store], `${NEW}\n${NEW}\n`)).code).toBe(0);
    expect(readFileSync(backup).includes('jane.q')).toBe(false);
    expect((await cli(['checklist', 'export', backup, '--store', store], `${NEW}\n${NEW}\n`)).code).toBe(1); // never over a file without --force
    const other = tempDir();
    expect((await cli(['checklist', 'import', backup, '--store', other], `${PASS}\n`)).code).toBe(3);
    expect((await cli(['checklist', 'import', backup, '--store', other], `${NEW}\n`)).code).toBe(0);
    expect((await cli(['checklist', 'list', '--store', other], `${NEW}\n`)).stdout).toContain('jane.q@example.org');
    expect((await cli(['checklist', 'import', backup, '--store', other], `${NEW}\n`)).code).toBe(2); // --replace needed
    expect((await cli(['checklist', 'wipe', '--store', other])).code).toBe(2);
    expect((await cli(['checklist', 'wipe', '--yes', '--store', other])).code).toBe(0);
    expect([...snapshot(other).keys()]).toEqual([]);
  });
  it('uses the app’s own checklist when no --store is given (the system’s application data folder)', () => {
    const appData = tempDir();
    const env = { XDG_CONFIG_HOME: appData, APPDATA: appData };
    expect(spawnCli(['checklist', 'init'], `${PASS}\n${PASS}\n`, env).code).toBe(0);
    const appStore = path.join(appData, 'Exposure Check', 'checklist');
    expect(existsSync(path.join(appStore, 'checklist-key.json'))).toBe(true);
    expect(spawnCli(['checklist', 'add', '--category', 'place', '--label', 'Home', '--lat', '43.4700', '--lon', '11.8851', '--radius', '500'], `${PASS}\n`, env).code).toBe(0);
    const r = spawnCli(['scan', '--no-visual', '--checklist', 'default', path.join(CORPUS, 'metadata/exifsamples__DSCN0010.jpg')], `${PASS}\n`, env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Taken 280 m from a place on your checklist (Home)');
  });
});

describe('exposure-check scan --checklist', { timeout: 240_000 }, () => {
  it('flags a photo taken within a stored place’s radius, with the distance, and not one outside it', async () => {
    const store = tempDir();
    await cli(['checklist', 'init', '--store', store], `${PASS}\n${PASS}\n`);
    // DSCN0010.jpg was taken at 43.46745, 11.88513 (ExifTool).
    await cli(['checklist', 'add', '--store', store, '--category', 'place', '--label', 'Home', '--lat', '43.4700', '--lon', '11.8851', '--radius', '500'], `${PASS}\n`);
    await cli(['checklist', 'add', '--store', store, '--category', 'place', '--label', 'Work', '--lat', '43.4800', '--lon', '11.8851', '--radius', '500'], `${PASS}\n`);
    const photo = path.join(CORPUS, 'metadata/exifsamples__DSCN0010.jpg');
    const r = await cli(['scan', '--json', '--no-visual', '--checklist', store, photo], `${PASS}\n`);
    expect(r.code, r.stderr).toBe(0);
    const gps = (JSON.parse(r.stdout) as { files: Array<{ findings: Array<{ id: string; severity: string; title: string; checklistMatch?: { distanceMeters: number } }> }> }).files[0]!.findings[0]!;
    expect(gps).toMatchObject({ id: 'gps.position', severity: 'critical', title: 'Taken 280 m from a place on your checklist (Home)' });
    expect(gps.checklistMatch?.distanceMeters).toBeGreaterThan(270);
    const text = await cli(['scan', '--no-visual', '--checklist', store, photo], `${PASS}\n`);
    expect(text.stdout).toContain('CRITICAL Taken 280 m from a place on your checklist (Home)');
    expect(text.stdout).not.toContain('Work');
  });

  it('flags a stored licence plate that the picture check reads', async () => {
    const store = tempDir();
    await cli(['checklist', 'init', '--store', store], `${PASS}\n${PASS}\n`);
    await cli(['checklist', 'add', '--store', store, '--category', 'plate', '--value', '4PC-I264'], `${PASS}\n`);
    const r = await cli(['scan', '--checklist', store, path.join(CORPUS, 'scenes/openalpr_us__us1.jpg')], `${PASS}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('CRITICAL Your licence plate can be read in this photo');
    expect(r.stdout).not.toMatch(/4PC.?I264/);
  });
});

describe('exposure-check clean --checklist', { timeout: 300_000 }, () => {
  // DOR_S1_100 shows a sign reading "Treyden's Cabin": plain text the default copy leaves, unless the checklist names it.
  const photo = path.join(CORPUS, 'scenes/doordetect__DOR_S1_100.jpg');
  const workplace = (out: string) => cli(['scan', '--checklist', store, path.join(out, 'doordetect__DOR_S1_100.clean.jpg')], `${PASS}\n`);
  let store = '';

  it('covers text that matches the checklist, so the copy no longer shows it; without it the copy does', async () => {
    store = tempDir();
    await cli(['checklist', 'init', '--store', store], `${PASS}\n${PASS}\n`);
    await cli(['checklist', 'add', '--store', store, '--category', 'work', '--value', "Treyden's Cabin"], `${PASS}\n`);
    expect((await cli(['scan', '--checklist', store, photo], `${PASS}\n`)).stdout).toContain('CRITICAL Your workplace can be read in this photo');

    const plain = tempDir();
    expect((await cli(['clean', '--out', plain, photo])).code).toBe(0);
    expect((await workplace(plain)).stdout).toContain('CRITICAL Your workplace can be read in this photo');

    const personal = tempDir();
    const r = await cli(['clean', '--json', '--checklist', store, '--out', personal, photo], `${PASS}\n`);
    expect(r.code, r.stderr).toBe(0);
    const [file] = (JSON.parse(r.stdout) as { files: Array<{ covered: Array<{ label: string }> }> }).files;
    expect(file!.covered.map((c) => c.label)).toContain('Piece of readable text');
    expect(r.stdout).not.toMatch(/Treyden/);
    const again = await workplace(personal);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toContain('Your workplace');
  });

  it('refuses --checklist with --redact none, which does not look at the picture', async () => {
    const r = await cli(['clean', '--redact', 'none', '--checklist', tempDir(), photo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--checklist compares what the picture shows');
  });
});
