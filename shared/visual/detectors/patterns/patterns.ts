// Distinctive patterns (sheets, wallpaper, rugs, curtains, art): large background areas dense
// with robust local features, i.e. the connected high parts of the matchability map. A bed box
// from the object detector that is itself richly textured is reported as patterned bedding,
// ranked higher: hotel rooms have been identified from their sheets.
import { regionScore, type MatchabilityMap } from './matchability.js';
import { coveredBy, nonMaxSuppression } from '../../pixels/image-ops.js';
import type { Box, Detection } from '../../types.js';

/** A pattern is an area, not a single detail: at least this many cells above PATTERN_SCORE. */
const MIN_CELLS = 6;
const PATTERN_SCORE = 0.7;
const BED_PATTERN_SCORE = 0.45;

/** `beds`: bed boxes from the object detector (image pixels): patterned bedding inside ranks higher. */
export function detectPatterns(map: MatchabilityMap, beds: readonly Box[] = []): Detection[] {
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
  for (const bed of beds) {
    const score = regionScore(map, bed);
    if (score < BED_PATTERN_SCORE) continue;
    // Bedding replaces pattern areas it contains: one finding, ranked higher.
    for (let i = found.length - 1; i >= 0; i--) if (coveredBy(found[i]!.box, bed) > 0.7) found.splice(i, 1);
    found.push({ box: bed, score: Math.min(1, score + 0.3), bedding: true });
  }
  // Bedding's wording (and its higher severity) is the category table's: kind 'bedding'.
  return nonMaxSuppression(found, 0.3, 6).map((f) => ({
    category: 'pattern',
    label: f.bedding ? 'patterned bedding' : 'pattern',
    box: f.box.map((v) => Math.round(v)) as Box,
    score: Number(f.score.toFixed(3)),
    ...(f.bedding ? { kind: 'bedding' } : {}),
  }));
}
