// The eval's scoring (bench/eval/score.ts): false boxes per photo on the photos that show none of a
// category, counted only where the photo's labels cover that category.
import { describe, expect, it } from 'vitest';
import { falsePerPhotoWithout, precision, recall, scorePhoto, type Tally } from '../../bench/eval/score.js';

describe('scorePhoto', () => {
  it('counts false boxes per photo only on labelled photos that show none of the category', () => {
    const tallies = new Map<string, Tally>();
    const categories = ['window', 'face'];
    const all = (): boolean => true;
    // A room labelled for windows with none: two false windows.
    scorePhoto(tallies, [], [
      { category: 'window', box: [0, 0, 10, 10], confidence: 0.9 },
      { category: 'window', box: [50, 50, 10, 10], confidence: 0.8 },
    ], all, categories);
    // A photo with a window: one found, one false (a false box, but not on a photo without windows).
    scorePhoto(tallies, [{ category: 'window', box: [0, 0, 10, 10] }], [
      { category: 'window', box: [1, 1, 10, 10], confidence: 0.9 },
      { category: 'window', box: [80, 80, 10, 10], confidence: 0.5 },
    ], all, categories);
    // A photo whose labels do not cover windows: its window box is neither right nor false.
    scorePhoto(tallies, [], [{ category: 'window', box: [0, 0, 10, 10], confidence: 0.9 }], (c) => c === 'face', categories);

    const w = tallies.get('window')!;
    expect(w).toMatchObject({ labels: 1, found: 1, truePositives: 1, falsePositives: 3, photosWithout: 1, falseOnPhotosWithout: 2 });
    expect(falsePerPhotoWithout(w)).toBe(2);
    expect(precision(w)).toBe(0.25);
    expect(recall(w)).toBe(1);
    // Faces: three photos cover faces, none shows one, none has a false face.
    expect(falsePerPhotoWithout(tallies.get('face')!)).toBe(0);
    expect(tallies.get('face')!.photosWithout).toBe(3);
  });
});
