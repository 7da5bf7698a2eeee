// A live picture is not a photo: every title and explanation a stream finding can show is said of
// the stream (no "where the photo was taken" to a streamer), and where in the frame reads as words.
import { describe, expect, it } from 'vitest';
import { CATEGORY_RULES } from '../../shared/categories.js';
import { VISUAL_CATEGORIES } from '../../shared/findings.js';
import { streamWords, whereInFrame } from '../../shared/stream/words.js';

describe('stream wording', () => {
  it('never speaks of a photo in a stream finding’s title or explanation', () => {
    for (const category of VISUAL_CATEGORIES) {
      const rule = CATEGORY_RULES[category];
      const wordings = [{ title: rule.title, explanation: rule.explanation }, ...Object.values(rule.kinds ?? {})];
      for (const kind of wordings) {
        const words = streamWords(category, kind.title ?? rule.title, kind.explanation ?? rule.explanation);
        expect(`${words.title} ${words.explanation}`, category).not.toMatch(/\bphoto\b/i);
        expect(words.explanation.length).toBeGreaterThan(40);
      }
    }
    expect(streamWords('person', 'Someone else is in the photo', 'x').title).toBe('Someone else is in the picture');
    // Sentences that are true of a stream are kept as they are.
    const street = CATEGORY_RULES['street-furniture'];
    expect(streamWords('street-furniture', street.title, street.explanation)).toEqual({ title: street.title, explanation: street.explanation });
  });

  it('says where in the frame a box is', () => {
    const size = { width: 1280, height: 720 };
    expect(whereInFrame([1000, 50, 100, 100], size)).toBe('at the top right of the picture');
    expect(whereInFrame([600, 320, 80, 80], size)).toBe('in the middle of the picture');
    expect(whereInFrame([20, 300, 100, 100], size)).toBe('on the left of the picture');
  });
});
