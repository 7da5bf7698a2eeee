// Node built-ins and better-sqlite3-multiple-ciphers. Opens the checklist's database file in
// SQLCipher 4 mode with the raw data key, checks the key and every page, then brings the schema up
// to date with numbered migrations (one transaction each, `PRAGMA user_version`).
import * as fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { ExposureError } from '../../errors.js';
import { sqlcipherKeyPragma } from './keys.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type Db = Database.Database;

export const DAMAGED_MESSAGE =
  'The checklist’s data file is damaged and cannot be read safely. Restore it from a backup (Import a backup); nothing was changed.';

/** The first statements on every connection: SQLCipher 4 format, raw 32-byte key. */
function applyKey(db: Db, dataKey: Buffer): void {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(sqlcipherKeyPragma(dataKey));
}

/**
 * Opens (and, with `create`, creates) an encrypted database. The key is only checked on the first
 * read, so read at once; then read every page (`quick_check`: each page's HMAC is verified as it
 * is read), so a flipped byte fails here rather than returning wrong data later.
 */
export function openEncrypted(file: string, dataKey: Buffer, options: { create?: boolean; wal?: boolean } = {}): Db {
  if (!options.create && !fs.existsSync(file)) throw new ExposureError('not-found', 'The checklist’s data file is missing. Restore it from a backup (Import a backup).');
  const db = new Database(file, { fileMustExist: !options.create });
  try {
    applyKey(db, dataKey);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    const check = db.pragma('quick_check') as Array<{ quick_check: string }>;
    if (check.length !== 1 || check[0]?.quick_check !== 'ok') throw new ExposureError('corrupt', DAMAGED_MESSAGE);
    // Deleted rows are overwritten, never left readable in free pages; temporary tables and sorts
    // stay in memory (SQLite's temporary files would not be encrypted); every commit is flushed.
    db.pragma('secure_delete = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma('foreign_keys = ON');
    if (options.wal !== false) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    return db;
  } catch (err) {
    db.close();
    if (err instanceof ExposureError) throw err;
    // SQLITE_NOTADB (first page does not decrypt) or SQLITE_CORRUPT (a later page's HMAC fails).
    throw new ExposureError('corrupt', DAMAGED_MESSAGE, { cause: err });
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs every migration above the database's version, each in its own transaction. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS, upTo = migrations.length): void {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new ExposureError('unsupported', 'This checklist was made by a newer version of Exposure Check. Update the app to open it.');
  }
  for (const m of migrations.slice(current, upTo)) {
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
