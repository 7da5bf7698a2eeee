// What we tell a frightened non-expert about each kind of thing seen in a photo: why it can
// give them away, and what to do. Plain words; the worst first.
import type { Severity, VisualCategory } from '../findings.js';

export interface CategoryWording {
  severity: Severity;
  title: string;
  explanation: string;
}

const HIDE = 'Hide it in the safe copy, or reframe or cover it before posting.';

export const CATEGORY_WORDING: Record<VisualCategory, CategoryWording> = {
  person: {
    severity: 'low',
    title: 'A person is in the photo',
    explanation: 'People in the background can be recognised, and can be asked where the photo was taken.',
  },
  face: {
    severity: 'high',
    title: 'A face is visible',
    explanation: 'Faces can be recognised by people and by face-search sites, which can lead to names and places. Faces of other people matter most: they did not choose to be posted.',
  },
  text: {
    severity: 'medium',
    title: 'Readable text in the picture',
    explanation: 'Words in a photo (signs, mail, parcel labels, documents) can be read by anyone and searched for, and often name a street, a shop, a school or a person.',
  },
  screen: {
    severity: 'medium',
    title: 'A screen is visible',
    explanation: 'Screens can show messages, names, maps or accounts, and a zoomed-in copy of the photo can make them readable.',
  },
  bed: {
    severity: 'high',
    title: 'A bed or bedding is visible',
    explanation: 'Patterned sheets, pillows and headboards can be matched against hotel and rental listing photos to find where you are.',
  },
  pattern: {
    severity: 'medium',
    title: 'A distinctive pattern is visible',
    explanation: 'Wallpaper, rugs, curtains, art and patterned fabrics can be matched against listing photos and other posts to find the room.',
  },
  door: {
    severity: 'medium',
    title: 'A door is visible',
    explanation: 'Doors, their frames and their fittings can be matched against listing and estate-agent photos to find the building.',
  },
  'door-handle': {
    severity: 'high',
    title: 'A door handle is visible',
    explanation: 'Door handles and knobs are surprisingly distinctive: people have been located by matching one to the photos of a flat for rent.',
  },
  window: {
    severity: 'high',
    title: 'A window or outside view is visible',
    explanation: 'What is outside a window (buildings, skyline, street, trees) can pin down where you are, sometimes down to the floor.',
  },
  vehicle: {
    severity: 'medium',
    title: 'A vehicle is visible',
    explanation: 'Cars and bikes can be recognised and followed, and the street around them can be matched to a map.',
  },
  'licence-plate': {
    severity: 'high',
    title: 'A licence plate may be readable',
    explanation: 'A licence plate can lead to a person and an address, and places the photo near where that vehicle is kept.',
  },
  'street-furniture': {
    severity: 'medium',
    title: 'Street signs or street furniture are visible',
    explanation: 'Street signs, traffic lights, hydrants and benches differ from town to town and can be matched to street-level maps.',
  },
  code: {
    severity: 'high',
    title: 'A QR code or barcode can be read',
    explanation: 'Anyone can scan a code in a photo: parcel labels, tickets and badges carry names, addresses and order numbers.',
  },
  mirror: {
    severity: 'medium',
    title: 'A mirror or reflection is visible',
    explanation: 'Mirrors and shiny surfaces can show the rest of the room, the person taking the photo, or what is outside.',
  },
  'matchable-area': {
    severity: 'medium',
    title: 'Part of the background is easy to match',
    explanation: 'This area has enough distinctive detail to be matched against other photos of the same place, the way hotel rooms are identified from guests’ photos.',
  },
};

export const VISUAL_ACTION = `${HIDE}`;
