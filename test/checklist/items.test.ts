// The checklist's rules on a real (temporary, encrypted) store: re-check dates (30 days after a
// removal request, then 90), relisting in one call, history, evidence, and the dashboard.
import { describe, expect, it } from 'vitest';
import { summarize } from '../../shared/checklist/dashboard.js';
import { addDays, localDay } from '../../shared/checklist/items.js';
import { createStore } from '../../shared/node/checklist/store.js';
import { tempDir } from './helpers.js';

const day = (s: string) => new Date(`${s}T12:00:00`);

describe('checklist items', () => {
  it('dates re-checks 30 days after a removal request, then every 90, and records relisting in one call', async () => {
    const store = await createStore(tempDir(), 'correct horse battery staple', { calibrate: false });
    const spokeo = store.addItem({ category: 'broker', brokerId: 'spokeo', value: 'Spokeo', foundUrl: 'https://www.spokeo.com/Jane-Doe/1' }, day('2026-01-05'));
    expect(spokeo).toMatchObject({ status: 'not-checked', nextCheck: '2026-01-05', priority: 'medium' });
    store.recordCheck(spokeo.id, 'found', 'listing with old address', day('2026-01-05'));
    const submitted = store.recordCheck(spokeo.id, 'opt-out-submitted', 'confirmed by e-mail', day('2026-01-06'));
    expect(submitted).toMatchObject({ status: 'opt-out-submitted', optOutOn: '2026-01-06', nextCheck: '2026-02-05' });
    const removed = store.recordCheck(spokeo.id, 'removed', '', day('2026-02-05'));
    expect(removed.nextCheck).toBe('2026-05-06');
    const back = store.recordCheck(spokeo.id, 'reappeared', 'relisted', day('2026-05-06'));
    expect(back).toMatchObject({ status: 'reappeared', nextCheck: '2026-05-06', foundOn: '2026-05-06' });
    expect(store.history(spokeo.id).map((c) => c.status)).toEqual(['not-checked', 'found', 'opt-out-submitted', 'removed', 'reappeared']);

    const dash = summarize(store.listItems(), store.history(), '2026-05-06', 20);
    expect(dash).toMatchObject({ total: 1, exposed: 1, cleared: 0, dueIds: [spokeo.id], reappearedIds: [spokeo.id] });
    const progress = Object.fromEntries(dash.progress.map((p) => [p.week, [p.exposed, p.cleared]]));
    expect(progress[addDays('2026-05-06', -7 * 19)]).toEqual([0, 0]); // 2025-12-24: not added yet
    expect(progress[addDays('2026-05-06', -7 * 16)]).toEqual([1, 0]); // 2026-01-14: removal requested
    expect(progress[addDays('2026-05-06', -7 * 10)]).toEqual([0, 1]); // 2026-02-25: removed
    expect(progress['2026-05-06']).toEqual([1, 0]); // back online
    store.close();
  });

  it('validates input and names the field, never the value', async () => {
    const store = await createStore(tempDir(), 'correct horse battery staple', { calibrate: false });
    expect(() => store.addItem({ category: 'nonsense', value: 'x' })).toThrow(/kind of item/);
    expect(() => store.addItem({ category: 'place', value: 'Home' })).toThrow(/coordinates/);
    expect(() => store.addItem({ category: 'broker', value: 'x', foundUrl: 'javascript:alert(1)' })).toThrow(/web address/);
    const item = store.addItem({ category: 'address', value: '12 Oak St' });
    expect(() => store.updateItem(item.id, { nextCheck: '2026-13-45' })).toThrow(/next check date/);
    expect(store.updateItem(item.id, { notes: 'moved out', status: 'removed' })).toMatchObject({ notes: 'moved out', status: 'removed' });
    store.deleteItem(item.id);
    expect(store.listItems()).toEqual([]);
    expect(localDay(day('2026-03-01'))).toBe('2026-03-01');
    store.close();
  });
});
