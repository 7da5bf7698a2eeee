// The matcher on real photos: each is read by our own scanner (PaddleOCR text and plates, as the
// app and the CLI read it), then the checklist is applied. A stored plate, address street and name
// are found where the photos show them; nothing fires on the other photos' text, nor for a
// checklist of values no photo shows.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyChecklist } from '../../shared/checklist/apply.js';
import { buildMatcher } from '../../shared/checklist/matcher.js';
import { scanFile } from '../../shared/node/batch.js';
import type { FileReport } from '../../shared/report.js';
import { item } from './helpers.js';

const SCENES = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');

const CHECKLIST = [
  item('plate', '4PC I264', { label: 'car' }), // us1: read as one run
  item('plate', 'AYO-9034'), // br: read with a middle dot
  item('plate', 'M5 XSX'), // eu1: read with a dash and a space
  item('plate', 'FK2X2Z'), // wts-lg-000030: our OCR misreads the F
  item('address', '1520 Cumberland Avenue, Knoxville, TN 37916', { label: 'Home' }), // eu10: the street sign
  item('name', 'James Johnson'), // car1: the dealer's frame reads "James L. Johnson"
];

/** Photo -> the checklist item ids its text should match (none for the others). */
const EXPECTED: Record<string, string[]> = {
  'openalpr_us__us1.jpg': [CHECKLIST[0]!.id],
  'openalpr_br__AYO9034.jpg': [CHECKLIST[1]!.id],
  'openalpr_eu__eu1.jpg': [CHECKLIST[2]!.id],
  'openalpr_us__wts-lg-000030.jpg': [CHECKLIST[3]!.id],
  'openalpr_eu__eu10.jpg': [CHECKLIST[4]!.id],
  'openalpr_us__car1.jpg': [CHECKLIST[5]!.id],
  'openalpr_us__car5.jpg': [],
  'doordetect__92d37f69abfba9de.jpg': [],
  'doordetect__0e363618cb0f9bf8.jpg': [],
  'coco128__000000000257.jpg': [],
};

/** Values no photo above shows, of every kind the matcher compares. */
const UNRELATED = [
  item('address', '48 Willow Lane, Leeds LS6 2AB'),
  item('address', 'Rue de la Paix 7, Paris'),
  item('plate', 'KX19 ABC'),
  item('plate', '7ABC123'),
  item('name', 'Maria Gonzalez'),
  item('family', 'Tobias Whitfield'),
  item('school', 'Riverside High School'),
  item('phone', '+44 7700 900123'),
  item('email', 'maria.g@example.com'),
  item('handle', '@quietfox77'),
];

describe('the checklist matcher on text our scanner reads from real photos', () => {
  const reports = new Map<string, FileReport>();

  beforeAll(async () => {
    for (const name of Object.keys(EXPECTED)) {
      reports.set(name, await scanFile(path.join(SCENES, name), { visual: true, checks: ['text', 'licence-plate'] }));
    }
  }, 300_000);

  it('finds the stored plates, street and name where the photos show them, and nowhere else', () => {
    const matcher = buildMatcher(CHECKLIST);
    const found: Record<string, string[]> = {};
    for (const [name, report] of reports) {
      expect(report.error, name).toBeUndefined();
      const upgraded = applyChecklist(report, matcher).findings;
      found[name] = [...new Set(upgraded.flatMap((f) => f.checklistMatch?.itemIds ?? []))].sort();
    }
    expect(found).toEqual(EXPECTED);
  });

  it('upgrades the matched reading to a critical finding that names the item (plate, name, and the street alone)', () => {
    const matcher = buildMatcher(CHECKLIST);
    const plate = applyChecklist(reports.get('openalpr_us__us1.jpg')!, matcher).findings.find((f) => f.checklistMatch)!;
    expect(plate).toMatchObject({ category: 'licence-plate', severity: 'critical', kind: 'personal', title: 'Your licence plate (car) can be read in this photo' });
    expect(plate.box).toBeDefined();
    const street = applyChecklist(reports.get('openalpr_eu__eu10.jpg')!, matcher).findings.find((f) => f.checklistMatch)!;
    expect(street).toMatchObject({ category: 'text', severity: 'critical', title: 'The name of the street in your address (Home) can be read in this photo' });
    const name = applyChecklist(reports.get('openalpr_us__car1.jpg')!, matcher).findings.find((f) => f.checklistMatch)!;
    expect(name).toMatchObject({ severity: 'critical', title: 'Your name can be read in this photo' });
  });

  it('does not fire for values no photo shows', () => {
    const matcher = buildMatcher(UNRELATED);
    const texts = [...reports.values()].flatMap((r) => [...r.findings.filter((f) => typeof f.value === 'string').map((f) => String(f.value)), ...(r.readText ?? []).map((l) => l.text)]);
    expect(texts.length).toBeGreaterThan(30);
    expect(texts.filter((t) => matcher.matchText(t).length > 0)).toEqual([]);
    for (const report of reports.values()) expect(applyChecklist(report, matcher)).toBe(report);
  });
});
