// Migration 1: the checklist items and the history of every check made on them.
import type { Migration } from './types.js';

export const migration0001: Migration = {
  version: 1,
  name: 'items and checks',
  up: `
    CREATE TABLE items (
      id TEXT PRIMARY KEY,
      category TEXT NOT NULL,
      label TEXT NOT NULL DEFAULT '',
      value TEXT NOT NULL DEFAULT '',
      priority TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('high', 'medium', 'low')),
      status TEXT NOT NULL DEFAULT 'not-checked',
      broker_id TEXT,
      found_url TEXT NOT NULL DEFAULT '',
      found_on TEXT,
      opt_out_method TEXT NOT NULL DEFAULT '',
      opt_out_on TEXT,
      opt_out_reference TEXT NOT NULL DEFAULT '',
      email_alias TEXT NOT NULL DEFAULT '',
      next_check TEXT,
      notes TEXT NOT NULL DEFAULT '',
      latitude REAL,
      longitude REAL,
      radius_m REAL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX items_next_check ON items (next_check);
    CREATE TABLE checks (
      id INTEGER PRIMARY KEY,
      item_id TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      at TEXT NOT NULL,
      status TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX checks_item ON checks (item_id, at);
  `,
};
