// Helpers for the checklist tests: temporary store folders (removed afterwards) and raw-byte views
// of every file in them.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { ChecklistItem } from '../../shared/checklist/items.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'exposure-checklist-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Every file in the folder, name -> bytes. */
export function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isFile()) files.set(name, readFileSync(full));
  }
  return files;
}

/** The values (as typed, upper and lower case) found anywhere in the files' raw bytes. */
export function leakedValues(files: Map<string, Buffer>, values: readonly string[]): string[] {
  const leaks: string[] = [];
  for (const [name, bytes] of files) {
    for (const value of values) {
      for (const form of new Set([value, value.toLowerCase(), value.toUpperCase()])) {
        if (bytes.includes(Buffer.from(form, 'utf8')) || bytes.includes(Buffer.from(form, 'utf16le'))) leaks.push(`${name}: ${value}`);
      }
    }
  }
  return leaks;
}

export const SQLITE_HEADER = Buffer.from('SQLite format 3', 'latin1');

export function filesWithPlainSqliteHeader(files: Map<string, Buffer>): string[] {
  return [...files].filter(([, bytes]) => bytes.includes(SQLITE_HEADER)).map(([name]) => name);
}

let itemCount = 0;
/** A checklist item as the store returns it, for matcher tests that need no store. */
export function item(category: ChecklistItem['category'], value: string, extra: Partial<ChecklistItem> = {}): ChecklistItem {
  return {
    id: `item-${++itemCount}`, category, label: '', value, priority: 'high', status: 'found', brokerId: null, foundUrl: '', foundOn: null,
    optOutMethod: '', optOutOn: null, optOutReference: '', emailAlias: '', nextCheck: null, notes: '', place: null,
    createdAt: '', updatedAt: '', evidenceCount: 0, ...extra,
  };
}
