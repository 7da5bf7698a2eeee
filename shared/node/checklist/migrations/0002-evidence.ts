// Migration 2: screenshots kept as evidence, inside the encrypted database (never as loose files),
// stored only after our own cleaner has removed their metadata.
import type { Migration } from './types.js';

export const migration0002: Migration = {
  version: 2,
  name: 'evidence screenshots',
  up: `
    CREATE TABLE evidence (
      id TEXT PRIMARY KEY,
      item_id TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      added_at TEXT NOT NULL,
      mime TEXT NOT NULL,
      bytes BLOB NOT NULL,
      removed TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX evidence_item ON evidence (item_id);
  `,
};
