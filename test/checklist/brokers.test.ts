// The starter broker list is data: every entry well-formed, https only, no duplicates, dated.
import { describe, expect, it } from 'vitest';
import { BROKERS, BROKER_FACTS_WRITTEN, Broker, brokerById } from '../../shared/checklist/brokers.js';

describe('the starter broker list', () => {
  it('has well-formed, unique, https-only entries for the crucial sites', () => {
    for (const b of BROKERS) expect(Broker.safeParse(b).success, b.id).toBe(true);
    expect(new Set(BROKERS.map((b) => b.id)).size).toBe(BROKERS.length);
    expect(BROKERS.filter((b) => b.priority === 'crucial').map((b) => b.id)).toEqual(
      expect.arrayContaining(['spokeo', 'whitepages', 'peopleconnect', 'beenverified', 'peoplefinders', 'truepeoplesearch', 'fastpeoplesearch']),
    );
    for (const b of BROKERS) expect(new URL(b.optOutUrl).hostname.endsWith(new URL(b.searchUrl).hostname.replace(/^www\./, '')) || b.id === 'peopleconnect', b.id).toBe(true);
    expect(brokerById('spokeo')?.name).toBe('Spokeo');
    expect(BROKER_FACTS_WRITTEN).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
