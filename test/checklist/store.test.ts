// The encrypted store on disk: what its files reveal (nothing personal, no SQLite header), a wrong
// passphrase (the specific error, every byte unchanged), changing the passphrase, backups, damaged
// pages, and wiping. Argon2id runs at the floor (64 MiB, t=3, p=4) without calibration.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { exportBackup, importBackup } from '../../shared/node/checklist/backup.js';
import { HEADER_FILE } from '../../shared/node/checklist/header.js';
import { changePassphrase, createStore, openWithDataKey, storeState, unlockStore, wipeStore } from '../../shared/node/checklist/store.js';
import type { ChecklistDb } from '../../shared/node/checklist/checklist-db.js';
import { filesWithPlainSqliteHeader, leakedValues, snapshot, tempDir } from './helpers.js';

const FAST = { calibrate: false };
const PASS = 'correct horse battery staple';
const VALUES = ['4187 Quillfeather Lane', 'QX7-ZZP9', 'jane.quillfeather@example.org', 'Janelle Quillfeather', '+1 555 0142 9981', 'Secret note about the Marlowe shelter'];

async function filledStore(dir: string): Promise<ChecklistDb> {
  const store = await createStore(dir, PASS, FAST);
  store.addItem({ category: 'address', label: 'Home', value: `${VALUES[0]}, Springfield` });
  store.addItem({ category: 'plate', value: VALUES[1] });
  store.addItem({ category: 'email', value: VALUES[2] });
  store.addItem({ category: 'name', value: VALUES[3] });
  const phone = store.addItem({ category: 'phone', value: VALUES[4], notes: VALUES[5] });
  store.recordCheck(phone.id, 'found', VALUES[5]);
  store.addItem({ category: 'place', label: 'Home', value: '', place: { latitude: 43.46745, longitude: 11.88513, radiusM: 500 } });
  return store;
}

function itemsOf(store: ChecklistDb) {
  return store.listItems().map(({ updatedAt: _u, ...rest }) => rest);
}

describe('the encrypted checklist store', () => {
  it('would see a stored value in an unencrypted database (the raw-byte check can fail)', () => {
    const dir = tempDir();
    const plain = new Database(path.join(dir, 'plain.db'));
    plain.exec('CREATE TABLE t (v TEXT)');
    plain.prepare('INSERT INTO t VALUES (?)').run(VALUES[0]);
    plain.close();
    const files = snapshot(dir);
    expect(leakedValues(files, VALUES)).toEqual([`plain.db: ${VALUES[0]}`]);
    expect(filesWithPlainSqliteHeader(files)).toEqual(['plain.db']);
  });

  it('keeps no stored value and no SQLite header in any file, open (with its WAL) or closed', async () => {
    const dir = tempDir();
    const store = await filledStore(dir);
    // While open, the WAL holds the latest pages: they must be encrypted too.
    const open = snapshot(dir);
    expect([...open.keys()].some((n) => n.endsWith('-wal'))).toBe(true);
    expect(leakedValues(open, VALUES)).toEqual([]);
    expect(filesWithPlainSqliteHeader(open)).toEqual([]);
    store.close();
    const closed = snapshot(dir);
    expect(leakedValues(closed, VALUES)).toEqual([]);
    expect(filesWithPlainSqliteHeader(closed)).toEqual([]);
    // The header reveals only the key material and the costs.
    const header = JSON.parse(readFileSync(path.join(dir, HEADER_FILE), 'utf8'));
    expect(Object.keys(header).sort()).toEqual(['app', 'database', 'kdf', 'version', 'wrappedKey']);
    expect(Object.keys(header.kdf).sort()).toEqual(['algorithm', 'memoryKiB', 'parallelism', 'salt', 'timeCost']);
    expect(header.kdf).toMatchObject({ algorithm: 'argon2id', memoryKiB: 65536, timeCost: 3, parallelism: 4 });
    expect(header.database).toMatch(/^checklist-[0-9a-f]{16}\.db$/);
  });

  it('refuses a wrong passphrase with "Wrong passphrase" and changes no byte', async () => {
    const dir = tempDir();
    (await filledStore(dir)).close();
    const before = snapshot(dir);
    await expect(unlockStore(dir, 'not the passphrase')).rejects.toMatchObject({ code: 'wrong-passphrase', message: 'Wrong passphrase' });
    await expect(changePassphrase(dir, 'not the passphrase', 'a brand new passphrase', FAST)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    expect(snapshot(dir)).toEqual(before);
    const store = await unlockStore(dir, PASS);
    expect(store.listItems()).toHaveLength(6);
    store.close();
  });

  it('changes the passphrase by re-wrapping the key: the old one fails, the new one opens the same data', async () => {
    const dir = tempDir();
    const store = await filledStore(dir);
    const items = itemsOf(store);
    store.close();
    const dbFile = JSON.parse(readFileSync(path.join(dir, HEADER_FILE), 'utf8')).database as string;
    const dbBefore = readFileSync(path.join(dir, dbFile));
    await changePassphrase(dir, PASS, 'a brand new passphrase', FAST);
    expect(readFileSync(path.join(dir, dbFile))).toEqual(dbBefore);
    await expect(unlockStore(dir, PASS)).rejects.toMatchObject({ message: 'Wrong passphrase' });
    const reopened = await unlockStore(dir, 'a brand new passphrase');
    expect(itemsOf(reopened)).toEqual(items);
    reopened.close();
  });

  it('makes an encrypted backup that round-trips, and refuses it with a wrong passphrase', async () => {
    const dir = tempDir();
    const store = await filledStore(dir);
    const items = itemsOf(store);
    const history = store.history();
    const backup = path.join(tempDir('exposure-backup-'), 'checklist.ecbackup');
    await expect(exportBackup(dir, store, 'not the passphrase', backup, FAST)).rejects.toMatchObject({ message: 'Wrong passphrase' });
    expect(existsSync(backup)).toBe(false);
    await exportBackup(dir, store, PASS, backup, FAST);
    store.close();
    const backupFiles = snapshot(path.dirname(backup));
    expect(leakedValues(backupFiles, VALUES)).toEqual([]);
    expect(filesWithPlainSqliteHeader(backupFiles)).toEqual([]);
    // No temporary copy is left beside the checklist.
    expect([...snapshot(dir).keys()].filter((n) => n.startsWith('.'))).toEqual([]);

    const restored = tempDir();
    await expect(importBackup(restored, backup, 'not the passphrase')).rejects.toMatchObject({ message: 'Wrong passphrase' });
    expect(storeState(restored)).toBe('none');
    await importBackup(restored, backup, PASS);
    const reopened = await unlockStore(restored, PASS);
    expect(itemsOf(reopened)).toEqual(items);
    expect(reopened.history()).toEqual(history);
    reopened.close();

    // Importing over an existing checklist replaces it and leaves no old database behind.
    const other = await createStore(tempDir(), 'another passphrase', FAST);
    other.close();
    await importBackup(dir, backup, PASS);
    const files = [...snapshot(dir).keys()];
    expect(files.filter((n) => n.endsWith('.db'))).toHaveLength(1);
  });

  it('fails to open when any byte of a used page is flipped, never returning wrong data', async () => {
    const dir = tempDir();
    const store = await filledStore(dir);
    const items = itemsOf(store);
    const dataKey = Buffer.from(store.dataKey());
    store.close();
    const dbFile = path.join(dir, JSON.parse(readFileSync(path.join(dir, HEADER_FILE), 'utf8')).database as string);
    const good = readFileSync(dbFile);
    const pageSize = 4096;
    expect(good.length % pageSize).toBe(0);
    let refused = 0;
    for (let page = 0; page < good.length / pageSize; page++) {
      for (const offset of [24, 1000, pageSize - 40]) {
        const bad = Buffer.from(good);
        const at = page * pageSize + offset;
        bad[at] = (bad[at] ?? 0) ^ 0x01;
        writeFileSync(dbFile, bad);
        try {
          const opened = openWithDataKey(dir, Buffer.from(dataKey));
          // Opening may only succeed if what it returns is exactly what was stored.
          expect(itemsOf(opened)).toEqual(items);
          opened.close();
        } catch (err) {
          expect(err).toMatchObject({ code: 'corrupt' });
          refused++;
        }
      }
    }
    writeFileSync(dbFile, good);
    expect(refused).toBe((good.length / pageSize) * 3);
    (await unlockStore(dir, PASS)).close();
  });

  it('wipes every checklist file and makes the key unrecoverable', async () => {
    const dir = tempDir();
    const store = await filledStore(dir);
    const dataKey = Buffer.from(store.dataKey());
    store.close();
    writeFileSync(path.join(dir, 'unrelated.txt'), 'not ours');
    wipeStore(dir);
    expect([...snapshot(dir).keys()]).toEqual(['unrelated.txt']);
    expect(storeState(dir)).toBe('none');
    expect(() => openWithDataKey(dir, dataKey)).toThrow(/no checklist here/i);
  });
});
