// Every migration in order. A new one is a new numbered file added here; never edit a shipped one.
import { migration0001 } from './0001-items-and-checks.js';
import { migration0002 } from './0002-evidence.js';
import { migration0003 } from './0003-preferences.js';
import type { Migration } from './types.js';

export type { Migration } from './types.js';

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003];
export const SCHEMA_VERSION = MIGRATIONS.length;
