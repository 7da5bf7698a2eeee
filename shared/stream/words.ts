// Pure: where in the frame a box is, in the words a person uses ("top left", "in the middle"),
// what to do about each kind of finding in a live picture, and its title and explanation said of a stream.
import type { VisualCategory } from '../findings.js';

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

/** What to do about a finding before or while live: a stream has no safe copy, the room itself changes. */
export const STREAM_FIX: Record<VisualCategory, string> = {
  person: 'Check who else is in the picture and whether they agreed to be on stream.',
  face: 'Ask them to step out of the picture, or turn the camera so they are not in it.',
  text: 'Turn the words away from the camera, cover them or move them out of the picture.',
  screen: 'Turn the screen off or away from the camera, or close what it shows.',
  bed: 'Use a plain cover, or turn the camera so the bed is out of the picture.',
  pattern: 'Cover the distinctive pattern with something plain, or turn the camera away from it.',
  door: 'Turn the camera so the door is out of the picture, or hang something plain over it.',
  'door-handle': 'Turn the camera so the handle is out of the picture, or cover it.',
  window: 'Close the curtains or blinds, or turn the camera away from the window.',
  vehicle: 'Keep vehicles out of the picture: move the camera or close the curtains.',
  'licence-plate': 'Take the plate out of the picture, or cover it.',
  'street-furniture': 'Close the curtains, or turn the camera away from the view outside.',
  code: 'Take the code out of the picture, or cover it: it can carry a name, an address or a link.',
  mirror: 'Move or cover the mirror: it shows what is behind the camera.',
  'matchable-area': 'If this is your home, cover this area with something plain or turn the camera away from it.',
};

/**
 * Why a finding matters, said of a live picture where a photo's words would be wrong ("where the
 * photo was taken"). Categories not listed here explain themselves without a photo.
 */
const STREAM_WHY: Partial<Record<VisualCategory, string>> = {
  person: 'People behind you can be recognised by viewers, and can be asked where you stream from.',
  text: 'Words in the picture (signs, mail, parcel labels, documents) can be read by viewers, paused and searched for, and often name a street, a shop, a school or a person.',
  screen: 'Screens can show messages, names, maps or accounts, and a viewer can pause or record the stream and zoom in until they are readable.',
  'licence-plate': 'A licence plate can lead to a person and an address, and places you near where that vehicle is kept.',
  code: 'A viewer can scan a code from the stream or a screenshot of it: parcel labels, tickets and badges carry names, addresses and order numbers.',
  mirror: 'Mirrors and shiny surfaces can show the rest of the room, what is behind the camera, or what is outside.',
  'matchable-area':
    'This area has many distinctive details. Someone could search for photos with the same details (for example hotel or rental listings) and find where you stream from.',
};

/** A finding's title and explanation in the words of a live picture: no "photo" where there is none. */
export function streamWords(category: VisualCategory, title: string, explanation: string): { title: string; explanation: string } {
  const picture = (s: string) => s.replace(/\b(the|this) photo\b/g, 'the picture').replace(/\bin a photo\b/g, 'in a stream');
  return { title: picture(title), explanation: STREAM_WHY[category] ?? picture(explanation) };
}
