// The command line against hostile paths and output folders: pipes, colliding names, unwritable
// output folders, names that try to rewrite the terminal.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';

const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus/metadata');

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stderrIsTTY: false });
  return { code, stdout, stderr };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'exposure-hostile-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pipes and devices', () => {
  it('a pipe named on the command line or found in a folder is "not a regular file", and the batch goes on', async () => {
    const folder = path.join(dir, 'with-pipe');
    mkdirSync(folder);
    execFileSync('mkfifo', [path.join(folder, 'waiting.jpg')]);
    copyFileSync(path.join(corpus, 'mei__Apple_iPhone_4.jpg'), path.join(folder, 'real.jpg'));
    for (const args of [['scan', '--no-visual', '--json', path.join(folder, 'waiting.jpg'), path.join(folder, 'real.jpg')], ['scan', '--no-visual', '--json', folder]]) {
      const r = await run(args);
      const files = (JSON.parse(r.stdout) as { files: { path: string; error?: { message: string }; findings: unknown[] }[] }).files;
      expect(files.find((f) => f.path.endsWith('waiting.jpg'))?.error?.message).toMatch(/not a regular file/);
      expect(files.find((f) => f.path.endsWith('real.jpg'))?.findings.length).toBeGreaterThan(0);
    }
    const clean = await run(['clean', '--json', '--redact', 'none', '--out', path.join(dir, 'pipe-out'), path.join(folder, 'waiting.jpg'), path.join(folder, 'real.jpg')]);
    const cleaned = (JSON.parse(clean.stdout) as { files: { path: string; output: string | null; error?: { message: string } }[] }).files;
    expect(cleaned[0]!.error?.message).toMatch(/not a regular file/);
    expect(cleaned[1]!.output && existsSync(cleaned[1]!.output)).toBe(true);
  });
});

describe('two photos with the same name into one --out', () => {
  it('never overwrites a copy made by the same run, with or without --force', async () => {
    const colours = ['#ff0000', '#0000ff'];
    for (const [i, sub] of ['trip/a', 'trip/b'].entries()) {
      mkdirSync(path.join(dir, sub), { recursive: true });
      await sharp({ create: { width: 16, height: 16, channels: 3, background: colours[i]! } }).jpeg().toFile(path.join(dir, sub, 'photo.jpg'));
    }
    const redOf = async (file: string) => (await sharp(file).raw().toBuffer())[0]!;
    // A folder: its sub-folders are kept under --out.
    const byFolder = await run(['clean', '--json', '--redact', 'none', '--force', '--out', path.join(dir, 'out1'), path.join(dir, 'trip')]);
    const outputs1 = (JSON.parse(byFolder.stdout) as { files: { output: string }[] }).files.map((f) => f.output);
    expect(outputs1.map((o) => path.relative(path.join(dir, 'out1'), o))).toEqual([path.join('a', 'photo.clean.jpg'), path.join('b', 'photo.clean.jpg')]);
    // Files named one by one: the second gets a numbered name, and both copies are there.
    const byName = await run(['clean', '--json', '--redact', 'none', '--force', '--out', path.join(dir, 'out2'), path.join(dir, 'trip/a/photo.jpg'), path.join(dir, 'trip/b/photo.jpg')]);
    const outputs2 = (JSON.parse(byName.stdout) as { files: { output: string }[] }).files.map((f) => f.output);
    expect(outputs2.map((o) => path.basename(o))).toEqual(['photo.clean.jpg', 'photo-2.clean.jpg']);
    expect(await redOf(outputs2[0]!)).toBeGreaterThan(200);
    expect(await redOf(outputs2[1]!)).toBeLessThan(50);
  });
});

describe('output-folder errors say which folder and what to do', () => {
  it('an --out path under a file: the folder is named, the photo is not blamed', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const out = path.join(blocker, 'copies');
    const r = await run(['clean', '--redact', 'none', '--out', out, path.join(corpus, 'mei__Apple_iPhone_4.jpg')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`could not be saved in the folder ${out}`);
    expect(r.stdout).toMatch(/part of that path is a file, not a folder/);
    expect(r.stdout).not.toMatch(/photo is unreadable|permission to open|not found|does not exist \(it may/);
  });
});

describe('file names that try to rewrite the terminal', () => {
  it('escapes controls and direction marks on the progress line, in reports, and C1 controls in --json', async () => {
    const folder = path.join(dir, 'names');
    mkdirSync(folder);
    const names = ['evil\u001b[2J\u001b]0;owned\u0007.jpg', 'two\nlines.jpg', 'photo\u202Egpj.exe.jpg', 'csi\u009b31m.jpg'];
    for (const n of names) copyFileSync(path.join(corpus, 'exifsamples__BlueSquare.jpg'), path.join(folder, n));
    const text = await run(['scan', '--no-visual', folder]);
    for (const out of [text.stderr, text.stdout]) {
      // eslint-disable-next-line no-control-regex
      expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
    expect(text.stderr).toContain('evil\\x1b[2J\\x1b]0;owned\\x07.jpg');
    expect(text.stderr).toContain('two\\x0alines.jpg');
    expect(text.stderr).toContain('photo\\u202egpj.exe.jpg');
    const json = await run(['scan', '--no-visual', '--json', folder]);
    // eslint-disable-next-line no-control-regex
    expect(json.stdout).not.toMatch(/[\u007f-\u009f\u202a-\u202e]/);
    expect(json.stdout).toContain('csi\\u009b31m.jpg');
    const parsed = JSON.parse(json.stdout) as { files: { path: string }[] };
    expect(parsed.files.map((f) => path.basename(f.path)).sort()).toEqual([...names].sort());
    expect(readFileSync(path.join(folder, names[0]!)).length).toBeGreaterThan(0);
  });
});
