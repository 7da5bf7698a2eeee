// The main-process services on real corpus photos, through the real file worker protocol (the
// serve loop and client joined in-process) and the real file layer. No Electron: dialogs and the
// folder opener are the injected seams, exactly as in the app.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanFile } from '../../shared/node/batch.js';
import type { ChecklistService } from '../../electron/services/checklist-service.js';
import { testChecklist } from './helpers/checklist.js';
import type { ScanEvent } from '../../shared/api/contract.js';
import { createServices, type Services } from '../../electron/services/services.js';
import { FileWorkerClient } from '../../electron/worker/client.js';
import { inProcessWorker } from '../../electron/worker/in-process.js';
import { FILE_OPS } from '../../electron/worker/file-ops.js';
import { eventLog, type EventLog } from './helpers/scan-events.js';

const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus/metadata');
const GPS_JPEG = path.join(corpus, 'exifsamples__DSCN0010.jpg');
const CORRUPT = path.join(corpus, 'exifcleaner__corrupted.jpg');
const HEIC = path.join(corpus, 'mei__IMG_2927.HEIC');

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

let tmp: string;
let services: Services;
let log: EventLog;
let worker: FileWorkerClient;
let checklist: ChecklistService;
const queuedDialogs: string[][] = [];
const opened: string[] = [];
const openedCopies: string[] = [];
const revealed: string[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'exposure-services-'));
  log = eventLog();
  worker = new FileWorkerClient(() => inProcessWorker(FILE_OPS));
  checklist = testChecklist(path.join(tmp, 'userData'), worker);
  services = createServices({
    userDataDir: path.join(tmp, 'userData'),
    checklist,
    dialogs: {
      choosePaths: async () => queuedDialogs.shift() ?? [],
      chooseOutputDir: async () => queuedDialogs.shift()?.[0] ?? null,
      chooseReportFile: async () => queuedDialogs.shift()?.[0] ?? null,
    },
    printPdf: async () => new TextEncoder().encode('%PDF-1.7 stand-in'),
    openDirectory: async (dir) => void opened.push(dir),
    openPicture: async (file) => void openedCopies.push(file),
    revealFile: async (file) => void revealed.push(file),
    worker,
    emit: log.emit,
  });
});
afterAll(async () => {
  worker.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('scanning', () => {
  it('reports a GPS photo and a corrupt file as events: started, one file each with progress, done', async () => {
    const { batchId } = await services.startScan({ paths: [GPS_JPEG, CORRUPT], visual: false });
    const events = await log.whenDone(batchId);
    expect(events.map((e) => e.type)).toEqual(['started', 'progress', 'file', 'progress', 'progress', 'file', 'progress', 'done']);
    expect(events[0]).toEqual({ type: 'started', batchId, total: 2 });
    const files = events.filter((e): e is Extract<ScanEvent, { type: 'file' }> => e.type === 'file');
    const gps = files.find((e) => e.report.path === GPS_JPEG)!.report;
    expect(gps.error).toBeUndefined();
    const location = gps.findings.find((f) => f.category === 'location' && f.source === 'metadata');
    expect(location?.severity).toBe('critical');
    const bad = files.find((e) => e.report.path === CORRUPT)!.report;
    expect(bad.error?.message).toMatch(/\w+ \w+/);
    expect(bad.findings).toEqual([]);
    expect(events.at(-1)).toEqual({ type: 'done', batchId, cancelled: false });
  });

  it('cancels a long batch: it stops early and says so', async () => {
    const { batchId } = await services.startScan({ paths: [corpus], visual: false });
    await log.whenFirstFile(batchId);
    expect(await services.cancelScan({ batchId })).toEqual({ cancelled: true });
    const events = await log.whenDone(batchId);
    expect(events.at(-1)).toEqual({ type: 'done', batchId, cancelled: true });
    const started = events.find((e) => e.type === 'started');
    expect(started?.type === 'started' && started.total).toBeGreaterThan(40);
    const files = events.filter((e) => e.type === 'file').length;
    expect(files).toBeGreaterThanOrEqual(1);
    expect(files).toBeLessThan(started?.type === 'started' ? started.total : 0);
    expect(await services.cancelScan({ batchId })).toEqual({ cancelled: false });
  });

  it('refuses relative paths instead of guessing where they are', async () => {
    await expect(services.startScan({ paths: ['photo.jpg'] })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('previews and hidden images', () => {
  it('returns an upright JPEG preview of a HEIC as a data: URL, never a file path', async () => {
    const preview = await services.getPreview({ path: HEIC, maxSize: 256 });
    expect(preview.dataUrl.startsWith('data:image/jpeg;base64,')).toBe(true);
    const jpeg = Buffer.from(preview.dataUrl.split(',')[1]!, 'base64');
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(Math.max(preview.width, preview.height)).toBeGreaterThan(256);
  });

  it('shows the EXIF thumbnail hidden in a camera photo', async () => {
    const report = await scanFile(GPS_JPEG);
    const hidden = report.embeddedImages[0];
    expect(hidden).toBeDefined();
    const image = await services.getEmbeddedImage({ path: GPS_JPEG, findingId: hidden!.findingId });
    expect(image.dataUrl.startsWith(`data:${hidden!.mime};base64,`)).toBe(true);
    await expect(services.getEmbeddedImage({ path: GPS_JPEG, findingId: 'no.such.finding' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('turns a damaged photo into a plain error', async () => {
    await expect(services.getPreview({ path: CORRUPT })).rejects.toMatchObject({ message: expect.stringMatching(/photo|image|file/i) });
  });
});

describe('safe copies', () => {
  it('writes a copy without GPS into the chosen folder and leaves the original byte for byte', async () => {
    const outputDir = path.join(tmp, 'safe');
    // The hidden information only: the picture checks (and the re-check of the copy) are tested in test/copy.
    await services.setSettings({ outputDir, visual: false });
    const before = sha256(GPS_JPEG);
    const { reports } = await services.saveSafeCopies({ items: [{ path: GPS_JPEG }, { path: CORRUPT }] });
    const [ok, bad] = reports;
    expect(ok?.error).toBeUndefined();
    expect(ok?.output).toBe(path.join(outputDir, 'exifsamples__DSCN0010.clean.jpg'));
    expect(existsSync(ok!.output!)).toBe(true);
    const gps = execFileSync('exiftool', ['-j', '-gps:all', '-xmp:gps*', ok!.output!], { encoding: 'utf8' });
    expect(Object.keys(JSON.parse(gps)[0]).filter((k) => /gps/i.test(k))).toEqual([]);
    expect(sha256(GPS_JPEG)).toBe(before);
    expect(bad?.output).toBeUndefined();
    expect(bad?.error?.message).toBeTruthy();
  });

  it('never overwrites an existing copy unless asked to', async () => {
    const again = await services.saveSafeCopies({ items: [{ path: GPS_JPEG }] });
    expect(again.reports[0]?.error?.code).toBe('exists');
    const forced = await services.saveSafeCopies({ items: [{ path: GPS_JPEG }], force: true });
    expect(forced.reports[0]?.error).toBeUndefined();
  });
});

describe('dialogs, folders and settings', () => {
  it('returns what the dialog returned, and nothing when it was cancelled', async () => {
    queuedDialogs.push([GPS_JPEG]);
    expect(await services.choosePaths({ kind: 'files' })).toEqual({ paths: [GPS_JPEG] });
    expect(await services.choosePaths({ kind: 'folder' })).toEqual({ paths: [] });
    queuedDialogs.push([tmp]);
    expect(await services.chooseOutputDir({})).toEqual({ path: tmp });
  });

  it('opens only folders: a file means the folder it is in', async () => {
    await services.openFolder({ path: GPS_JPEG });
    await services.openFolder({ path: corpus });
    expect(opened).toEqual([corpus, corpus]);
    await expect(services.openFolder({ path: path.join(tmp, 'missing') })).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('opens or reveals only safe copies it wrote itself, never another file', async () => {
    await services.setSettings({ outputDir: path.join(tmp, 'reveal') });
    const copy = (await services.saveSafeCopies({ items: [{ path: GPS_JPEG }], force: true })).reports[0]?.output;
    expect(copy).toBeDefined();
    expect(await services.openCopy({ path: copy! })).toEqual({ opened: true });
    expect(await services.showInFolder({ path: copy! })).toEqual({ shown: true });
    expect(openedCopies).toEqual([copy]);
    expect(revealed).toEqual([copy]);
    // The original, or any other file, is refused: opening a file can run it.
    await expect(services.openCopy({ path: GPS_JPEG })).rejects.toMatchObject({ code: 'not-found' });
    await expect(services.showInFolder({ path: '/bin/sh' })).rejects.toMatchObject({ code: 'not-found' });
    expect(openedCopies).toEqual([copy]);
  });

  it('exports the report on photos it checked, where the user chose, and only those', async () => {
    const { batchId } = await services.startScan({ paths: [GPS_JPEG, CORRUPT], visual: false });
    await log.whenDone(batchId);
    const dest = path.join(tmp, 'report.html');
    queuedDialogs.push([dest]);
    expect(await services.exportReport({ items: [{ path: GPS_JPEG }, { path: CORRUPT }], format: 'html' })).toEqual({ path: dest });
    const html = readFileSync(dest, 'utf8');
    expect(html).toContain('Exposure check of 2 photos');
    expect(html).toContain('exifsamples__DSCN0010.jpg');
    expect(html).toMatch(/src="data:image\/jpeg;base64,/);
    // The report may then be shown in its folder.
    expect(await services.showInFolder({ path: dest })).toEqual({ shown: true });
    // Cancelled dialog: nothing written.
    expect(await services.exportReport({ items: [{ path: GPS_JPEG }], format: 'pdf' })).toEqual({ path: null });
    // A PDF goes through the printer it was given.
    const pdf = path.join(tmp, 'report.pdf');
    queuedDialogs.push([pdf]);
    await services.exportReport({ items: [{ path: GPS_JPEG }], format: 'pdf' });
    expect(readFileSync(pdf, 'latin1')).toBe('%PDF-1.7 stand-in');
    // A photo never checked is refused before any dialog opens.
    await expect(services.exportReport({ items: [{ path: HEIC }], format: 'html' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('starts with the safe copies folder it was given, until the user chooses', async () => {
    const copiesDir = path.join(tmp, 'Pictures', 'Safe copies');
    const fresh = createServices({
      userDataDir: path.join(tmp, 'fresh-userData'),
      checklist,
      dialogs: { choosePaths: async () => [], chooseOutputDir: async () => null, chooseReportFile: async () => null },
      printPdf: async () => new Uint8Array(),
      openDirectory: async () => undefined,
      openPicture: async () => undefined,
      revealFile: async () => undefined,
      defaultCopiesDir: copiesDir,
      worker,
      emit: () => undefined,
    });
    expect((await fresh.getSettings({})).outputDir).toBe(copiesDir);
    const { reports } = await fresh.saveSafeCopies({ items: [{ path: GPS_JPEG }] });
    expect(reports[0]?.output).toBe(path.join(copiesDir, 'exifsamples__DSCN0010.clean.jpg'));
    // Choosing "next to the original" is kept.
    expect((await fresh.setSettings({ outputDir: null })).outputDir).toBeNull();
    expect((await fresh.getSettings({})).outputDir).toBeNull();
  });
});
