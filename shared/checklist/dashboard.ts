// The checklist at a glance: what is out there, what is due for a look, and progress over time
// (replayed from the history of checks, week by week). Pure: items and history in, numbers out.
import { EXPOSED_STATUSES, STATUSES, addDays, isDue, type CheckRecord, type ChecklistItem, type ItemStatus } from './items.js';

export interface ProgressPoint {
  /** The last day of the week (YYYY-MM-DD). */
  week: string;
  /** Items still out there at the end of that week. */
  exposed: number;
  /** Items removed or not found at the end of that week. */
  cleared: number;
}

export interface Dashboard {
  total: number;
  byStatus: Record<ItemStatus, number>;
  exposed: number;
  cleared: number;
  /** Items whose re-check date has come, soonest first. */
  dueIds: string[];
  /** Items back online after a removal: relisting is common and needs a new request. */
  reappearedIds: string[];
  progress: ProgressPoint[];
}

const CLEARED: readonly ItemStatus[] = ['removed', 'not-found'];

/** Status of each item at the end of `day`, from the checks made up to then. */
function statusesOn(day: string, history: readonly CheckRecord[]): Map<string, ItemStatus> {
  const at = new Map<string, ItemStatus>();
  for (const check of history) {
    if (check.at.slice(0, 10) <= day) at.set(check.itemId, check.status);
  }
  return at;
}

export function summarize(allItems: readonly ChecklistItem[], history: readonly CheckRecord[], today: string, weeks = 12): Dashboard {
  // A place is a position photos are compared with, not something found online: it has no status to count.
  const items = allItems.filter((i) => i.category !== 'place');
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  for (const item of items) byStatus[item.status]++;
  const live = new Set(items.map((i) => i.id));
  const sorted = [...history].filter((c) => live.has(c.itemId)).sort((a, b) => a.at.localeCompare(b.at));
  const progress: ProgressPoint[] = [];
  for (let w = weeks - 1; w >= 0; w--) {
    const week = addDays(today, -7 * w);
    const statuses = [...statusesOn(week, sorted).values()];
    progress.push({ week, exposed: statuses.filter((s) => EXPOSED_STATUSES.includes(s)).length, cleared: statuses.filter((s) => CLEARED.includes(s)).length });
  }
  return {
    total: items.length,
    byStatus,
    exposed: items.filter((i) => EXPOSED_STATUSES.includes(i.status)).length,
    cleared: items.filter((i) => CLEARED.includes(i.status)).length,
    dueIds: items.filter((i) => isDue(i, today)).sort((a, b) => (a.nextCheck ?? '').localeCompare(b.nextCheck ?? '')).map((i) => i.id),
    reappearedIds: items.filter((i) => i.status === 'reappeared').map((i) => i.id),
    progress,
  };
}
