// Migration 3: the checklist's own preferences (how soon it locks itself), kept encrypted with it.
import type { Migration } from './types.js';

export const migration0003: Migration = {
  version: 3,
  name: 'preferences',
  up: `
    CREATE TABLE preferences (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    INSERT INTO preferences (key, value) VALUES ('autoLockMinutes', '10');
  `,
};
