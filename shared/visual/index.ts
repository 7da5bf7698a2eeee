// The visual pass: what in the picture itself can locate or identify the person.
export type { PersonMask, RgbImage, VisualOptions } from './types.js';
export { decodeForVisual } from './decode.js';
export { personMask, maskCoverage, maskValueAt } from './person-mask.js';
