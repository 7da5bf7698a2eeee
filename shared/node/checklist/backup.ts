// Node built-ins. Encrypted backups of the checklist: one file holding a small header (a fresh data
// key wrapped by the passphrase, like the store's) and a copy of the database encrypted with that
// fresh key. Made with VACUUM INTO then a rekey of the copy (db.backup() of an encrypted database
// writes an empty unencrypted file and db.serialize() returns plaintext, so neither is used).
// Importing replaces the checklist: the copy is written under a new name, checked, and only then
// does the header switch to it, so a kill at any point leaves one whole checklist.
import * as fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ExposureError } from '../../errors.js';
import { migrate, openEncrypted, DAMAGED_MESSAGE } from './database.js';
import { checkpoint, fsyncDir, replaceFileDurably, writePrivateFile } from './durable.js';
import { HEADER_APP, readHeader, writeHeader } from './header.js';
import { KdfParams, WrappedKey, chooseKdf, deriveKek, newDataKey, sqlcipherKeyPragma, unwrapDataKey, wrapDataKey } from './keys.js';
import { forgetOnDevice } from './device-key.js';
import { STORE_PURPOSE, WRONG_PASSPHRASE, databasePath, unwrapWithPassphrase, type KdfChoice } from './store.js';
import type { ChecklistDb } from './checklist-db.js';

export const BACKUP_MAGIC = 'EXPOSURE-CHECK-CHECKLIST-BACKUP 1\n';
export const BACKUP_PURPOSE = 'checklist-backup';
export const BACKUP_EXTENSION = '.ecbackup';
const MAX_BACKUP_BYTES = 2 * 1024 ** 3;

const BackupHeader = z.object({ kdf: KdfParams, wrappedKey: WrappedKey });

const NOT_A_BACKUP = 'This file is not an Exposure Check checklist backup, or it is damaged.';
const SQLITE_PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function newDatabaseName(): string {
  return `checklist-${randomBytes(8).toString('hex')}.db`;
}

/**
 * Writes an encrypted backup of the open checklist to `dest`, protected by the checklist's current
 * passphrase (asked again, and checked). `overwrite`: replace an existing file (the app's save
 * dialog has already asked); otherwise an existing file is left alone.
 */
export async function exportBackup(dir: string, open: ChecklistDb, passphrase: string, dest: string, options: KdfChoice & { overwrite?: boolean } = {}): Promise<{ size: number }> {
  const read = readHeader(dir);
  if (read.state !== 'ok') throw new ExposureError('corrupt', 'The checklist’s key file is missing or damaged.');
  (await unwrapWithPassphrase(read.header, passphrase, STORE_PURPOSE)).fill(0);
  if (!options.overwrite && fs.existsSync(dest)) throw new ExposureError('exists', 'A file with that name already exists and was left as it is.');

  const backupKey = newDataKey();
  const kdf = await chooseKdf(options.calibrate ?? true);
  const kek = await deriveKek(passphrase, kdf);
  const header = { kdf, wrappedKey: wrapDataKey(backupKey, kek, kdf, BACKUP_PURPOSE) };
  kek.fill(0);

  // The copy is made beside the checklist (same disk, same protection), never in a shared temp folder.
  const tmp = path.join(dir, `.backup-${randomBytes(6).toString('hex')}.db`);
  try {
    open.connection().prepare('VACUUM INTO ?').run(tmp);
    const copy = openEncrypted(tmp, open.dataKey(), { wal: false });
    try {
      copy.pragma(`re${sqlcipherKeyPragma(backupKey)}`);
    } finally {
      copy.close();
    }
    const body = fs.readFileSync(tmp);
    // Belt and braces: never write a backup whose pages are not encrypted.
    if (body.subarray(0, 16).equals(SQLITE_PLAIN_HEADER)) throw new ExposureError('internal', 'The backup could not be encrypted, so it was not written.');
    const bytes = Buffer.concat([Buffer.from(BACKUP_MAGIC), Buffer.from(`${JSON.stringify(header)}\n`), body]);
    if (options.overwrite) replaceFileDurably(dest, bytes);
    else {
      writePrivateFile(dest, bytes);
      fsyncDir(path.dirname(dest));
    }
    return { size: bytes.length };
  } finally {
    backupKey.fill(0);
    fs.rmSync(tmp, { force: true });
    fs.rmSync(`${tmp}-journal`, { force: true });
  }
}

function parseBackup(bytes: Buffer): { header: z.infer<typeof BackupHeader>; body: Buffer } {
  if (!bytes.subarray(0, BACKUP_MAGIC.length).equals(Buffer.from(BACKUP_MAGIC))) throw new ExposureError('corrupt', NOT_A_BACKUP);
  const end = bytes.indexOf(0x0a, BACKUP_MAGIC.length);
  if (end < 0 || end - BACKUP_MAGIC.length > 4096) throw new ExposureError('corrupt', NOT_A_BACKUP);
  let header: z.infer<typeof BackupHeader>;
  try {
    header = BackupHeader.parse(JSON.parse(bytes.subarray(BACKUP_MAGIC.length, end).toString('utf8')));
  } catch {
    throw new ExposureError('corrupt', NOT_A_BACKUP);
  }
  return { header, body: bytes.subarray(end + 1) };
}

/** A backup whose passphrase has been checked, ready to install. */
export interface OpenedBackup {
  header: z.infer<typeof BackupHeader>;
  body: Buffer;
  /** The backup's data key (zero it when done), and the same key wrapped for the store. */
  dataKey: Buffer;
  storeWrap: z.infer<typeof WrappedKey>;
}

/** Reads a backup and checks its passphrase; changes nothing anywhere. */
export async function openBackup(file: string, passphrase: string): Promise<OpenedBackup> {
  const stat = fs.statSync(file);
  if (stat.size > MAX_BACKUP_BYTES) throw new ExposureError('too-large', 'This file is too large to be a checklist backup.');
  const { header, body } = parseBackup(fs.readFileSync(file));
  const kek = await deriveKek(passphrase, header.kdf);
  const dataKey = unwrapDataKey(header.wrappedKey, kek, header.kdf, BACKUP_PURPOSE);
  if (!dataKey) {
    kek.fill(0);
    throw new ExposureError('wrong-passphrase', WRONG_PASSPHRASE);
  }
  // The same key, bound to the store rather than to a backup, under the same passphrase and costs.
  const storeWrap = wrapDataKey(dataKey, kek, header.kdf, STORE_PURPOSE);
  kek.fill(0);
  return { header, body, dataKey, storeWrap };
}

/**
 * Replaces the checklist in `dir` (or makes one) with the backup in `file`, which opens with the
 * passphrase the checklist had when the backup was made; that passphrase protects it afterwards.
 * A wrong passphrase or a damaged backup changes nothing.
 */
export async function importBackup(dir: string, file: string, passphrase: string): Promise<void> {
  const opened = await openBackup(file, passphrase);
  try {
    installBackup(dir, opened);
  } finally {
    opened.dataKey.fill(0);
  }
}

/** Writes the backup's database under a new name, checks it, then switches the header to it. */
export function installBackup(dir: string, backup: OpenedBackup): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const before = readHeader(dir);
  const name = newDatabaseName();
  const target = path.join(dir, name);
  try {
    writePrivateFile(target, backup.body);
    // Check every page and bring an older backup's schema up to date before switching to it.
    const db = openEncrypted(target, backup.dataKey);
    try {
      migrate(db);
    } finally {
      db.close();
    }
  } catch (err) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
    if (err instanceof ExposureError && err.message === DAMAGED_MESSAGE) throw new ExposureError('corrupt', 'This backup is damaged and cannot be read safely; nothing was changed.');
    throw err;
  }
  fsyncDir(dir);
  checkpoint('import:database-written');
  writeHeader(dir, { app: HEADER_APP, version: 1, database: name, kdf: backup.header.kdf, wrappedKey: backup.storeWrap });
  checkpoint('import:header-switched');
  forgetOnDevice(dir);
  if (before.state === 'ok') {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${databasePath(dir, before.header)}${suffix}`, { force: true });
  }
  fsyncDir(dir);
}
