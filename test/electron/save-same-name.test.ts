// "Save all" in the app with two photos of the same name from different folders into one output
// folder: through the real services, the real worker protocol (serve loop and client joined
// in-process) and the real file layer. Neither copy may replace the other, with or without
// "Replace", while a photo's own earlier copy may be replaced.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanFile } from '../../shared/node/batch.js';
import { createServices, type Services } from '../../electron/services/services.js';
import { FileWorkerClient } from '../../electron/worker/client.js';
import { inProcessWorker } from '../../electron/worker/in-process.js';
import { testChecklist } from './helpers/checklist.js';
import { FILE_OPS } from '../../electron/worker/file-ops.js';

const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus/metadata');
// Two different pictures (640 px and 2592 px wide), both saved as photo.jpg.
const SMALL = path.join(corpus, 'exifsamples__DSCN0010.jpg');
const LARGE = path.join(corpus, 'mei__Apple_iPhone_4.jpg');

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const widthOf = async (file: string) => (await sharp(file).metadata()).width;

let tmp: string;
let worker: FileWorkerClient;
let services: Services;
let a: string;
let b: string;
let out: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'exposure-same-name-'));
  a = path.join(tmp, 'trip', 'a', 'photo.jpg');
  b = path.join(tmp, 'trip', 'b', 'photo.jpg');
  mkdirSync(path.dirname(a), { recursive: true });
  mkdirSync(path.dirname(b), { recursive: true });
  copyFileSync(SMALL, a);
  copyFileSync(LARGE, b);
  out = path.join(tmp, 'Safe copies');
  worker = new FileWorkerClient(() => inProcessWorker(FILE_OPS));
  services = createServices({
    userDataDir: path.join(tmp, 'userData'),
    checklist: testChecklist(path.join(tmp, 'userData'), worker),
    dialogs: { choosePaths: async () => [], chooseOutputDir: async () => null, chooseReportFile: async () => null },
    printPdf: async () => new Uint8Array(),
    openDirectory: async () => undefined,
    openPicture: async () => undefined,
    revealFile: async () => undefined,
    worker,
    emit: () => undefined,
  });
  await services.setSettings({ outputDir: out });
});
afterAll(async () => {
  worker.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('"Save all" of two photo.jpg from different folders into one folder', () => {
  const first = () => path.join(out, 'photo.clean.jpg');
  const second = () => path.join(out, 'photo-2.clean.jpg');

  it('writes both copies: the second under a numbered name', async () => {
    const { reports } = await services.saveSafeCopies({ items: [{ path: a }, { path: b }] });
    expect(reports.map((r) => r.error)).toEqual([undefined, undefined]);
    expect(reports.map((r) => r.output)).toEqual([first(), second()]);
    expect(await widthOf(first())).toBe(await widthOf(a));
    expect(await widthOf(second())).toBe(await widthOf(b));
  });

  it('"Replace" on both replaces each photo\'s own copy, never the other\'s', async () => {
    const { reports } = await services.saveSafeCopies({ items: [{ path: a }, { path: b }], force: true });
    expect(reports.map((r) => r.error)).toEqual([undefined, undefined]);
    expect(reports.map((r) => r.output)).toEqual([first(), second()]);
    expect(await widthOf(first())).toBe(await widthOf(a));
    expect(await widthOf(second())).toBe(await widthOf(b));
  });

  it('"Replace" on the second photo alone goes to its own copy; the first copy is untouched', async () => {
    const before = sha256(first());
    const { reports } = await services.saveSafeCopies({ items: [{ path: b }], force: true });
    expect(reports[0]?.output).toBe(second());
    expect(sha256(first())).toBe(before);
    expect(await widthOf(first())).toBe(await widthOf(a));
  });

  it('without "Replace", saving again is refused for each and both copies stay', async () => {
    const before = [sha256(first()), sha256(second())];
    const { reports } = await services.saveSafeCopies({ items: [{ path: a }, { path: b }] });
    expect(reports.map((r) => r.error?.code)).toEqual(['exists', 'exists']);
    expect([sha256(first()), sha256(second())]).toEqual(before);
  });

  it('a file that was there before this session may still be replaced when asked', async () => {
    const other = path.join(tmp, 'Other copies');
    mkdirSync(other);
    writeFileSync(path.join(other, 'photo.clean.jpg'), 'an older copy');
    await services.setSettings({ outputDir: other });
    const refused = await services.saveSafeCopies({ items: [{ path: a }] });
    expect(refused.reports[0]?.error?.code).toBe('exists');
    const replaced = await services.saveSafeCopies({ items: [{ path: a }], force: true });
    expect(replaced.reports[0]?.output).toBe(path.join(other, 'photo.clean.jpg'));
    expect(await widthOf(path.join(other, 'photo.clean.jpg'))).toBe(await widthOf(a));
  });
});

describe('copies written side by side (the worker runs tasks concurrently)', () => {
  it('claim their names before writing, so two photos never end as one copy', async () => {
    const busy = path.join(tmp, 'At once');
    const written = new Map<string, string>();
    const [ra, rb] = await Promise.all([cleanFile(a, { outDir: busy, force: true, written }), cleanFile(b, { outDir: busy, force: true, written })]);
    expect([ra.output, rb.output]).toEqual([path.join(busy, 'photo.clean.jpg'), path.join(busy, 'photo-2.clean.jpg')]);
    expect(await widthOf(ra.output!)).toBe(await widthOf(a));
    expect(await widthOf(rb.output!)).toBe(await widthOf(b));
    expect([...written.values()]).toEqual([a, b]);
  });
});
