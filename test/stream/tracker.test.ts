// The tracker on its own: association by overlap and category, stable ids, a second sighting
// before a thing counts, and gone only when a check that looks for it misses it where the picture
// changed.
import { describe, expect, it } from 'vitest';
import type { Box } from '../../shared/boxes.js';
import type { VisualCategory } from '../../shared/findings.js';
import type { Thumbnail } from '../../shared/stream/frame-diff.js';
import { Tracker, type Observation, type Trackable } from '../../shared/stream/tracker.js';

const det = (category: VisualCategory, box: Box, score = 0.9): Trackable => ({ category, box, score });
const ALL = new Set<VisualCategory>(['face', 'bed', 'window', 'text', 'screen']);

function obs(frame: number, detections: Trackable[], extra: Partial<Observation> = {}): Observation {
  return { frame, time: frame / 10, detections, looked: ALL, ...extra };
}

/** A flat grey thumbnail, optionally with one cell block brightened (something moved there). */
function thumb(changedBox?: Box): Thumbnail {
  const cols = 64;
  const rows = 36;
  const cells = new Float32Array(cols * rows).fill(100);
  if (changedBox) {
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        const x = (c + 0.5) * 20;
        const y = (r + 0.5) * 20;
        if (x >= changedBox[0] && x < changedBox[0] + changedBox[2] && y >= changedBox[1] && y < changedBox[1] + changedBox[3]) cells[r * cols + c] = 200;
      }
  }
  return { cols, rows, cells, width: 1280, height: 720 };
}

describe('Tracker', () => {
  it('needs a second sighting: one noisy frame raises nothing', () => {
    const t = new Tracker();
    expect(t.update(obs(0, [det('face', [100, 100, 50, 50])]))).toEqual([]);
    expect(t.tentative()).toHaveLength(1);
    // The next check looks for faces and sees none: the flicker is dropped silently.
    expect(t.update(obs(1, []))).toEqual([]);
    expect(t.current()).toHaveLength(0);
    expect(t.confirmedEver()).toHaveLength(0);
  });

  it('confirms on the second sighting and keeps one stable id while the box moves', () => {
    const t = new Tracker();
    t.update(obs(0, [det('face', [100, 100, 50, 50])]));
    const events = t.update(obs(1, [det('face', [110, 104, 52, 50])]));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'confirmed', track: { id: 1, hits: 2, firstFrame: 0, lastFrame: 1 } });
    for (let f = 2; f < 10; f++) expect(t.update(obs(f, [det('face', [100 + f * 8, 100, 50, 50])]))).toEqual([]);
    expect(t.current().map((x) => x.id)).toEqual([1]);
    expect(t.current()[0]!.box).toEqual([172, 100, 50, 50]);
  });

  it('matches within a category only', () => {
    const t = new Tracker();
    t.update(obs(0, [det('screen', [300, 200, 200, 150])]));
    t.update(obs(1, [det('window', [300, 200, 200, 150])]));
    // The screen was missed (dropped), the window is a new tentative track.
    expect(t.current().map((x) => [x.id, x.category])).toEqual([[2, 'window']]);
  });

  it('keeps two things of a category apart, each with its own id', () => {
    const t = new Tracker();
    const a: Box = [50, 50, 100, 100];
    const b: Box = [600, 300, 100, 100];
    t.update(obs(0, [det('face', a), det('face', b)]));
    t.update(obs(1, [det('face', [b[0] + 5, b[1], 100, 100]), det('face', [a[0] + 5, a[1], 100, 100])]));
    const ids = t.current().map((x) => [x.id, x.box[0]]);
    expect(ids).toEqual([
      [1, 55],
      [2, 605],
    ]);
  });

  it('only a check that looked for the category, where it looked, counts as a miss', () => {
    const t = new Tracker();
    t.update(obs(0, [det('text', [10, 10, 100, 20])]));
    t.update(obs(1, [det('text', [10, 10, 100, 20])]));
    // Many checks that do not read text, and one that reads only another region.
    for (let f = 2; f < 30; f++) t.update(obs(f, [], { looked: new Set(['face', 'window']) }));
    t.update(obs(30, [], { region: [600, 400, 200, 200] }));
    expect(t.current()).toHaveLength(1);
    expect(t.current()[0]!.misses).toBe(0);
  });

  it('is gone after two misses and a second without a sighting, and the event says which', () => {
    const t = new Tracker();
    t.update(obs(0, [det('bed', [200, 300, 400, 300])]));
    t.update(obs(1, [det('bed', [200, 300, 400, 300])]));
    expect(t.update(obs(2, []))).toEqual([]); // one miss
    expect(t.update(obs(5, []))).toEqual([]); // two misses, but only 0.4 s unseen
    const events = t.update(obs(11, []));
    // It left between its last sighting (frame 1) and the first check that missed it (frame 2).
    expect(events).toMatchObject([{ type: 'gone', track: { id: 1, state: 'gone', lastFrame: 1, missedAt: { frame: 2 } } }]);
    expect(t.current()).toHaveLength(0);
    expect(t.confirmedEver().map((x) => x.id)).toEqual([1]);
  });

  it('is not missed where the picture has not changed since it was seen; is missed once it has', () => {
    const t = new Tracker();
    const box: Box = [400, 200, 200, 200];
    const still = thumb();
    t.update(obs(0, [det('window', box)], { thumb: still }));
    t.update(obs(1, [det('window', box)], { thumb: still }));
    // The detector wavers on an unchanged picture: the window stays.
    for (let f = 2; f < 40; f++) expect(t.update(obs(f, [], { thumb: thumb() }))).toEqual([]);
    expect(t.current()[0]!.misses).toBe(0);
    // Something changes elsewhere: still not a miss for the window.
    t.update(obs(40, [], { thumb: thumb([900, 500, 200, 200]) }));
    expect(t.current()[0]!.misses).toBe(0);
    // The window's area changes (the curtain is drawn) and it is no longer seen: gone.
    t.update(obs(41, [], { thumb: thumb(box) }));
    const events = t.update(obs(52, [], { thumb: thumb(box) }));
    expect(events.map((e) => e.type)).toEqual(['gone']);
  });

  it('keeps one track when a thing is partly hidden and then whole again', () => {
    const t = new Tracker();
    const whole: Box = [700, 450, 300, 220];
    t.update(obs(0, [det('screen', whole)]));
    t.update(obs(1, [det('screen', whole)]));
    // A parcel in front hides its top two thirds: the screen still seen is a sliver of its box.
    for (let f = 2; f < 30; f++) t.update(obs(f, [det('screen', [700, 620, 300, 50])]));
    t.update(obs(30, [det('screen', whole)]));
    expect(t.current().map((x) => x.id)).toEqual([1]);
    expect(t.confirmedEver().map((x) => x.id)).toEqual([1]);
  });

  it('never reuses an id', () => {
    const t = new Tracker();
    t.update(obs(0, [det('face', [0, 0, 40, 40])]));
    t.update(obs(1, []));
    t.update(obs(2, [det('face', [0, 0, 40, 40])]));
    expect(t.current()[0]!.id).toBe(2);
  });

  it('drops a tentative track that is never looked at again', () => {
    const t = new Tracker();
    t.update(obs(0, [det('text', [0, 0, 40, 40])]));
    t.update(obs(100, [], { looked: new Set(['face']) }));
    expect(t.current()).toHaveLength(0);
  });

  it('confirms at once when one sighting is enough', () => {
    const t = new Tracker({ matchIou: 0.3, matchAreaRatio: 3, matchInside: 0.7, confirmHits: 1, goneMisses: 1, goneSeconds: 0, tentativeSeconds: 1 });
    expect(t.update(obs(0, [det('face', [0, 0, 40, 40])])).map((e) => e.type)).toEqual(['confirmed']);
  });

  it('averages the score over sightings', () => {
    const t = new Tracker();
    t.update(obs(0, [det('screen', [0, 0, 100, 100], 0.4)]));
    t.update(obs(1, [det('screen', [0, 0, 100, 100], 0.8)]));
    expect(t.current()[0]!.score).toBeCloseTo(0.6);
  });
});
