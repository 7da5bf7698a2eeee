// Each migration on a temporary encrypted database: it runs in one transaction, sets
// user_version, keeps what the earlier versions stored, and a failing migration changes nothing.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openEncrypted, schemaVersion } from '../../shared/node/checklist/database.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../shared/node/checklist/migrations/index.js';
import { tempDir } from './helpers.js';

function freshDb() {
  return openEncrypted(path.join(tempDir(), 'm.db'), randomBytes(32), { create: true });
}

const tables = (db: ReturnType<typeof freshDb>) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string }>).map((r) => r.name);

describe('checklist migrations', () => {
  it('are numbered 1..N in order, one per file', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('0001 creates items and checks; a check cannot outlive its item', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS, 1);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['checks', 'items']);
    db.prepare(`INSERT INTO items (id, category, value, created_at, updated_at) VALUES ('a', 'address', 'x', 't', 't')`).run();
    db.prepare(`INSERT INTO checks (item_id, at, status) VALUES ('a', 't', 'found')`).run();
    expect(() => db.prepare(`INSERT INTO checks (item_id, at, status) VALUES ('missing', 't', 'found')`).run()).toThrow(/FOREIGN KEY/);
    db.prepare(`DELETE FROM items WHERE id = 'a'`).run();
    expect(db.prepare('SELECT count(*) AS n FROM checks').get()).toEqual({ n: 0 });
    expect(() => db.prepare(`INSERT INTO items (id, category, priority, created_at, updated_at) VALUES ('b', 'address', 'urgent', 't', 't')`).run()).toThrow(/CHECK/);
    db.close();
  });

  it('0002 adds evidence, keeping the items of version 1', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS, 1);
    db.prepare(`INSERT INTO items (id, category, value, created_at, updated_at) VALUES ('a', 'address', 'kept', 't', 't')`).run();
    migrate(db, MIGRATIONS, 2);
    expect(schemaVersion(db)).toBe(2);
    expect(tables(db)).toEqual(['checks', 'evidence', 'items']);
    expect(db.prepare('SELECT value FROM items').get()).toEqual({ value: 'kept' });
    db.prepare(`INSERT INTO evidence (id, item_id, added_at, mime, bytes) VALUES ('e', 'a', 't', 'image/png', x'00')`).run();
    db.prepare(`DELETE FROM items WHERE id = 'a'`).run();
    expect(db.prepare('SELECT count(*) AS n FROM evidence').get()).toEqual({ n: 0 });
    db.close();
  });

  it('0003 adds preferences with a 10-minute auto-lock, keeping earlier data', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS, 2);
    db.prepare(`INSERT INTO items (id, category, value, created_at, updated_at) VALUES ('a', 'plate', 'kept', 't', 't')`).run();
    migrate(db);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare(`SELECT value FROM preferences WHERE key = 'autoLockMinutes'`).get()).toEqual({ value: '10' });
    expect(db.prepare('SELECT value FROM items').get()).toEqual({ value: 'kept' });
    db.close();
  });

  it('a migration that fails is rolled back whole, version included', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS, 1);
    const broken = [...MIGRATIONS.slice(0, 1), { version: 2, name: 'broken', up: 'CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['checks', 'items']);
    db.close();
  });

  it('refuses a database from a newer version of the app', () => {
    const db = freshDb();
    migrate(db);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(/newer version/);
    db.close();
  });
});
