// Glazing bars split one window into panes. Panes of one window share their edges exactly: the
// panes of a row have the same top and bottom, those of a column the same left and right, and the
// bars between them are thin next to the panes. Separate windows rarely line up that closely (their
// tops differ, or a stretch of wall parts them), so grouping by these rules rebuilds whole windows
// without merging neighbours.
import type { Box } from '../../types.js';

/** How far shared edges may differ, as a share of the pane size across them. */
const EDGE_TOLERANCE = 0.25;
/** Widest bar between panes, as a share of the smaller pane's size along the gap. */
const MAX_BAR = 0.35;

export interface PaneGroup {
  box: Box;
  panes: number;
  /** Share of the group's box covered by its panes (the rest is bars and frame). */
  cover: number;
}

/** Groups of at least two panes that line up as one window; with allowOverlap, also pieces of
 * one window found separately that overlap (each found at a different brightness level). */
export function groupPanes(panes: Box[], allowOverlap = false): PaneGroup[] {
  const parent = panes.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < panes.length; i++) {
    for (let j = i + 1; j < panes.length; j++) {
      const [a, b] = [panes[i]!, panes[j]!];
      if (sameRow(a, b, allowOverlap) || sameRow(transpose(a), transpose(b), allowOverlap)) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, Box[]>();
  panes.forEach((p, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), p]));
  const out: PaneGroup[] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const x0 = Math.min(...members.map((b) => b[0]));
    const y0 = Math.min(...members.map((b) => b[1]));
    const x1 = Math.max(...members.map((b) => b[0] + b[2]));
    const y1 = Math.max(...members.map((b) => b[1] + b[3]));
    const area = (x1 - x0) * (y1 - y0);
    out.push({ box: [x0, y0, x1 - x0, y1 - y0], panes: members.length, cover: members.reduce((s, b) => s + b[2] * b[3], 0) / area });
  }
  return out;
}

/** Side by side with the same top and bottom and only a thin bar between. */
function sameRow(a: Box, b: Box, allowOverlap: boolean): boolean {
  const tol = EDGE_TOLERANCE * Math.min(a[3], b[3]);
  if (Math.abs(a[1] - b[1]) > tol || Math.abs(a[1] + a[3] - (b[1] + b[3])) > tol) return false;
  const [left, right] = a[0] <= b[0] ? [a, b] : [b, a];
  const gap = right[0] - (left[0] + left[2]);
  const minGap = allowOverlap ? -Math.min(a[2], b[2]) : -1;
  return gap >= minGap && gap <= Math.max(1, MAX_BAR * Math.min(a[2], b[2]));
}

function transpose([x, y, w, h]: Box): Box {
  return [y, x, h, w];
}
