// Pure: where in the frame a box is, in the words a person uses ("top left", "in the middle").

/** "top left", "bottom", "in the middle"... of a box [x, y, w, h] in a frame of `size`. */
export function whereInFrame(box: readonly number[], size: { width: number; height: number }): string {
  const [x = 0, y = 0, w = 0, h = 0] = box;
  const cx = (x + w / 2) / size.width;
  const cy = (y + h / 2) / size.height;
  const col = cx < 1 / 3 ? 'left' : cx > 2 / 3 ? 'right' : '';
  const row = cy < 1 / 3 ? 'top' : cy > 2 / 3 ? 'bottom' : '';
  if (!col && !row) return 'in the middle of the picture';
  return `${[row, col].filter(Boolean).join(' ')} of the picture`.replace(/^(top|bottom) of/, 'at the $1 of').replace(/^(left|right) of/, 'on the $1 of').replace(/^((top|bottom) (left|right)) of/, 'at the $1 of');
}
