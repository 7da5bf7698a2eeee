// The one table of what the picture checks report: for each visual category, its wording, its
// severity, whether the default safe copy covers it, and below which confidence a finding is only
// a "maybe". The detectors, the findings builder, the copy policy, the CLI and the UI all read it;
// nothing else declares these.
import type { Severity, VisualCategory } from './findings.js';

/**
 * What the default safe copy covers:
 * - `always`: every finding of the category;
 * - `when-personal`: only findings whose `kind` says they name a person, an address, a phone
 *   number or an e-mail (see PERSONAL_TEXT_KINDS);
 * - `others`: only findings of someone other than the main subject (`kind: 'other'`);
 * - `never`: listed, covered only when the user chooses it.
 */
export type CoverRule = 'always' | 'when-personal' | 'others' | 'never';

/** Text kinds (Finding.kind of `text` findings) that the default copy covers. */
export const PERSONAL_TEXT_KINDS: readonly string[] = ['personal', 'email', 'phone', 'address', 'postcode', 'name'];

export interface CategoryRule {
  /** For summaries: "1 licence plate", "2 licence plates". */
  noun: readonly [singular: string, plural: string];
  severity: Severity;
  title: string;
  explanation: string;
  /** What to do about it, in the words of the app (never a command-line flag). */
  action: string;
  cover: CoverRule;
  /**
   * Findings whose confidence is below this are shown under "maybe, have a look" and do not count
   * in the verdict. 0: never a maybe; above 1: always a maybe (the detector is not yet reliable).
   */
  maybeBelow: number;
  /** Folded into the one "this room could be recognised" group rather than listed one by one. */
  room: boolean;
  /**
   * Why the severity and maybeBelow are what they are: precision and recall measured by
   * `npm run eval` on corpus/scenes (measured there, never tuned there), or null if not measured.
   */
  measured: { precision: number; recall: number; note: string } | null;
}

const COVER = 'Covered in the safe copy.';
const OFFER = 'You can cover it in the safe copy, or reframe the photo before posting.';

export const CATEGORY_RULES: Record<VisualCategory, CategoryRule> = {
  person: {
    noun: ['person', 'people'],
    severity: 'low',
    title: 'A person is in the photo',
    explanation: 'People in the background can be recognised, and can be asked where the photo was taken.',
    action: OFFER,
    cover: 'never',
    maybeBelow: 0.4,
    room: false,
    measured: { precision: 0.82, recall: 0.73, note: 'eval 2026-12-03, before the engine work' },
  },
  face: {
    noun: ['face', 'faces'],
    severity: 'high',
    title: 'A face is visible',
    explanation:
      'Faces can be recognised by people and by face-search sites, which can lead to names and places. Faces of other people matter most: they did not choose to be posted.',
    action: COVER,
    cover: 'others',
    maybeBelow: 0.7,
    room: false,
    measured: { precision: 1, recall: 0.4, note: 'eval 2026-12-03, before the engine work' },
  },
  text: {
    noun: ['piece of readable text', 'pieces of readable text'],
    severity: 'medium',
    title: 'Readable text in the picture',
    explanation:
      'Words in a photo (signs, mail, parcel labels, documents) can be read by anyone and searched for, and often name a street, a shop, a school or a person.',
    action: OFFER,
    cover: 'when-personal',
    maybeBelow: 0.6,
    room: false,
    measured: { precision: 0.71, recall: 0.42, note: 'eval 2026-12-03, before the engine work' },
  },
  screen: {
    noun: ['screen', 'screens'],
    severity: 'medium',
    title: 'A screen is visible',
    explanation: 'Screens can show messages, names, maps or accounts, and a zoomed-in copy of the photo can make them readable.',
    action: COVER,
    cover: 'always',
    maybeBelow: 0.5,
    room: false,
    measured: { precision: 0.5, recall: 0.33, note: 'eval 2026-12-03, before the engine work' },
  },
  bed: {
    noun: ['bed or bedding', 'beds or bedding'],
    severity: 'high',
    title: 'A bed or bedding is visible',
    explanation: 'Patterned sheets, pillows and headboards can be matched against hotel and rental listing photos to find where you are.',
    action: OFFER,
    cover: 'never',
    maybeBelow: 0.3,
    room: true,
    measured: { precision: 0.8, recall: 0.8, note: 'eval 2026-12-03, before the engine work (5 labelled beds)' },
  },
  pattern: {
    noun: ['distinctive pattern', 'distinctive patterns'],
    severity: 'medium',
    title: 'A distinctive pattern is visible',
    explanation:
      'Patterned sheets, wallpaper, rugs, curtains and pictures are easy to recognise. Hotel rooms and rentals have been identified by matching such patterns to listing photos.',
    action: OFFER,
    cover: 'never',
    maybeBelow: 2,
    room: true,
    measured: { precision: 0.03, recall: 0.03, note: 'eval 2026-12-03: too unreliable to count, so always a maybe' },
  },
  door: {
    noun: ['door', 'doors'],
    severity: 'low',
    title: 'A door is visible',
    explanation: 'The shape, colour and fittings of a door can be compared with photos of a building or a rental listing to work out where you are.',
    action: OFFER,
    cover: 'never',
    maybeBelow: 2,
    room: false,
    measured: { precision: 0.42, recall: 0.26, note: 'eval 2026-12-03: under half right, so always a maybe' },
  },
  'door-handle': {
    noun: ['door handle', 'door handles'],
    severity: 'high',
    title: 'There may be a door handle here',
    explanation:
      'Door handles and knobs come in thousands of designs. People have been found by matching the handle behind them to photos of flats and hotel rooms listed online.',
    action: 'You can cover the handle in the safe copy, or turn the camera so it is out of shot.',
    cover: 'never',
    maybeBelow: 2,
    room: false,
    measured: { precision: 0.22, recall: 0.19, note: 'eval 2026-12-03: mostly wrong, so always a maybe' },
  },
  window: {
    noun: ['window or outside view', 'windows or outside views'],
    severity: 'high',
    title: 'A window or view outside is visible',
    explanation:
      'What can be seen through a window (buildings, trees, the street, the sky line) can be matched to maps and street photos to find the place, and even the floor you are on.',
    action: 'You can cover the window in the safe copy, or close the curtains before taking the photo.',
    cover: 'never',
    maybeBelow: 0.5,
    room: false,
    measured: { precision: 0.64, recall: 0.26, note: 'eval 2026-12-03, before the engine work' },
  },
  vehicle: {
    noun: ['vehicle', 'vehicles'],
    severity: 'medium',
    title: 'A vehicle is visible',
    explanation: 'Cars and bikes can be recognised and followed, and the street around them can be matched to a map.',
    action: OFFER,
    cover: 'never',
    maybeBelow: 0.35,
    room: false,
    measured: { precision: 0.74, recall: 0.72, note: 'eval 2026-12-03, before the engine work' },
  },
  'licence-plate': {
    noun: ['licence plate', 'licence plates'],
    severity: 'high',
    title: 'A licence plate may be readable',
    explanation: 'A licence plate can lead to a person and an address, and places the photo near where that vehicle is kept.',
    action: COVER,
    cover: 'always',
    maybeBelow: 0,
    room: false,
    measured: { precision: 0.86, recall: 0.75, note: 'eval 2026-12-03, before the engine work' },
  },
  'street-furniture': {
    noun: ['street sign or street fitting', 'street signs or street fittings'],
    severity: 'medium',
    title: 'Street signs or street furniture are visible',
    explanation: 'Street signs, traffic lights, hydrants and benches differ from town to town and can be matched to street-level maps.',
    action: OFFER,
    cover: 'never',
    maybeBelow: 0.4,
    room: false,
    measured: { precision: 0.57, recall: 0.15, note: 'eval 2026-12-03, before the engine work' },
  },
  code: {
    noun: ['QR code or barcode', 'QR codes or barcodes'],
    severity: 'high',
    title: 'A QR code or barcode can be read',
    explanation: 'Anyone can scan a code in a photo: parcel labels, tickets and badges carry names, addresses and order numbers.',
    action: COVER,
    cover: 'always',
    maybeBelow: 0,
    room: false,
    measured: null,
  },
  mirror: {
    noun: ['mirror or reflection', 'mirrors or reflections'],
    severity: 'medium',
    title: 'A mirror or reflection is visible',
    explanation: 'Mirrors and shiny surfaces can show the rest of the room, the person taking the photo, or what is outside.',
    action: OFFER,
    cover: 'never',
    maybeBelow: 0.5,
    room: true,
    measured: null,
  },
  'matchable-area': {
    noun: ['easily matched area', 'easily matched areas'],
    severity: 'low',
    title: 'This part of the background is easy to match',
    explanation:
      'This area has many distinctive details. Someone could search for other photos with the same details (for example hotel or rental listings) and find where this photo was taken.',
    action: 'You can cover this area in the safe copy if it shows your home, a hotel room or anywhere you go often.',
    cover: 'never',
    maybeBelow: 2,
    room: true,
    measured: null,
  },
};

export function categoryRule(category: VisualCategory): CategoryRule {
  return CATEGORY_RULES[category];
}
