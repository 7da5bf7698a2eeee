// The exposure checklist's part of the contract (spread into `calls` in contract.ts): every call
// the checklist screens make, each with its zod schema, validated in the main process, where the
// key lives. Passphrases cross once, from the form to main, and are never stored or echoed.
import { z } from 'zod';
import type { Broker } from '../checklist/brokers.js';
import type { Dashboard } from '../checklist/dashboard.js';
import { ItemChanges, NewItem, STATUSES, type CheckRecord, type ChecklistItem, type EvidenceInfo } from '../checklist/items.js';

const passphrase = z.string().min(1).max(1024);
const id = z.string().min(1).max(100);

export const checklistCalls = {
  /** Whether a checklist exists and is locked or unlocked; never any of its contents. */
  checklistStatus: { input: z.object({}) },
  /** Creates the checklist (passphrase twice) and unlocks it. */
  checklistCreate: { input: z.object({ passphrase, confirm: passphrase, remember: z.boolean().optional() }) },
  /** Unlocks with the passphrase, or with this device's keyring when it was remembered. */
  checklistUnlock: { input: z.object({ passphrase: passphrase.optional(), remember: z.boolean().optional() }) },
  checklistLock: { input: z.object({}) },
  /** The user is still there (a key press or click in the app): the idle timer starts again. */
  checklistStillHere: { input: z.object({}) },
  /** Everything the checklist screens show: items, the dashboard and the starter broker list. */
  checklistOverview: { input: z.object({}) },
  checklistAddItem: { input: z.object({ item: NewItem }) },
  checklistUpdateItem: { input: z.object({ id, changes: ItemChanges }) },
  checklistDeleteItem: { input: z.object({ id }) },
  /** Records a check (found, removal requested, removed, back online...) and dates the next look. */
  checklistRecordCheck: { input: z.object({ id, status: z.enum(STATUSES), note: z.string().max(2000).optional() }) },
  checklistHistory: { input: z.object({ id }) },
  /** Adds starter-list brokers as items to check (those already on the checklist are skipped). */
  checklistAddBrokers: { input: z.object({ brokerIds: z.array(z.string().min(1).max(60)).min(1).max(200) }) },
  /** Opens a broker's search or removal page in the system browser (the address comes from our list). */
  checklistOpenBrokerPage: { input: z.object({ brokerId: z.string().min(1).max(60), page: z.enum(['search', 'optOut']) }) },
  /** Asks for a screenshot, cleans it with our own cleaner, stores it inside the encrypted checklist. */
  checklistAddEvidence: { input: z.object({ itemId: id }) },
  checklistEvidenceImage: { input: z.object({ id }) },
  checklistDeleteEvidence: { input: z.object({ id }) },
  /** Asks for one of the user's own photos and returns where it was taken, to store as a place. */
  checklistPlaceFromPhoto: { input: z.object({}) },
  checklistChangePassphrase: { input: z.object({ current: passphrase, next: passphrase, confirm: passphrase }) },
  /** Asks where to save, then writes an encrypted backup protected by the current passphrase. */
  checklistExport: { input: z.object({ passphrase }) },
  /** Asks for a backup file and replaces the checklist with it; it opens with the backup's passphrase. */
  checklistImport: { input: z.object({ passphrase }) },
  /** Deletes the checklist for good. */
  checklistWipe: { input: z.object({ confirm: z.literal('delete my checklist') }) },
  checklistSetAutoLock: { input: z.object({ minutes: z.number().int().min(1).max(60) }) },
  /** Remember (or forget) the key in this device's keyring. */
  checklistSetRemember: { input: z.object({ remember: z.boolean() }) },
} as const;

export interface ChecklistStatus {
  state: 'none' | 'locked' | 'unlocked' | 'damaged';
  /** This device's keyring holds the key (unlock without typing the passphrase). */
  remembered: boolean;
  /** A real keyring is available to remember the key (never Linux's basic_text). */
  canRemember: boolean;
  /** Set when a remembered key could not be used: the passphrase is needed, nothing was deleted. */
  rememberProblem?: string;
  autoLockMinutes?: number;
}

export interface ChecklistOverview {
  items: ChecklistItem[];
  dashboard: Dashboard;
  brokers: readonly Broker[];
  brokerFactsWritten: string;
  today: string;
  /** Evidence per item id (metadata only; images are fetched one by one). */
  evidence: Record<string, EvidenceInfo[]>;
}

export interface ChecklistCallOutputs {
  checklistStatus: ChecklistStatus;
  checklistCreate: ChecklistStatus;
  checklistUnlock: ChecklistStatus;
  checklistLock: ChecklistStatus;
  checklistStillHere: { ok: true };
  checklistOverview: ChecklistOverview;
  checklistAddItem: ChecklistItem;
  checklistUpdateItem: ChecklistItem;
  checklistDeleteItem: { deleted: true };
  checklistRecordCheck: ChecklistItem;
  checklistHistory: CheckRecord[];
  checklistAddBrokers: { added: number };
  checklistOpenBrokerPage: { opened: boolean };
  checklistAddEvidence: EvidenceInfo | null;
  checklistEvidenceImage: { dataUrl: string };
  checklistDeleteEvidence: { deleted: true };
  checklistPlaceFromPhoto: { latitude: number; longitude: number; precisionMeters: number } | null;
  checklistChangePassphrase: { changed: true };
  checklistExport: { path: string | null };
  checklistImport: ChecklistStatus | null;
  checklistWipe: ChecklistStatus;
  checklistSetAutoLock: ChecklistStatus;
  checklistSetRemember: ChecklistStatus;
}

/** Pushed from main when the checklist locks itself (idle, the computer locked or went to sleep). */
export type ChecklistEvent = { type: 'locked'; reason: 'idle' | 'system' | 'user' };
export const CHECKLIST_EVENT_CHANNEL = 'exposure:checklist-event';
