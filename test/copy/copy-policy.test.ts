// The one copy policy and the judging of a copy: pure functions over findings.
import { describe, expect, it } from 'vitest';
import { checkCopy, judgeCopy } from '../../shared/copy-check.js';
import { coverBoxFor, coveredByDefault, parseRedactSetting, planCover, settingCovers } from '../../shared/copy-policy.js';
import { boxCover, type CoverArea } from '../../shared/cover.js';
import type { Finding } from '../../shared/findings.js';
import { plateOutline } from '../../shared/visual/detectors/text/plate-outline.js';
import { coveredShare, iou } from '../../shared/boxes.js';
import { decodeRgb } from '../../shared/image/decode.js';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const visual = (id: string, over: Partial<Finding>): Finding => ({
  id,
  category: 'text',
  severity: 'medium',
  title: id,
  explanation: 'e',
  action: 'a',
  source: 'visual',
  box: [100, 100, 50, 20],
  confidence: 0.9,
  ...over,
});

const plate = visual('visual.licence-plate.0', { category: 'licence-plate', severity: 'high', box: [240, 350, 120, 60] });
const phone = visual('visual.text.0', { kind: 'phone', severity: 'high', box: [360, 210, 110, 50] });
const sign = visual('visual.text.1', { kind: 'plain', box: [10, 10, 80, 20] });
const otherFace = visual('visual.face.0', { category: 'face', kind: 'other', severity: 'high', box: [500, 40, 30, 30] });
const ownFace = visual('visual.face.1', { category: 'face', kind: 'subject', box: [200, 40, 120, 140] });
const code = visual('visual.code.0', { category: 'code', severity: 'high', box: [20, 300, 60, 60] });
const screen = visual('visual.screen.0', { category: 'screen', box: [400, 400, 100, 70] });
const bed = visual('visual.bed.0', { category: 'bed', severity: 'high', box: [0, 200, 300, 200] });
const gps: Finding = { id: 'gps.position', category: 'location', severity: 'critical', title: 'GPS', explanation: 'e', action: 'a', source: 'metadata' };
const all = [gps, plate, phone, sign, otherFace, ownFace, code, screen, bed];

describe('the copy policy', () => {
  it('covers plates, codes, screens, faces of others and personal text by default, and nothing else', () => {
    expect(all.filter(coveredByDefault).map((f) => f.id)).toEqual([plate.id, phone.id, otherFace.id, code.id, screen.id]);
  });

  it('plans one area per covered finding, with a margin, and says why each is or is not covered', () => {
    const plan = planCover(all);
    expect(plan.areas.map((a) => a.from)).toEqual([plate, phone, otherFace, code, screen].map((f) => ({ kind: 'finding', findingId: f.id })));
    // Text gets room for every character (30% of its height); the area holds the finding's box.
    expect(coverBoxFor(phone as Finding & { box: [number, number, number, number] })).toEqual([345, 195, 140, 80]);
    expect(plan.decisions.find((d) => d.findingId === bed.id)).toEqual({ findingId: bed.id, covered: false, why: 'below-the-bar' });
    expect(plan.decisions.find((d) => d.findingId === plate.id)).toEqual({ findingId: plate.id, covered: true, why: 'policy' });
    expect(plan.decisions.some((d) => d.findingId === gps.id)).toBe(false);
  });

  it('applies the user’s choices on top: keep, cover, moved and drawn areas, and the way of covering', () => {
    const moved = boxCover([230, 340, 150, 90], 'fill', { kind: 'finding', findingId: plate.id });
    const drawn: CoverArea = { shape: 'stroke', points: [[1, 1], [50, 50]], radius: 10, mode: 'fill', from: { kind: 'drawn' } };
    const plan = planCover(all, 'default', { keep: [phone.id], cover: [bed.id], areas: [moved, drawn], mode: 'pixelate' });
    const ids = plan.areas.map((a) => (a.from.kind === 'drawn' ? 'drawn' : a.from.findingId));
    expect(ids).toEqual([plate.id, otherFace.id, code.id, screen.id, bed.id, 'drawn']);
    expect(plan.areas[0]).toBe(moved);
    expect(plan.areas[1]!.mode).toBe('pixelate');
    expect(plan.decisions.find((d) => d.findingId === phone.id)!.why).toBe('you-kept-it');
    expect(plan.decisions.find((d) => d.findingId === bed.id)!.why).toBe('your-choice');
  });

  it('reads --redact settings: default, none, all, or a list of picture categories', () => {
    expect(parseRedactSetting('none')).toBe('none');
    expect(parseRedactSetting('licence-plate, face')).toEqual(['licence-plate', 'face']);
    expect(parseRedactSetting('gps')).toBeNull();
    expect(parseRedactSetting('')).toBeNull();
    expect(planCover(all, 'none').areas).toEqual([]);
    expect(planCover(all, 'all').areas).toHaveLength(8);
    expect(planCover(all, ['bed']).areas.map((a) => a.from)).toEqual([{ kind: 'finding', findingId: bed.id }]);
    expect(settingCovers(gps, 'all')).toBe(false);
  });
});

describe('judging the copy by its own re-check', () => {
  const areas = planCover(all).areas;
  const copyOf = (f: Finding, box?: [number, number, number, number]): Finding => ({ ...f, id: `copy.${f.id}`, ...(box ? { box } : {}) });

  it('ignores what the re-check sees on the covers, and asks to cover what the policy covers and is still seen', () => {
    const onCover = copyOf(screen, [248, 355, 100, 50]); // the dark plate cover taken for a screen
    const stillReadable = copyOf(plate, [362, 360, 40, 20]); // characters left beside the cover
    const { misses, visible } = judgeCopy(all, [onCover, stillReadable, copyOf(sign)], true, areas, 'default', []);
    expect(misses.map((m) => m.id)).toEqual([stillReadable.id]);
    expect(visible.map((v) => v.finding.id)).toContain(sign.id.replace('visual', 'copy.visual'));
    expect(visible.map((v) => v.finding.id)).not.toContain(onCover.id);
  });

  it('counts what the original showed outside the covers even when the re-check of the copy missed it', () => {
    const { visible } = judgeCopy(all, [], true, areas, 'default', []);
    expect(visible.map((v) => [v.finding.id, v.seenIn])).toContainEqual([bed.id, 'original']);
    expect(visible.map((v) => v.finding.id)).not.toContain(plate.id);
    // Without a picture check of the copy, only what the re-read of the copy says counts.
    expect(judgeCopy(all, [], false, areas, 'default', []).visible).toEqual([]);
  });

  it('never calls a copy clear while something serious is visible, and says why it is visible', () => {
    const kept = checkCopy({ path: '/c.jpg', original: all, copy: [copyOf(phone)], coverage: { metadata: true, picture: 'checked', failedChecks: [] }, areas: planCover(all, 'default', { keep: [phone.id] }).areas, setting: 'default', keep: [phone.id], attempts: 1 });
    expect(kept.verdict.state).toBe('fix-before-posting');
    expect(kept.visible.find((v) => v.findingId === `copy.${phone.id}`)!.why).toBe('you-kept-it');
    expect(kept.visible.find((v) => v.findingId === bed.id)!.why).toBe('below-the-bar');
    expect(kept.verdict.detail).not.toMatch(/\bsafe\b/i);

    const failed = checkCopy({ path: '/c.jpg', original: all, copy: [copyOf(plate, [362, 360, 40, 20])], coverage: { metadata: true, picture: 'checked', failedChecks: [] }, areas, setting: 'default', keep: [], attempts: 3 });
    expect(failed.verdict.state).toBe('fix-before-posting');
    expect(failed.visible.find((v) => v.category === 'licence-plate')!.why).toBe('could-not-cover');
    expect(failed.verdict.detail).toMatch(/Covering did not work/);

    const quiet = [gps, plate];
    const clear = checkCopy({ path: '/c.jpg', original: quiet, copy: [], coverage: { metadata: true, picture: 'checked', failedChecks: [] }, areas: planCover(quiet).areas, setting: 'default', keep: [], attempts: 1 });
    expect(clear.verdict.state).toBe('nothing-found');
    expect(clear.verdict.headline).toBe('Nothing found in the copy');
    expect(clear.covered.map((c) => c.label)).toEqual(['Licence plate']);
    const unseen = checkCopy({ path: '/c.jpg', original: [], copy: [], coverage: { metadata: true, picture: 'off', failedChecks: [] }, areas: [], setting: 'none', keep: [], attempts: 1 });
    expect(unseen.verdict.state).toBe('not-fully-checked');
  });
});

describe('a licence plate’s whole outline', () => {
  it('takes in the other lines on the same plate and follows the plate to its edges (openalpr_us__car1)', async () => {
    const image = await decodeRgb(new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../../../shared/corpus/scenes/openalpr_us__car1.jpg'))), 'jpeg');
    // The lines our OCR finds on that photo: the state strip (which the plate finder keeps), the
    // characters "627" and "WWI", and the name on the plate frame above (not on the plate).
    const strip: [number, number, number, number] = [249, 361, 107, 17];
    const lines: Array<[number, number, number, number]> = [strip, [248, 375, 67, 30], [318, 376, 38, 28], [363, 213, 110, 48]];
    const outline = plateOutline(strip, lines, image);
    const truth: [number, number, number, number] = [243, 356, 115, 57]; // the labelled plate
    expect(iou(outline, truth)).toBeGreaterThan(0.6);
    // The copy covers the outline with the plate's margin: the whole labelled plate, not the name above it.
    const cover = coverBoxFor({ ...plate, box: outline as [number, number, number, number] });
    expect(coveredShare(truth, cover)).toBeGreaterThanOrEqual(0.99);
    expect(cover[1]).toBeGreaterThan(261);
    expect(cover[2] * cover[3]).toBeLessThan(115 * 57 * 2);
  });
});
