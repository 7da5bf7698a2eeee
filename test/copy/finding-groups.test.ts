// Fewer, better findings: one line per kind, worst first; the room in one group with its regions;
// what the checks are unsure of apart and never counted.
import { describe, expect, it } from 'vitest';
import { groupFindings, groupOf } from '../../shared/finding-groups.js';
import type { Finding } from '../../shared/findings.js';
import { verdictOf } from '../../shared/verdict.js';
import { applyChecklist } from '../../shared/checklist/apply.js';
import { buildMatcher } from '../../shared/checklist/matcher.js';
import { item } from '../checklist/helpers.js';

let n = 0;
const f = (over: Partial<Finding>): Finding => ({
  id: `f${n++}`,
  category: 'text',
  severity: 'medium',
  title: 'Readable text in the picture',
  explanation: 'e',
  action: 'a',
  source: 'visual',
  box: [n, n, 10, 10],
  ...over,
});

const plates = [f({ category: 'licence-plate', severity: 'high' }), f({ category: 'licence-plate', severity: 'high' })];
const gps = f({ id: 'gps.position', category: 'location', source: 'metadata', severity: 'critical', title: 'The exact place this photo was taken', box: undefined });
const bed = f({ category: 'bed', severity: 'high', title: 'A bed or bedding is visible' });
const patterns = [1, 2, 3].map(() => f({ category: 'pattern', maybe: true }));
const matchable = [1, 2, 3, 4, 5].map(() => f({ category: 'matchable-area', severity: 'low', maybe: true }));
const phone = f({ kind: 'phone', severity: 'high' });
const sign = f({ kind: 'plain' });
const others = [f({ category: 'face', kind: 'other', severity: 'high' }), f({ category: 'face', kind: 'other', severity: 'high' })];
const own = f({ category: 'face', kind: 'subject' });
const maybeHandles = [f({ category: 'door-handle', severity: 'high', maybe: true })];
const all = [...plates, gps, bed, ...patterns, ...matchable, phone, sign, ...others, own, ...maybeHandles];

describe('grouping findings', () => {
  it('gives one line per kind, worst first, and folds the room into one group with its regions', () => {
    const { groups, maybe } = groupFindings(all);
    expect(groups.map((g) => g.summary)).toEqual([
      'The exact place this photo was taken',
      '2 faces of other people',
      '2 licence plates',
      '2 pieces of readable text (a phone number)',
      'The room could be recognised: bedding, patterns, distinctive details',
      'Your face (or the main subject’s)',
    ]);
    const room = groups.find((g) => g.key === 'room')!;
    expect(room.regions).toHaveLength(1 + 3 + 5);
    expect(room.severity).toBe('high');
    expect(room.serious).toBe(true);
    expect(maybe.map((g) => g.summary)).toEqual(['1 door handle']);
    expect(maybe[0]!.serious).toBe(false);
    expect(groupOf({ groups, maybe }, patterns[0]!.id)).toBe(room);
  });

  it('keeps a room of unsure parts under "maybe", and the verdict counts kinds, not boxes', () => {
    const { groups, maybe } = groupFindings([...patterns, ...matchable]);
    expect(groups).toEqual([]);
    expect(maybe.map((g) => g.key)).toEqual(['room']);
    const all3 = { path: '/p.jpg', format: 'jpeg' as const, size: 1, findings: all, embeddedImages: [], coverage: { metadata: true, picture: 'checked' as const, failedChecks: [] } };
    const v = verdictOf(all3);
    expect(v.serious).toBe(6);
    expect(v.detail).toMatch(/^6 problems found, 1 of them critical: the exact place this photo was taken; 2 faces of other people; 2 licence plates, and 3 more\./);
    const onlyMaybe = verdictOf({ ...all3, findings: [...patterns, ...maybeHandles] });
    expect(onlyMaybe.state).toBe('nothing-found');
  });
});

describe('grouping findings that match the exposure checklist', () => {
  it('gives the match its own critical line, named by the item, apart from the other plates', () => {
    const mine = f({ category: 'licence-plate', severity: 'high', value: '4PC I264' });
    const stranger = f({ category: 'licence-plate', severity: 'high', value: 'KX19 ABC' });
    const report = { path: '/p.jpg', format: 'jpeg' as const, size: 1, findings: [mine, stranger], embeddedImages: [], coverage: { metadata: true, picture: 'checked' as const, failedChecks: [] } };
    const upgraded = applyChecklist(report, buildMatcher([item('plate', '4PC-I264', { label: 'car' })]));
    const { groups } = groupFindings(upgraded.findings);
    expect(groups.map((g) => [g.severity, g.summary])).toEqual([
      ['critical', 'Your licence plate (car) can be read in this photo'],
      ['high', '1 licence plate'],
    ]);
    expect(groups[0]!.serious).toBe(true);
    expect(verdictOf(upgraded).detail).toMatch(/^2 problems found, 1 of them critical: your licence plate \(car\) can be read in this photo; 1 licence plate\./);
  });
});
