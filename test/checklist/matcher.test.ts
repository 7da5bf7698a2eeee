// The checklist matcher on text as OCR returns it: case, spacing, punctuation, street
// abbreviations, a misread letter, digits that must be exact; and the GPS radius rule.
import { describe, expect, it } from 'vitest';
import { buildMatcher, distanceMetres } from '../../shared/checklist/matcher.js';
import { applyChecklist } from '../../shared/checklist/apply.js';
import type { FileReport } from '../../shared/report.js';
import type { ChecklistItem } from '../../shared/checklist/items.js';
import { item } from './helpers.js';

const matched = (items: ChecklistItem[], text: string) => buildMatcher(items).matchText(text).map((m) => `${m.kind}:${m.strength}`);

describe('the checklist matcher on read text', () => {
  const address = item('address', '12 Oak Street, Springfield, IL 62704', { label: 'Home' });

  it('finds an address whatever the case, spacing, punctuation and abbreviation', () => {
    for (const text of ['12 Oak Street', '12 OAK ST.', '12 oak st', 'Send to: 12, Oak St, Springfield', '12 0ak Streat', 'l2 Oak St']) {
      expect(matched([address], text), text).toEqual(['address:full']);
    }
  });

  it('needs the house number exactly; without it only the street counts, with its street word', () => {
    expect(matched([address], '13 Oak Street')).toEqual(['address:street']);
    expect(matched([address], 'Oak St')).toEqual(['address:street']);
    expect(matched([address], 'Oak')).toEqual([]);
    expect(matched([address], '12 Elm Street')).toEqual([]);
    expect(matched([address], 'Springfield')).toEqual([]);
  });

  it('reads German-style addresses with the number after the street', () => {
    const home = item('address', 'Hauptstraße 12, 10115 Berlin');
    expect(matched([home], 'HAUPTSTR. 12')).toEqual(['address:full']);
    expect(matched([home], 'Hauptstrasse 12')).toEqual(['address:full']);
    expect(matched([home], 'Hauptstraße 21')).toEqual(['address:street']);
  });

  it('finds plates across spacing, dashes and one misread character', () => {
    const plate = item('plate', '627 WWI');
    for (const text of ['627-WWI', '627WWI', '627 WW1', 'WASHINGTON\n627·WWI', '627 VWI']) expect(matched([plate], text), text).toEqual(['plate:full']);
    for (const text of ['627', 'WWI', '672 WWI X', '628 WXI']) expect(matched([plate], text), text).toEqual([]);
  });

  it('finds names in either order, with or without a middle initial, and not inside other words', () => {
    const name = item('name', 'James Johnson');
    for (const text of ['James L. Johnson', 'JAMES JOHNSON', 'Johnson, James', 'Jarnes Johnson']) expect(matched([name], text), text).toEqual(['name:full']);
    for (const text of ['James Jonesboro', 'Johnsonville', 'James']) expect(matched([name], text), text).toEqual([]);
    // One short word must be exact, and a word inside another word does not count.
    const family = item('family', 'Mia');
    expect(matched([family], 'MIA')).toEqual([]); // under four letters: too common to alarm on
    const work = item('work', 'Acme');
    expect(matched([work], 'ACME Corp')).toEqual(['name:full']);
    expect(matched([work], 'Acne')).toEqual([]);
    expect(matched([work], 'Acmeville')).toEqual([]);
  });

  it('finds phone numbers written any way, by their last digits', () => {
    const phone = item('phone', '+1 (555) 014-2998');
    for (const text of ['555-014-2998', 'Call 555.014.2998', '(555) 0l4 2998', '+15550142998', '014-2998']) expect(matched([phone], text), text).toEqual(['phone:full']);
    for (const text of ['555-014-2999', '014-29', '2014-04-29 09:23:20']) expect(matched([phone], text), text).toEqual([]);
  });

  it('finds e-mail addresses and handles', () => {
    const email = item('email', 'jane.doe@example.org');
    const handle = item('handle', '@janedoe99');
    expect(matched([email], 'Contact: JANE.DOE@EXAMPLE.ORG')).toEqual(['email:full']);
    expect(matched([email], 'jane.dce@example.org')).toEqual(['email:full']);
    expect(matched([email], 'john.doe@example.net')).toEqual([]);
    expect(matched([handle], 'follow @janedoe99 on')).toEqual(['handle:full']);
    expect(matched([handle], '@janedoe')).toEqual([]);
  });

  it('says which item matched, by its plain name and label, never by its value', () => {
    const [m] = buildMatcher([address]).matchText('12 Oak St');
    expect(m).toMatchObject({ itemId: address.id, describe: 'your address (Home)' });
    expect(JSON.stringify(m)).not.toContain('Oak');
  });
});

describe('the GPS radius rule', () => {
  const home = item('place', '', { label: 'Home', place: { latitude: 43.46745, longitude: 11.88513, radiusM: 1000 } });

  it('measures great-circle distances', () => {
    // One degree of latitude is about 111.2 km everywhere.
    expect(distanceMetres({ latitude: 10, longitude: 5 }, { latitude: 11, longitude: 5 })).toBeCloseTo(111_195, -1);
  });

  it('fires within the radius, with the distance, and not outside it', () => {
    const matcher = buildMatcher([home]);
    const near = matcher.matchPlace(43.47, 11.88513); // ~283 m north
    expect(near).toHaveLength(1);
    expect(near[0]?.distanceM).toBeGreaterThan(270);
    expect(near[0]?.distanceM).toBeLessThan(300);
    expect(matcher.matchPlace(43.4764, 11.88513)).toHaveLength(1); // ~995 m
    expect(matcher.matchPlace(43.4766, 11.88513)).toEqual([]); // ~1017 m
    expect(matcher.matchPlace(-43.46745, 11.88513)).toEqual([]);
  });

  it('upgrades a photo’s GPS finding to critical, naming the place and the distance', () => {
    const report: FileReport = {
      path: '/p.jpg', format: 'jpeg', size: 1, embeddedImages: [],
      findings: [
        { id: 'exif.camera', category: 'device', severity: 'medium', title: 'Camera', explanation: '', action: '', source: 'metadata' },
        { id: 'gps.position', category: 'location', severity: 'high', title: 'The exact place', explanation: '', action: '', source: 'metadata', value: { latitude: 43.47, longitude: 11.88513, precisionMeters: 1, altitude: null } },
      ],
    };
    const out = applyChecklist(report, buildMatcher([home]));
    expect(out.findings[0]).toMatchObject({ id: 'gps.position', severity: 'critical', title: 'Taken 280 m from a place on your checklist (Home)', checklistMatch: { item: 'a place on your checklist (Home)', itemIds: [home.id], distanceMeters: Math.round(distanceMetres({ latitude: 43.47, longitude: 11.88513 }, home.place!)) } });
    expect(applyChecklist(report, buildMatcher([item('place', '', { place: { latitude: 0, longitude: 0, radiusM: 1000 } })]))).toBe(report);
  });
});
