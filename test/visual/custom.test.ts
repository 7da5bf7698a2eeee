// The custom detectors (doors, door handles, windows, patterns) on real corpus photos.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { coveredBy, iou } from '../../shared/visual/pixels/image-ops.js';
import { detectWindows } from '../../shared/visual/detectors/windows/windows.js';
import { matchabilityMap } from '../../shared/visual/detectors/patterns/matchability.js';
import { detectPatterns } from '../../shared/visual/detectors/patterns/patterns.js';
import type { Box, PersonMask, RgbImage } from '../../shared/visual/types.js';
import { VISUAL_CATEGORIES, type Finding } from '../../shared/findings.js';
import { VisualEngine, detect, planFor, toFindings } from '../../shared/visual/index.js';
import { afterAll } from 'vitest';

const engine = new VisualEngine({ readers: 'here' });
afterAll(() => engine.dispose());

/** The image-analysis detectors' findings (doors, handles, windows, patterns), as the app shows them. */
async function detectCustom(image: RgbImage, mask?: PersonMask): Promise<Finding[]> {
  const { detections } = await detect(image, engine, planFor(['door', 'door-handle', 'window', 'pattern']), mask ? { mask } : {});
  return toFindings(detections, image);
}

const SCENES = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');

async function loadScene(name: string): Promise<{ image: RgbImage; boxes: (label: string) => Box[] }> {
  const { data, info } = await sharp(path.join(SCENES, `${name}.jpg`)).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const meta = JSON.parse(readFileSync(path.join(SCENES, `${name}.json`), 'utf8')) as { objects: { label: string; box: Box }[] };
  return {
    image: { data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 },
    boxes: (label) => meta.objects.filter((o) => o.label === label).map((o) => o.box),
  };
}

const overlapsAny = (box: Box, truth: Box[]) => truth.some((t) => iou(box, t) >= 0.3);

describe('the image-analysis detectors (doors, handles, windows, patterns)', () => {
  it('finds the handle of a plain door', async () => {
    // One of the photos where the detector works; `npm run eval` measures how often it does.
    const { image, boxes } = await loadScene('doordetect__DOR_S1_100');
    const handles = (await detectCustom(image)).filter((f) => f.category === 'door-handle');
    expect(handles.some((f) => overlapsAny(f.box!, boxes('door handle')))).toBe(true);
  });

  it('reports nothing on the plain panel of a door, and well-formed findings elsewhere', async () => {
    const { image } = await loadScene('handle400__door_10');
    const findings = await detectCustom(image);
    expect(findings.length).toBeGreaterThan(0);
    // Inside the lower-left panel of the door (plain painted wood, chosen by eye).
    const panel: Box = [380, 700, 90, 260];
    for (const f of findings) expect(coveredBy(f.box!, panel)).toBeLessThan(0.5);
    for (const f of findings) {
      expect(VISUAL_CATEGORIES).toContain(f.category);
      expect(f.source).toBe('visual');
      expect(f.title.length).toBeGreaterThan(10);
      expect(f.action.length).toBeGreaterThan(10);
      expect(f.confidence).toBeGreaterThan(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
      const [x, y, w, h] = f.box!;
      expect(x >= 0 && y >= 0 && x + w <= image.width && y + h <= image.height).toBe(true);
    }
  });

  it('finds windows where the photo has them', async () => {
    for (const name of ['coco128__000000000384', 'handle400__door_57']) {
      const { image, boxes } = await loadScene(name);
      const windows = detectWindows(image);
      expect(windows.every((w) => w.category === 'window' && w.score > 0 && w.score <= 1), name).toBe(true);
      expect(windows.some((f) => overlapsAny(f.box!, boxes('window'))), name).toBe(true);
    }
  });

  it('reports a busy, patterned bed as patterned bedding, but not a plain bed', async () => {
    const busy = await loadScene('coco128__000000000612');
    const busyBed = busy.boxes('bed');
    const found = toFindings(detectPatterns(await matchabilityMap(busy.image), busyBed), busy.image).filter((f) => f.category === 'pattern');
    const bedding = found.find((f) => f.kind === 'bedding');
    expect(bedding?.severity).toBe('high');
    expect(bedding?.title).toBe('Patterned bedding is visible');
    expect(iou(bedding!.box!, busyBed[0]!)).toBeGreaterThan(0.9);

    const plain = await loadScene('sunrgbd_i3du__2');
    const plainFound = detectPatterns(await matchabilityMap(plain.image), plain.boxes('bed'));
    expect(plainFound.some((d) => d.kind === 'bedding')).toBe(false);
  });

  it('leaves out what the person covers', async () => {
    const { image, boxes } = await loadScene('doordetect__DOR_S1_100');
    // A person standing in front of the door handle.
    const [hx, hy, hw, hh] = boxes('door handle')[0]!;
    const mask = { width: image.width, height: image.height, data: new Uint8Array(image.width * image.height) };
    for (let y = Math.max(0, hy - 200); y < Math.min(image.height, hy + hh + 200); y++) {
      mask.data.fill(255, y * image.width + Math.max(0, hx - 150), y * image.width + Math.min(image.width, hx + hw + 150));
    }
    const findings = await detectCustom(image, mask);
    expect(findings.some((f) => f.category === 'door-handle' && overlapsAny(f.box!, boxes('door handle')))).toBe(false);
  });
});
