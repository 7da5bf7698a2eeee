// How much of a box is covered by the person mask (0..1), sampled on a coarse grid: enough to
// tell a background object from the subject's own hand or clothes.
import type { Box, PersonMask, RgbImage } from '../types.js';

export function maskShare(mask: PersonMask | undefined, image: Pick<RgbImage, 'width' | 'height'>, [bx, by, bw, bh]: Box): number {
  if (!mask) return 0;
  let hit = 0;
  let n = 0;
  const steps = 8;
  for (let j = 0; j < steps; j++) {
    for (let i = 0; i < steps; i++) {
      const x = bx + ((i + 0.5) * bw) / steps;
      const y = by + ((j + 0.5) * bh) / steps;
      const mx = Math.min(mask.width - 1, Math.max(0, Math.floor((x * mask.width) / image.width)));
      const my = Math.min(mask.height - 1, Math.max(0, Math.floor((y * mask.height) / image.height)));
      if (mask.data[my * mask.width + mx]! >= 128) hit++;
      n++;
    }
  }
  return hit / n;
}
