// The unlocked checklist: items, their check history, evidence screenshots and preferences, read
// and written in the encrypted database. Every input is validated (zod) before it reaches SQL, and
// every statement is parameterised. `close()` forgets the key.
import { randomUUID } from 'node:crypto';
import { ExposureError } from '../../errors.js';
import { checklistCategory } from '../../checklist/categories.js';
import {
  ItemChanges,
  NewItem,
  localDay,
  nextCheckAfter,
  type CheckRecord,
  type ChecklistItem,
  type EvidenceInfo,
  type ItemStatus,
} from '../../checklist/items.js';
import type { Db } from './database.js';
import { parseInput } from './parse-input.js';

interface ItemRow {
  id: string;
  category: string;
  label: string;
  value: string;
  priority: string;
  status: string;
  broker_id: string | null;
  found_url: string;
  found_on: string | null;
  opt_out_method: string;
  opt_out_on: string | null;
  opt_out_reference: string;
  email_alias: string;
  next_check: string | null;
  notes: string;
  latitude: number | null;
  longitude: number | null;
  radius_m: number | null;
  created_at: string;
  updated_at: string;
  evidence_count: number;
}

const ITEM_COLUMNS = {
  label: 'label',
  value: 'value',
  priority: 'priority',
  status: 'status',
  brokerId: 'broker_id',
  foundUrl: 'found_url',
  foundOn: 'found_on',
  optOutMethod: 'opt_out_method',
  optOutOn: 'opt_out_on',
  optOutReference: 'opt_out_reference',
  emailAlias: 'email_alias',
  nextCheck: 'next_check',
  notes: 'notes',
} as const;

function toItem(row: ItemRow): ChecklistItem {
  return {
    id: row.id,
    category: row.category as ChecklistItem['category'],
    label: row.label,
    value: row.value,
    priority: row.priority as ChecklistItem['priority'],
    status: row.status as ItemStatus,
    brokerId: row.broker_id,
    foundUrl: row.found_url,
    foundOn: row.found_on,
    optOutMethod: row.opt_out_method,
    optOutOn: row.opt_out_on,
    optOutReference: row.opt_out_reference,
    emailAlias: row.email_alias,
    nextCheck: row.next_check,
    notes: row.notes,
    place: row.latitude !== null && row.longitude !== null && row.radius_m !== null ? { latitude: row.latitude, longitude: row.longitude, radiusM: row.radius_m } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    evidenceCount: row.evidence_count,
  };
}

const SELECT_ITEMS = `SELECT items.*, (SELECT count(*) FROM evidence WHERE evidence.item_id = items.id) AS evidence_count FROM items`;

export const AUTO_LOCK_CHOICES = [1, 5, 10, 15, 30, 60] as const;

export class ChecklistDb {
  private db: Db | null;
  private key: Buffer;

  constructor(db: Db, dataKey: Buffer) {
    this.db = db;
    this.key = dataKey;
  }

  /** The open connection; throws once the checklist is locked. */
  private get conn(): Db {
    if (!this.db) throw new ExposureError('locked', 'The checklist is locked. Unlock it with your passphrase.');
    return this.db;
  }

  get isOpen(): boolean {
    return this.db !== null;
  }

  /** For the backup and the device keyring only: never logged, never sent to the UI. */
  dataKey(): Buffer {
    if (!this.db) throw new ExposureError('locked', 'The checklist is locked.');
    return this.key;
  }

  connection(): Db {
    return this.conn;
  }

  /** Locks: closes the database (checkpointing the WAL into the encrypted file) and forgets the key. */
  close(): void {
    if (!this.db) return;
    this.db.close();
    this.db = null;
    this.key.fill(0);
  }

  listItems(): ChecklistItem[] {
    const rows = this.conn.prepare(`${SELECT_ITEMS} ORDER BY category, created_at`).all() as ItemRow[];
    return rows.map(toItem);
  }

  getItem(id: string): ChecklistItem {
    const row = this.conn.prepare(`${SELECT_ITEMS} WHERE id = ?`).get(id) as ItemRow | undefined;
    if (!row) throw new ExposureError('not-found', 'That checklist item no longer exists.');
    return toItem(row);
  }

  addItem(input: unknown, now: Date = new Date()): ChecklistItem {
    const item = parseInput(NewItem, input);
    const id = randomUUID();
    const stamp = now.toISOString();
    const status = item.status ?? 'not-checked';
    const category = checklistCategory(item.category);
    this.conn.transaction(() => {
      this.conn
        .prepare(
          `INSERT INTO items (id, category, label, value, priority, status, broker_id, found_url, found_on, opt_out_method, opt_out_on,
             opt_out_reference, email_alias, next_check, notes, latitude, longitude, radius_m, created_at, updated_at)
           VALUES (@id, @category, @label, @value, @priority, @status, @brokerId, @foundUrl, @foundOn, @optOutMethod, @optOutOn,
             @optOutReference, @emailAlias, @nextCheck, @notes, @latitude, @longitude, @radiusM, @stamp, @stamp)`,
        )
        .run({
          id,
          category: item.category,
          label: (item.label ?? '').trim(),
          value: (item.value ?? '').trim(),
          priority: item.priority ?? (category?.match ? 'high' : 'medium'),
          status,
          brokerId: item.brokerId ?? null,
          foundUrl: item.foundUrl ?? '',
          foundOn: item.foundOn ?? null,
          optOutMethod: item.optOutMethod ?? '',
          optOutOn: item.optOutOn ?? null,
          optOutReference: item.optOutReference ?? '',
          emailAlias: item.emailAlias ?? '',
          nextCheck: item.nextCheck ?? (category?.match === 'place' ? null : nextCheckAfter(status, localDay(now))),
          notes: item.notes ?? '',
          latitude: item.place?.latitude ?? null,
          longitude: item.place?.longitude ?? null,
          radiusM: item.place?.radiusM ?? null,
          stamp,
        });
      this.insertCheck(id, stamp, status, 'Added to the checklist');
    })();
    return this.getItem(id);
  }

  updateItem(id: string, input: unknown, now: Date = new Date()): ChecklistItem {
    const changes = parseInput(ItemChanges, input);
    const before = this.getItem(id);
    const sets: string[] = [];
    const params: Record<string, unknown> = { id, stamp: now.toISOString() };
    for (const [key, column] of Object.entries(ITEM_COLUMNS) as Array<[keyof typeof ITEM_COLUMNS, string]>) {
      if (changes[key] === undefined) continue;
      sets.push(`${column} = @${key}`);
      const value = changes[key];
      params[key] = typeof value === 'string' && key !== 'notes' ? value.trim() : value;
    }
    if (changes.place !== undefined) {
      sets.push('latitude = @latitude', 'longitude = @longitude', 'radius_m = @radiusM');
      params.latitude = changes.place?.latitude ?? null;
      params.longitude = changes.place?.longitude ?? null;
      params.radiusM = changes.place?.radiusM ?? null;
    }
    if (sets.length === 0) return before;
    this.conn.transaction(() => {
      this.conn.prepare(`UPDATE items SET ${sets.join(', ')}, updated_at = @stamp WHERE id = @id`).run(params);
      if (changes.status !== undefined && changes.status !== before.status) this.insertCheck(id, now.toISOString(), changes.status, 'Status changed');
    })();
    return this.getItem(id);
  }

  /**
   * Records a check: its result, a note, and when to look again (30 days after a removal request,
   * then 90; relisting is "reappeared", one click). A submission also dates the opt-out.
   */
  recordCheck(id: string, status: ItemStatus, note = '', now: Date = new Date()): ChecklistItem {
    const before = this.getItem(id);
    const today = localDay(now);
    const stamp = now.toISOString();
    this.conn.transaction(() => {
      const optOutOn = status === 'opt-out-submitted' ? today : before.optOutOn;
      const foundOn = status === 'found' || status === 'reappeared' ? today : before.foundOn;
      this.conn
        .prepare('UPDATE items SET status = ?, next_check = ?, opt_out_on = ?, found_on = ?, updated_at = ? WHERE id = ?')
        .run(status, nextCheckAfter(status, today), optOutOn, foundOn, stamp, id);
      this.insertCheck(id, stamp, status, note.slice(0, 2000));
    })();
    return this.getItem(id);
  }

  private insertCheck(itemId: string, at: string, status: ItemStatus, note: string): void {
    this.conn.prepare('INSERT INTO checks (item_id, at, status, note) VALUES (?, ?, ?, ?)').run(itemId, at, status, note);
  }

  deleteItem(id: string): void {
    const result = this.conn.prepare('DELETE FROM items WHERE id = ?').run(id);
    if (result.changes === 0) throw new ExposureError('not-found', 'That checklist item no longer exists.');
  }

  history(itemId?: string): CheckRecord[] {
    const rows = (itemId
      ? this.conn.prepare('SELECT item_id, at, status, note FROM checks WHERE item_id = ? ORDER BY at, id').all(itemId)
      : this.conn.prepare('SELECT item_id, at, status, note FROM checks ORDER BY at, id').all()) as Array<{ item_id: string; at: string; status: string; note: string }>;
    return rows.map((r) => ({ itemId: r.item_id, at: r.at, status: r.status as ItemStatus, note: r.note }));
  }

  /** Stores an evidence screenshot that the caller has already cleaned with our own cleaner. */
  addEvidence(itemId: string, cleaned: { mime: string; bytes: Uint8Array; removed: string[] }, now: Date = new Date()): EvidenceInfo {
    this.getItem(itemId);
    const id = randomUUID();
    this.conn
      .prepare('INSERT INTO evidence (id, item_id, added_at, mime, bytes, removed) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, itemId, now.toISOString(), cleaned.mime, Buffer.from(cleaned.bytes), JSON.stringify(cleaned.removed));
    return { id, itemId, addedAt: now.toISOString(), mime: cleaned.mime, size: cleaned.bytes.length, removed: cleaned.removed };
  }

  listEvidence(itemId: string): EvidenceInfo[] {
    const rows = this.conn
      .prepare('SELECT id, item_id, added_at, mime, length(bytes) AS size, removed FROM evidence WHERE item_id = ? ORDER BY added_at')
      .all(itemId) as Array<{ id: string; item_id: string; added_at: string; mime: string; size: number; removed: string }>;
    return rows.map((r) => ({ id: r.id, itemId: r.item_id, addedAt: r.added_at, mime: r.mime, size: r.size, removed: JSON.parse(r.removed) as string[] }));
  }

  getEvidence(id: string): { mime: string; bytes: Buffer } {
    const row = this.conn.prepare('SELECT mime, bytes FROM evidence WHERE id = ?').get(id) as { mime: string; bytes: Buffer } | undefined;
    if (!row) throw new ExposureError('not-found', 'That screenshot is no longer in the checklist.');
    return row;
  }

  deleteEvidence(id: string): void {
    this.conn.prepare('DELETE FROM evidence WHERE id = ?').run(id);
  }

  autoLockMinutes(): number {
    const row = this.conn.prepare(`SELECT value FROM preferences WHERE key = 'autoLockMinutes'`).get() as { value: string } | undefined;
    const minutes = Number(row?.value);
    return (AUTO_LOCK_CHOICES as readonly number[]).includes(minutes) ? minutes : 10;
  }

  setAutoLockMinutes(minutes: number): void {
    if (!(AUTO_LOCK_CHOICES as readonly number[]).includes(minutes)) throw new ExposureError('invalid-input', 'Choose one of the offered times.');
    this.conn.prepare(`INSERT INTO preferences (key, value) VALUES ('autoLockMinutes', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(String(minutes));
  }
}
