// The checklist's main-process service without Electron: lifecycle (create, lock, idle and system
// auto-lock), wrong passphrases slowing down, "remember on this device" with a keyring that changes,
// the scanner's post-scan step, backups, evidence cleaned before it is stored, places from photos.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChecklistEvent } from '../../shared/api/contract.js';
import { scanMetadata } from '../../shared/metadata/index.js';
import { DEVICE_KEY_FILE, type DeviceKeyring } from '../../shared/node/checklist/device-key.js';
import { cleanEvidenceFile, readPhotoLocation } from '../../shared/node/evidence.js';
import { cleanFile, scanFile } from '../../shared/node/batch.js';
import { createChecklistService, type ChecklistService, type ChecklistServiceDeps } from '../../electron/services/checklist-service.js';
import { tempDir } from '../checklist/helpers.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus');
const GPS_PHOTO = path.join(CORPUS, 'metadata/exifsamples__DSCN0010.jpg'); // 43.46745, 11.88513
const PASS = 'a long enough passphrase';

/** A keyring stand-in: AES with a key held in memory, under a backend name the test can change. */
function testKeyring(backend: { name: string | null }): DeviceKeyring {
  const key = randomBytes(32);
  return {
    backend: () => backend.name,
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(wrapped) {
      const d = createDecipheriv('aes-256-gcm', key, wrapped.subarray(0, 12));
      d.setAuthTag(wrapped.subarray(12, 28));
      return Buffer.concat([d.update(wrapped.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

const services: ChecklistService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.lock('user');
});

function service(overrides: Partial<ChecklistServiceDeps> = {}) {
  const events: ChecklistEvent[] = [];
  const opened: string[] = [];
  const dialogAnswers: Array<string | null> = [];
  const dir = tempDir();
  const svc = createChecklistService({
    storeDir: path.join(dir, 'checklist'),
    keyring: null,
    calibrate: false,
    dialogs: { chooseBackupToSave: async () => dialogAnswers.shift() ?? null, chooseBackupToOpen: async () => dialogAnswers.shift() ?? null, choosePicture: async () => dialogAnswers.shift() ?? null },
    worker: { run: (async (task: { op: string; path: string }) => (task.op === 'evidence' ? cleanEvidenceFile(task.path) : readPhotoLocation(task.path))) as unknown as ChecklistServiceDeps['worker']['run'] },
    openExternal: async (url) => void opened.push(url),
    emit: (e) => void events.push(e),
    ...overrides,
  });
  services.push(svc);
  return { svc, events, opened, dialogAnswers, dir };
}

describe('the checklist service', () => {
  it('creates, locks on request and refuses contents while locked', async () => {
    const { svc, events } = service();
    expect(await svc.checklistStatus({})).toEqual({ state: 'none', remembered: false, canRemember: false });
    await expect(svc.checklistCreate({ passphrase: PASS, confirm: 'something else' })).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await svc.checklistCreate({ passphrase: PASS, confirm: PASS })).toMatchObject({ state: 'unlocked', autoLockMinutes: 10 });
    await svc.checklistAddItem({ item: { category: 'address', value: '12 Oak Street' } });
    expect((await svc.checklistOverview({})).items).toHaveLength(1);
    expect(await svc.checklistLock({})).toMatchObject({ state: 'locked' });
    expect(events).toEqual([{ type: 'locked', reason: 'user' }]);
    await expect(svc.checklistOverview({})).rejects.toMatchObject({ code: 'locked' });
    expect(await svc.checklistUnlock({ passphrase: PASS })).toMatchObject({ state: 'unlocked' });
  });

  it('locks itself after the idle time, unless the user is still there; and when the system locks', async () => {
    const { svc, events } = service({ minuteMs: 500 });
    await svc.checklistCreate({ passphrase: PASS, confirm: PASS });
    await svc.checklistSetAutoLock({ minutes: 1 });
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 150));
      await svc.checklistStillHere({});
    }
    expect((await svc.checklistStatus({})).state).toBe('unlocked');
    await new Promise((r) => setTimeout(r, 1200));
    expect(events).toEqual([{ type: 'locked', reason: 'idle' }]);
    expect((await svc.checklistStatus({})).state).toBe('locked');
    await svc.checklistUnlock({ passphrase: PASS });
    svc.lock('system');
    expect(events.at(-1)).toEqual({ type: 'locked', reason: 'system' });
  });

  it('answers wrong passphrases more and more slowly after three, and deletes nothing', async () => {
    const { svc } = service();
    await svc.checklistCreate({ passphrase: PASS, confirm: PASS });
    await svc.checklistLock({});
    for (let i = 0; i < 3; i++) await expect(svc.checklistUnlock({ passphrase: `wrong ${i}` })).rejects.toMatchObject({ code: 'wrong-passphrase', message: 'Wrong passphrase' });
    const started = Date.now();
    await expect(svc.checklistUnlock({ passphrase: 'wrong again' })).rejects.toMatchObject({ code: 'wrong-passphrase' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(await svc.checklistUnlock({ passphrase: PASS })).toMatchObject({ state: 'unlocked' });
  });

  it('remembers the key only with a real keyring, and falls back to the passphrase when the keyring changes, deleting nothing', async () => {
    const basic = service({ keyring: testKeyring({ name: 'basic_text' }) });
    expect(await basic.svc.checklistCreate({ passphrase: PASS, confirm: PASS })).toMatchObject({ canRemember: false });
    await expect(basic.svc.checklistSetRemember({ remember: true })).rejects.toMatchObject({ code: 'unsupported' });

    const backend = { name: 'gnome_libsecret' as string | null };
    const { svc, dir } = service({ keyring: testKeyring(backend) });
    await svc.checklistCreate({ passphrase: PASS, confirm: PASS, remember: true });
    const deviceFile = path.join(dir, 'checklist', DEVICE_KEY_FILE);
    expect(JSON.parse(readFileSync(deviceFile, 'utf8'))).toMatchObject({ backend: 'gnome_libsecret' });
    await svc.checklistLock({});
    expect(await svc.checklistStatus({})).toMatchObject({ state: 'locked', remembered: true });
    expect(await svc.checklistUnlock({})).toMatchObject({ state: 'unlocked' });
    await svc.checklistLock({});

    backend.name = 'kwallet6';
    await expect(svc.checklistUnlock({})).rejects.toMatchObject({ code: 'locked', message: expect.stringContaining('Type your passphrase; nothing was deleted') });
    expect(existsSync(deviceFile)).toBe(true);
    expect(await svc.checklistStatus({})).toMatchObject({ rememberProblem: expect.stringContaining('nothing was deleted') });
    expect(await svc.checklistUnlock({ passphrase: PASS })).toMatchObject({ state: 'unlocked' });
    expect(await svc.checklistSetRemember({ remember: false })).toMatchObject({ remembered: false });
  });

  it('upgrades a scanned photo taken near a stored place while unlocked, never while locked, and drops the read text', async () => {
    const { svc } = service();
    await svc.checklistCreate({ passphrase: PASS, confirm: PASS });
    await svc.checklistAddItem({ item: { category: 'place', label: 'Home', place: { latitude: 43.4700, longitude: 11.8851, radiusM: 500 } } });
    const report = { ...(await scanFile(GPS_PHOTO)), readText: [{ text: 'hello', box: [0, 0, 1, 1] as [number, number, number, number], confidence: 0.9 }] };
    const upgraded = svc.personalise(report);
    expect(upgraded.findings[0]).toMatchObject({ id: 'gps.position', severity: 'critical', title: 'Taken 280 m from a place on your checklist (Home)' });
    expect(upgraded.readText).toBeUndefined();
    await svc.checklistLock({});
    const locked = svc.personalise(report);
    expect(locked.findings.some((f) => f.checklistMatch)).toBe(false);
    expect(locked.readText).toBeUndefined();
  });

  it('judges a safe copy again with the checklist: a stored name left readable in the copy is critical, and nothing read leaves', async () => {
    // car1's dealer frame reads "James L. Johnson"; the user chose to leave that text visible.
    const car = path.join(CORPUS, 'scenes/openalpr_us__car1.jpg');
    const frame = (await scanFile(car, { visual: true })).findings.find((f) => f.category === 'text' && /johnson/i.test(String(f.value)))!;
    expect(frame).toBeDefined();
    const result = await cleanFile(car, { outDir: tempDir(), redact: 'default', keep: [frame.id], withRecheck: true });
    expect(result.error).toBeUndefined();
    expect(result.recheck?.originalText.some((l) => /johnson/i.test(l.text))).toBe(true);
    const plain = result.copy!;
    const kept = (v: { category: string; why: string }) => v.category === 'text' && v.why === 'you-kept-it';
    expect(plain.visible.find(kept)?.severity).not.toBe('critical');
    expect(plain.visible.some((v) => v.severity === 'critical')).toBe(false);

    const { svc } = service();
    await svc.checklistCreate({ passphrase: PASS, confirm: PASS });
    await svc.checklistAddItem({ item: { category: 'name', value: 'James Johnson' } });
    const judged = svc.personaliseCopy(result);
    expect(judged).not.toHaveProperty('recheck');
    expect(judged.copy!.verdict).toMatchObject({ state: 'fix-before-posting', headline: 'The copy still needs fixing' });
    expect(judged.copy!.verdict.detail).toContain('Your name can be read in this photo');
    expect(judged.copy!.visible[0]).toMatchObject({ category: 'text', severity: 'critical', title: 'Your name can be read in this photo', why: 'you-kept-it' });
    // What the window is sent names the item, never the stored value, and carries no text read.
    expect(JSON.stringify(judged)).not.toMatch(/James Johnson|copyText|originalText/);

    await svc.checklistLock({});
    const locked = svc.personaliseCopy(result);
    expect(locked).not.toHaveProperty('recheck');
    expect(locked.copy).toEqual(plain);
  }, 180_000);

  it('keeps evidence screenshots only after cleaning them, and takes a place from one of the user’s photos', async () => {
    const { svc, dialogAnswers } = service();
    await svc.checklistCreate({ passphrase: PASS, confirm: PASS });
    const item = await svc.checklistAddItem({ item: { category: 'broker', brokerId: 'spokeo', value: 'Spokeo' } });
    const screenshot = path.join(CORPUS, 'metadata/exifr__png_with_exif_and_gps.png');
    expect((await scanMetadata(readFileSync(screenshot), 'x.png')).findings.some((f) => f.id === 'gps.position')).toBe(true);
    dialogAnswers.push(screenshot);
    const info = await svc.checklistAddEvidence({ itemId: item.id });
    expect(info).toMatchObject({ itemId: item.id, mime: 'image/png' });
    expect(info?.removed.length).toBeGreaterThan(0);
    const { dataUrl } = await svc.checklistEvidenceImage({ id: info!.id });
    const stored = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect((await scanMetadata(stored, 'x.png')).findings.filter((f) => f.category === 'location')).toEqual([]);
    expect((await svc.checklistOverview({})).evidence[item.id]).toHaveLength(1);

    dialogAnswers.push(GPS_PHOTO);
    const where = await svc.checklistPlaceFromPhoto({});
    expect(where?.latitude).toBeCloseTo(43.46745, 4);
    dialogAnswers.push(path.join(CORPUS, 'metadata/exifsamples__BlueSquare.jpg'));
    await expect(svc.checklistPlaceFromPhoto({})).rejects.toThrow(/does not say where it was taken/);
    expect(await svc.checklistPlaceFromPhoto({})).toBeNull(); // the user cancelled
  });

  it('adds starter brokers once each, opens only their own pages, and round-trips a backup', async () => {
    const { svc, opened, dialogAnswers, dir } = service();
    await svc.checklistCreate({ passphrase: PASS, confirm: PASS });
    expect(await svc.checklistAddBrokers({ brokerIds: ['spokeo', 'whitepages', 'not-a-broker'] })).toEqual({ added: 2 });
    expect(await svc.checklistAddBrokers({ brokerIds: ['spokeo'] })).toEqual({ added: 0 });
    await svc.checklistOpenBrokerPage({ brokerId: 'spokeo', page: 'optOut' });
    expect(opened).toEqual(['https://www.spokeo.com/optout']);

    const backup = path.join(dir, 'backup.ecbackup');
    dialogAnswers.push(backup);
    await expect(svc.checklistExport({ passphrase: 'not it at all' })).rejects.toMatchObject({ code: 'wrong-passphrase' });
    dialogAnswers.push(backup);
    expect(await svc.checklistExport({ passphrase: PASS })).toEqual({ path: backup });
    await svc.checklistAddItem({ item: { category: 'email', value: 'added.after@example.org' } });
    dialogAnswers.push(backup);
    await expect(svc.checklistImport({ passphrase: 'not it at all' })).rejects.toMatchObject({ code: 'wrong-passphrase' });
    expect((await svc.checklistStatus({})).state).toBe('unlocked'); // a wrong passphrase changed nothing
    dialogAnswers.push(backup);
    expect(await svc.checklistImport({ passphrase: PASS })).toMatchObject({ state: 'unlocked' });
    expect((await svc.checklistOverview({})).items.map((i) => i.value).sort()).toEqual(['Spokeo', 'Whitepages']);
    expect(await svc.checklistWipe({ confirm: 'delete my checklist' })).toMatchObject({ state: 'none' });
  });
});
