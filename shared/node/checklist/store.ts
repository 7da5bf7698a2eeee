// Node built-ins. The checklist store's lifecycle on disk: a folder holding the header file (the
// wrapped data key) and the current encrypted database. Create, unlock with the passphrase, change
// the passphrase (re-wraps the key, the database is untouched), and wipe. A wrong passphrase
// changes no byte. Items are read and written through the ChecklistDb that unlocking returns.
import * as fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ExposureError } from '../../errors.js';
import { openEncrypted, migrate } from './database.js';
import { checkpoint, fsyncDir } from './durable.js';
import { HEADER_APP, HEADER_FILE, readHeader, writeHeader, type Header } from './header.js';
import { chooseKdf, deriveKek, newDataKey, unwrapDataKey, wrapDataKey } from './keys.js';
import { ChecklistDb } from './checklist-db.js';
import { DEVICE_KEY_FILE } from './device-key.js';

export const WRONG_PASSPHRASE = 'Wrong passphrase';
export const STORE_PURPOSE = 'checklist-store';
/** Passphrases shorter than this are refused outright; the app also shows a strength hint. */
export const MIN_PASSPHRASE_LENGTH = 8;

export type StoreState = 'none' | 'locked' | 'damaged';

export interface KdfChoice {
  /** Measure this machine and raise the Argon2id cost to about 0.7 s (true outside tests of the store itself). */
  calibrate?: boolean;
}

export function storeState(dir: string): StoreState {
  const read = readHeader(dir);
  return read.state === 'ok' ? 'locked' : read.state === 'missing' ? 'none' : 'damaged';
}

function requireHeader(dir: string): Header {
  const read = readHeader(dir);
  if (read.state === 'missing') throw new ExposureError('not-found', 'There is no checklist here yet. Create one first.');
  if (read.state === 'damaged') throw new ExposureError('corrupt', 'The checklist’s key file is damaged. Restore the checklist from a backup (Import a backup).');
  return read.header;
}

export function databasePath(dir: string, header: Pick<Header, 'database'>): string {
  return path.join(dir, header.database);
}

export function checkPassphraseLength(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new ExposureError('invalid-input', `Use a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters; several unrelated words are best.`);
  }
}

function newDatabaseName(): string {
  return `checklist-${randomBytes(8).toString('hex')}.db`;
}

/** Makes a new, empty checklist protected by `passphrase`. Refuses if one exists. */
export async function createStore(dir: string, passphrase: string, options: KdfChoice = {}): Promise<ChecklistDb> {
  checkPassphraseLength(passphrase);
  if (storeState(dir) !== 'none') throw new ExposureError('exists', 'A checklist already exists here; it was left as it is.');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const kdf = await chooseKdf(options.calibrate ?? true);
  const dataKey = newDataKey();
  const kek = await deriveKek(passphrase, kdf);
  const header: Header = { app: HEADER_APP, version: 1, database: newDatabaseName(), kdf, wrappedKey: wrapDataKey(dataKey, kek, kdf, STORE_PURPOSE) };
  kek.fill(0);
  const file = databasePath(dir, header);
  const db = openEncrypted(file, dataKey, { create: true });
  try {
    migrate(db);
  } catch (err) {
    db.close();
    fs.rmSync(file, { force: true });
    throw err;
  }
  // The header goes last: until it exists there is no checklist, only an unreachable file.
  writeHeader(dir, header);
  return new ChecklistDb(db, dataKey);
}

/** The data key for `passphrase`, or throws "Wrong passphrase" having read, never written, anything. */
export async function unwrapWithPassphrase(header: Pick<Header, 'kdf' | 'wrappedKey'>, passphrase: string, purpose: string): Promise<Buffer> {
  const kek = await deriveKek(passphrase, header.kdf);
  const key = unwrapDataKey(header.wrappedKey, kek, header.kdf, purpose);
  kek.fill(0);
  if (!key) throw new ExposureError('wrong-passphrase', WRONG_PASSPHRASE);
  return key;
}

export async function unlockStore(dir: string, passphrase: string): Promise<ChecklistDb> {
  const header = requireHeader(dir);
  const dataKey = await unwrapWithPassphrase(header, passphrase, STORE_PURPOSE);
  return openWithDataKey(dir, dataKey, header);
}

/** Opens with a key already unwrapped (by the passphrase, or by this device's keyring). */
export function openWithDataKey(dir: string, dataKey: Buffer, header: Header = requireHeader(dir)): ChecklistDb {
  const db = openEncrypted(databasePath(dir, header), dataKey);
  try {
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  removeLeftovers(dir, header);
  return new ChecklistDb(db, dataKey);
}

/**
 * Re-wraps the data key under a new passphrase (with freshly calibrated costs and a new salt).
 * Only the header file changes, atomically: a kill at any point leaves the old or the new header.
 */
export async function changePassphrase(dir: string, oldPassphrase: string, newPassphrase: string, options: KdfChoice = {}): Promise<void> {
  checkPassphraseLength(newPassphrase);
  const header = requireHeader(dir);
  const dataKey = await unwrapWithPassphrase(header, oldPassphrase, STORE_PURPOSE);
  const kdf = await chooseKdf(options.calibrate ?? true);
  const kek = await deriveKek(newPassphrase, kdf);
  const next: Header = { ...header, kdf, wrappedKey: wrapDataKey(dataKey, kek, kdf, STORE_PURPOSE) };
  kek.fill(0);
  dataKey.fill(0);
  checkpoint('passwd:before-write');
  writeHeader(dir, next, () => checkpoint('passwd:temp-written'));
  checkpoint('passwd:renamed');
}

/**
 * Files an interrupted import or backup can leave: a database the header does not name, and
 * temporary files. Each is either unreachable (its key is nowhere) or a copy of a backup.
 */
function removeLeftovers(dir: string, header: Header): void {
  for (const name of fs.readdirSync(dir)) {
    const stale = (/^checklist-[0-9a-f]{16}\.db(-wal|-shm|-journal)?$/.test(name) && !name.startsWith(header.database)) || /^\..*\.tmp$/.test(name) || /^\.backup-[0-9a-f]+\.db(-journal)?$/.test(name);
    if (stale) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/**
 * Deletes the checklist for good. The header (the only place the data key exists, wrapped) is
 * overwritten with random bytes and flushed first, so even blocks the disk keeps cannot be
 * decrypted without a backup; then every checklist file goes.
 */
export function wipeStore(dir: string): void {
  const header = path.join(dir, HEADER_FILE);
  if (fs.existsSync(header)) {
    const fd = fs.openSync(header, 'r+');
    try {
      fs.writeSync(fd, randomBytes(Math.max(1, fs.fstatSync(fd).size)), 0);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    if (name === HEADER_FILE || name === DEVICE_KEY_FILE || /^checklist-[0-9a-f]{16}\.db/.test(name) || /^\..*\.tmp$/.test(name) || /^\.backup-/.test(name)) {
      fs.rmSync(path.join(dir, name), { force: true });
    }
  }
  fsyncDir(dir);
}
