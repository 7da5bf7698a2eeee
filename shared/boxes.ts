// Axis-aligned boxes [x, y, w, h] in pixels, and the overlap measures every detector, the
// redaction and the eval share.

export type Box = [number, number, number, number];

export function intersectionArea(a: readonly number[], b: readonly number[]): number {
  const [ax = 0, ay = 0, aw = 0, ah = 0] = a;
  const [bx = 0, by = 0, bw = 0, bh = 0] = b;
  const w = Math.max(0, Math.min(ax + aw, bx + bw) - Math.max(ax, bx));
  const h = Math.max(0, Math.min(ay + ah, by + bh) - Math.max(ay, by));
  return w * h;
}

/** Intersection over union; 0 for empty boxes. */
export function iou(a: readonly number[], b: readonly number[]): number {
  const inter = intersectionArea(a, b);
  const union = (a[2] ?? 0) * (a[3] ?? 0) + (b[2] ?? 0) * (b[3] ?? 0) - inter;
  return union > 0 ? inter / union : 0;
}

/** Share of box a that lies inside box b (0..1). */
export function coveredShare(a: readonly number[], b: readonly number[]): number {
  const area = (a[2] ?? 0) * (a[3] ?? 0);
  return area > 0 ? intersectionArea(a, b) / area : 0;
}
