// The pure wording and geometry helpers behind the screens.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/findings.js';
import type { FileReport } from '../../shared/report.js';
import { defaultRedactions, fileName, formatGps, formatValue, coverAreasFor, keptFindingsFor, parentFolder, uprightSize, verdictFor } from '../../renderer/state/present.js';

const finding = (over: Partial<Finding>): Finding => ({
  id: 'x',
  category: 'text',
  severity: 'high',
  title: 't',
  explanation: 'e',
  action: 'a',
  source: 'visual',
  ...over,
});
const report = (findings: Finding[], over: Partial<FileReport> = {}): FileReport => ({
  path: '/p/a.jpg',
  format: 'jpeg',
  size: 10,
  findings,
  embeddedImages: [],
  ...over,
});

describe('present', () => {
  it('writes GPS as decimal degrees with its precision', () => {
    expect(formatGps({ latitude: 43.4674528, longitude: -11.8851, precisionMeters: 11.2, altitude: null })).toBe(
      '43.46745, -11.88510 (accurate to about 11 m)',
    );
    expect(formatGps({ latitude: 1, longitude: 2, precisionMeters: 1850, altitude: null })).toBe('1.00000, 2.00000 (accurate to about 1.9 km)');
  });

  it('shortens long values and flattens objects', () => {
    expect(formatValue({ Make: 'NIKON', Model: 'E950' })).toBe('Make: NIKON, Model: E950');
    expect(formatValue('x'.repeat(500))).toHaveLength(200);
    expect(formatValue('')).toBeNull();
  });

  it('hides by default what the copy policy covers, sends only the checked areas, and names what the user kept', () => {
    const r = report([
      finding({ id: 'visual.licence-plate.0', category: 'licence-plate', severity: 'high', box: [100, 200, 40, 20] }),
      finding({ id: 'visual.bed.0', category: 'bed', severity: 'high', box: [5, 6, 70, 80] }),
      finding({ id: 'visual.text.0', category: 'text', kind: 'phone', severity: 'high', box: [10, 10, 100, 20] }),
      finding({ id: 'gps', severity: 'high', source: 'metadata' }),
    ]);
    const choices = defaultRedactions(r);
    expect(choices).toEqual({ 0: true, 1: false, 2: true });
    expect(coverAreasFor(r, { ...choices, 1: true, 2: false })).toEqual([
      { shape: 'box', box: [97, 197, 46, 26], mode: 'fill', from: { kind: 'finding', findingId: 'visual.licence-plate.0' } },
      { shape: 'box', box: [1, 2, 78, 88], mode: 'fill', from: { kind: 'finding', findingId: 'visual.bed.0' } },
    ]);
    expect(keptFindingsFor(r, { ...choices, 2: false })).toEqual(['visual.text.0']);
  });

  it('counts serious problems for the verdict, never says safe, and says what was not checked', () => {
    const all = { coverage: { metadata: true, picture: 'checked' as const, failedChecks: [] } };
    const clear = verdictFor(report([finding({ severity: 'low' })], all));
    expect(clear).toMatchObject({ kind: 'clear', title: 'Nothing found in what was checked' });
    // It never promises more than the checks can: it still asks for a look at the picture.
    expect(clear.detail).toMatch(/a look yourself/);
    expect(`${clear.title} ${clear.detail} ${clear.checked}`).not.toMatch(/\bsafe\b/i);
    // With the picture check off, nothing found is only "not fully checked".
    const metadataOnly = verdictFor(report([], { coverage: { metadata: true, picture: 'off', failedChecks: [] } }));
    expect(metadataOnly).toMatchObject({ kind: 'partial', title: 'Not fully checked' });
    expect(metadataOnly.checked).toMatch(/picture itself was not looked at/);
    const partly = verdictFor(report([], { coverage: { metadata: true, picture: 'partly', failedChecks: ['readable text'] } }));
    expect(partly.checked).toMatch(/not checked: readable text/);
    // An uncertain finding does not decide the verdict.
    expect(verdictFor(report([finding({ severity: 'high', maybe: true })], all)).kind).toBe('clear');
    const v = verdictFor(
      report(
        [
          finding({ id: 'gps.position', category: 'location', source: 'metadata', severity: 'critical', title: 'The exact place this photo was taken' }),
          finding({ id: 'visual.text.0', severity: 'medium' }),
          finding({ id: 'visual.text.1', severity: 'medium' }),
          finding({ id: 'visual.person.0', category: 'person', severity: 'low' }),
        ],
        all,
      ),
    );
    expect(v).toMatchObject({ kind: 'fix', title: 'Fix before posting' });
    // One line per kind of problem, worst first: two pieces of text are one problem.
    expect(v.detail).toMatch(/^2 problems found, 1 of them critical: the exact place this photo was taken; 2 pieces of readable text\./);
    expect(verdictFor(report([], { error: { code: 'corrupt', message: 'Damaged.' } }))).toMatchObject({ kind: 'error', detail: 'Damaged.' });
  });

  it('matches the original size to an upright preview', () => {
    expect(uprightSize(report([], { width: 4000, height: 3000 }), { width: 3000, height: 4000 })).toEqual({ width: 3000, height: 4000 });
    expect(uprightSize(report([], { width: 4000, height: 3000 }), { width: 4000, height: 3000 })).toEqual({ width: 4000, height: 3000 });
    expect(uprightSize(report([]), { width: 640, height: 480 })).toEqual({ width: 640, height: 480 });
  });

  it('splits paths from both systems', () => {
    expect(fileName('C:\\Users\\me\\a.jpg')).toBe('a.jpg');
    expect(parentFolder('/home/me/a.clean.jpg')).toBe('/home/me');
    expect(parentFolder('C:\\Users\\me\\a.jpg')).toBe('C:\\Users\\me');
  });
});
