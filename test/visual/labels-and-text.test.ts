// The label table covers every label the corpus and our models use; text ranking; the person mask.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VISUAL_CATEGORIES } from '../../shared/findings.js';
import { LABEL_TO_CATEGORY, VisualEngine, decodeRgb, maskCoverage, personMask } from '../../shared/visual/index.js';
import { classifyText, looksLikePlate, matchesPersonalTerm } from '../../shared/visual/detectors/text/text-kinds.js';

const SCENES = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');

describe('LABEL_TO_CATEGORY', () => {
  it('maps every ground-truth label in the scenes corpus (to a category or explicitly to null)', () => {
    const labels = new Set<string>();
    for (const f of fs.readdirSync(SCENES).filter((n) => /^[^.]+\.json$/.test(n))) {
      const meta = JSON.parse(fs.readFileSync(path.join(SCENES, f), 'utf8')) as { objects?: Array<{ label: string }>; labelled?: string[] | 'all' };
      for (const o of meta.objects ?? []) labels.add(o.label);
      if (Array.isArray(meta.labelled)) for (const l of meta.labelled) labels.add(l);
    }
    expect(labels.size).toBeGreaterThan(20);
    const missing = [...labels].filter((l) => !(l in LABEL_TO_CATEGORY));
    expect(missing).toEqual([]);
  });

  it('only ever names our visual categories', () => {
    for (const c of Object.values(LABEL_TO_CATEGORY)) if (c !== null) expect(VISUAL_CATEGORIES as readonly string[]).toContain(c);
    expect(LABEL_TO_CATEGORY['tv']).toBe('screen');
    expect(LABEL_TO_CATEGORY['license plate']).toBe('licence-plate');
    expect(LABEL_TO_CATEGORY['door handle']).toBe('door-handle');
  });
});

describe('text ranking', () => {
  it('recognises addresses, phones, e-mails, postcodes and names', () => {
    expect(classifyText('221B Baker Street')).toBe('address');
    expect(classifyText('Tel 0161 496 0123')).toBe('phone');
    expect(classifyText('write to jane.doe@example.org')).toBe('email');
    expect(classifyText('Manchester M1 1AE')).toBe('postcode');
    expect(classifyText('Mrs Whitfield')).toBe('name');
    expect(classifyText('OPEN')).toBe('plain');
  });

  it("matches the user's own terms whatever the case and accents", () => {
    expect(matchesPersonalTerm('CAFÉ ROSA, Elm Road', ['elm road'])).toBe('elm road');
    expect(matchesPersonalTerm('Elmwood', ['elm'])).toBeNull();
    expect(classifyText('St Anne’s Primary School', ["St Anne's Primary"])).toBe('personal');
  });

  it('knows plate-shaped text', () => {
    expect(looksLikePlate('AYO 9034')).toBe(true);
    expect(looksLikePlate('7ABC123')).toBe(true);
    expect(looksLikePlate('HELLO')).toBe(false);
    expect(looksLikePlate('12345')).toBe(false);
  });
});

describe('personMask', () => {
  it('covers the people and not the background of a real group photo', async () => {
    const image = await decodeRgb(fs.readFileSync(path.join(SCENES, 'coco128__000000000241.jpg')), 'jpeg');
    const engine = new VisualEngine({ readers: 'here' });
    const mask = await engine.exclusive(({ human }) => personMask(human, image));
    await engine.dispose();
    expect(mask.data.length).toBe(mask.width * mask.height);
    expect(mask.width / mask.height).toBeCloseTo(image.width / image.height, 1);
    const meta = JSON.parse(fs.readFileSync(path.join(SCENES, 'coco128__000000000241.json'), 'utf8')) as {
      objects: Array<{ label: string; box: [number, number, number, number] }>;
    };
    const biggest = meta.objects.filter((o) => o.label === 'person').sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3])[0]!;
    expect(maskCoverage(mask, biggest.box, image.width, image.height)).toBeGreaterThan(0.4);
    // The top-right corner of this photo is background.
    expect(maskCoverage(mask, [image.width - 80, 0, 80, 80], image.width, image.height)).toBeLessThan(0.1);
  });
});
