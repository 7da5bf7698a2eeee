// A checklist item and what can happen to it: the statuses, the shapes the app, the command line
// and the store exchange (validated with zod at every boundary), and the re-check rule.
import { z } from 'zod';
import { CHECKLIST_CATEGORY_IDS } from './categories.js';

export const STATUSES = ['not-checked', 'found', 'opt-out-submitted', 'awaiting-email', 'needs-action', 'removed', 'not-found', 'reappeared'] as const;
export type ItemStatus = (typeof STATUSES)[number];

/** Plain words for each status, as the app shows them. */
export const STATUS_LABEL: Record<ItemStatus, string> = {
  'not-checked': 'Not checked yet',
  found: 'Found online',
  'opt-out-submitted': 'Removal requested',
  'awaiting-email': 'Waiting for a confirmation e-mail',
  'needs-action': 'Needs something from you',
  removed: 'Removed',
  'not-found': 'Not found',
  reappeared: 'Back online again',
};

/** Still out there (or not yet confirmed gone). */
export const EXPOSED_STATUSES: readonly ItemStatus[] = ['found', 'opt-out-submitted', 'awaiting-email', 'needs-action', 'reappeared'];

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** A calendar day, YYYY-MM-DD (the user's local day). */
export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a date');
const text = (max: number) => z.string().max(max);
const url = z.string().max(2000).refine((s) => s === '' || /^https?:\/\/\S+$/i.test(s), 'a web address starting with https://');

export const PlaceFields = z.object({
  latitude: z.number().finite().min(-90).max(90),
  longitude: z.number().finite().min(-180).max(180),
  radiusM: z.number().finite().min(10).max(100_000),
});
export type PlaceFields = z.infer<typeof PlaceFields>;

/** Default radius around a stored place within which a photo's GPS is critical. */
export const DEFAULT_PLACE_RADIUS_M = 1000;

const editable = {
  label: text(120),
  value: text(500),
  priority: z.enum(PRIORITIES),
  status: z.enum(STATUSES),
  brokerId: z.string().max(60).nullable(),
  foundUrl: url,
  foundOn: Day.nullable(),
  optOutMethod: text(500),
  optOutOn: Day.nullable(),
  optOutReference: text(200),
  emailAlias: text(320),
  nextCheck: Day.nullable(),
  notes: text(10_000),
  place: PlaceFields.nullable(),
};

export const NewItem = z
  .object({ category: z.enum(CHECKLIST_CATEGORY_IDS), ...editable })
  .partial()
  .required({ category: true })
  .refine((i) => (i.value ?? '').trim() !== '' || (i.label ?? '').trim() !== '' || i.brokerId, 'an item needs a value or a name')
  .refine((i) => i.category !== 'place' || i.place, 'a place needs its coordinates');
export type NewItem = z.infer<typeof NewItem>;

export const ItemChanges = z.object(editable).partial();
export type ItemChanges = z.infer<typeof ItemChanges>;

export interface ChecklistItem {
  id: string;
  category: (typeof CHECKLIST_CATEGORY_IDS)[number];
  label: string;
  value: string;
  priority: Priority;
  status: ItemStatus;
  brokerId: string | null;
  foundUrl: string;
  foundOn: string | null;
  optOutMethod: string;
  optOutOn: string | null;
  optOutReference: string;
  emailAlias: string;
  nextCheck: string | null;
  notes: string;
  place: PlaceFields | null;
  createdAt: string;
  updatedAt: string;
  /** How many evidence screenshots it has (their bytes are fetched one by one). */
  evidenceCount: number;
}

export interface CheckRecord {
  itemId: string;
  /** ISO timestamp. */
  at: string;
  status: ItemStatus;
  note: string;
}

export interface EvidenceInfo {
  id: string;
  itemId: string;
  addedAt: string;
  mime: string;
  size: number;
  /** What our cleaner removed from the screenshot before it was stored. */
  removed: string[];
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today in the user's local time zone, as YYYY-MM-DD. */
export function localDay(now: Date = new Date()): string {
  const offset = now.getTimezoneOffset() * 60_000;
  return new Date(now.getTime() - offset).toISOString().slice(0, 10);
}

/** After a removal request, look again in 30 days; once it is gone, every 90 days (relisting is normal). */
export const RECHECK_AFTER_SUBMISSION_DAYS = 30;
export const RECHECK_AFTER_REMOVAL_DAYS = 90;
/** A confirmation e-mail usually comes within days; remind soon. */
export const RECHECK_AWAITING_EMAIL_DAYS = 3;

/** When to look again after a check that ended in `status` on `today`. */
export function nextCheckAfter(status: ItemStatus, today: string): string {
  switch (status) {
    case 'opt-out-submitted':
      return addDays(today, RECHECK_AFTER_SUBMISSION_DAYS);
    case 'awaiting-email':
      return addDays(today, RECHECK_AWAITING_EMAIL_DAYS);
    case 'removed':
    case 'not-found':
      return addDays(today, RECHECK_AFTER_REMOVAL_DAYS);
    case 'not-checked':
    case 'found':
    case 'needs-action':
    case 'reappeared':
      return today;
  }
}

export function isDue(item: Pick<ChecklistItem, 'nextCheck'>, today: string): boolean {
  return item.nextCheck !== null && item.nextCheck <= today;
}
