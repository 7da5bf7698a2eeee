// Distinctive patterns (sheets, wallpaper, rugs, curtains, art): large background areas dense
// with robust local features, i.e. the connected high parts of the matchability map. A bed box
// from the object detector that is itself richly textured is reported as patterned bedding,
// ranked higher: hotel rooms have been identified from their sheets.
import type { Finding } from '../../../findings.js';
import { regionScore, type MatchabilityMap } from './matchability.js';
import { coveredBy, nonMaxSuppression } from '../pixels/image-ops.js';
import type { Box, CustomHints } from '../../custom/types.js';
import { visualFinding } from '../../findings/to-findings.js';

/** A pattern is an area, not a single detail: at least this many cells above PATTERN_SCORE. */
const MIN_CELLS = 6;
const PATTERN_SCORE = 0.7;
const BED_PATTERN_SCORE = 0.45;

export function detectPatterns(map: MatchabilityMap, hints: CustomHints = {}): Finding[] {
  const { gridW, gridH, cellSize, scores } = map;
  const seen = new Uint8Array(scores.length);
  const found: { box: Box; score: number; bedding: boolean }[] = [];
  for (let s = 0; s < scores.length; s++) {
    if (seen[s] || scores[s]! < PATTERN_SCORE) continue;
    const stack = [s];
    seen[s] = 1;
    let [x0, y0, x1, y1, n, total] = [gridW, gridH, 0, 0, 0, 0];
    while (stack.length) {
      const c = stack.pop()!;
      const x = c % gridW;
      const y = (c - x) / gridW;
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      n++;
      total += scores[c]!;
      for (const [nx, ny] of [[x - 1, y], [x + 1, y], [x, y - 1], [x, y + 1]] as const) {
        const ni = ny * gridW + nx;
        if (nx < 0 || ny < 0 || nx >= gridW || ny >= gridH || seen[ni] || scores[ni]! < PATTERN_SCORE) continue;
        seen[ni] = 1;
        stack.push(ni);
      }
    }
    if (n < MIN_CELLS) continue;
    // A pattern fills its box; a scatter of details along an edge does not.
    const fill = n / ((x1 - x0 + 1) * (y1 - y0 + 1));
    if (fill < 0.4) continue;
    const box: Box = [x0 * cellSize, y0 * cellSize, (x1 - x0 + 1) * cellSize, (y1 - y0 + 1) * cellSize];
    found.push({ box, score: (total / n) * (0.6 + 0.4 * fill), bedding: false });
  }
  for (const bed of hints.beds ?? []) {
    const score = regionScore(map, bed);
    if (score < BED_PATTERN_SCORE) continue;
    // Bedding replaces pattern areas it contains: one finding, ranked higher.
    for (let i = found.length - 1; i >= 0; i--) if (coveredBy(found[i]!.box, bed) > 0.7) found.splice(i, 1);
    found.push({ box: bed, score: Math.min(1, score + 0.3), bedding: true });
  }
  return nonMaxSuppression(found, 0.3, 6).map((f, i) => {
    const finding = visualFinding('pattern', f.box, f.score, i);
    if (f.bedding) {
      finding.id = `visual.pattern.bedding.${i}`;
      finding.severity = 'high';
      finding.title = 'Patterned bedding is visible';
      finding.explanation =
        'Sheets and bed covers with a pattern are easy to recognise. Hotel rooms have been found by matching bedding in a photo to the hotel’s own listing photos.';
      finding.action = 'Cover the bedding in the safe copy, or use a plain cover before taking photos or streaming.';
    }
    return finding;
  });
}
