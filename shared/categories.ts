// The one table of what the picture checks report: for each visual category, the raw labels that
// mean it, the score from which a detection is reported, its wording (and the wording of its finer
// kinds), its severity, whether the default safe copy covers it, and below which confidence a
// finding is only a "maybe", each with the measurement behind it. The detectors, toFindings(), the
// copy policy, the CLI and the UI all read it; nothing else declares these.
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

/** Wording that replaces the category's for one finer kind (Finding.kind / Detection.kind). */
export interface KindWording {
  severity?: Severity;
  title?: string;
  explanation?: string;
  action?: string;
}

export interface CategoryRule {
  /**
   * Raw labels that mean this category, lower case: COCO names from the object model, our own
   * detectors' labels, and the spellings of the labelled photos in corpus/scenes (which `npm run
   * eval` maps through this same table).
   */
  labels: readonly string[];
  /**
   * A detection is reported from this score (or model confidence) up; below it the detector has
   * seen too little to say anything. `byLabel` refines it for one raw label. `null`: the detector
   * decides itself (its own threshold, fitted in training, is given in `measured`).
   */
  reportFrom: { score: number; byLabel?: Record<string, number>; why: string } | null;
  /** Finer kinds with their own wording and severity (text that is an address; someone else's face). */
  kinds?: Record<string, KindWording>;
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
    labels: ['person'],
    reportFrom: { score: 0.3, why: 'COCO objects from 0.3: scenes person P 0.82 R 0.73 (eval 2026-12-03)' },
    kinds: {
      subject: { severity: 'low', title: 'The main subject of the photo' },
      other: { severity: 'medium', title: 'Someone else is in the photo' },
    },
    noun: ['person', 'people'],
    severity: 'low',
    title: 'A person is in the photo',
    explanation: 'People in the background can be recognised, and can be asked where the photo was taken.',
    action: OFFER,
    cover: 'never',
    maybeBelow: 0.4,
    room: false,
    measured: { precision: 0.82, recall: 0.73, note: 'eval 2026-12-03; the same after the engine work (2026-12-04)' },
  },
  face: {
    labels: ['face'],
    reportFrom: { score: 0.6, why: 'blazeface box score from 0.6: scenes face P 1.00 R 0.40 (eval 2026-12-03)' },
    kinds: {
      subject: { severity: 'medium', title: 'Your face (or the main subject’s) is visible' },
      other: { severity: 'high', title: 'Someone else’s face may be visible' },
    },
    noun: ['face', 'faces'],
    severity: 'high',
    title: 'A face is visible',
    explanation:
      'Faces can be recognised by people and by face-search sites, which can lead to names and places. Faces of other people matter most: they did not choose to be posted.',
    action: COVER,
    cover: 'others',
    maybeBelow: 0.7,
    room: false,
    measured: { precision: 0.89, recall: 0.4, note: 'eval 2026-12-04 with the closer look at people (faces.ts; 1.00 / 0.40 without it): the misses are 12-24 px faces, docs/detection-quality.md' },
  },
  text: {
    labels: ['text', 'banner'],
    reportFrom: { score: 0.5, why: "PaddleOCR's own drop_score (mean character confidence of a line), not fitted here: scenes text P 0.71 R 0.42 (eval 2026-12-03)" },
    kinds: {
      personal: { severity: 'critical', title: 'Text in the picture matches your own details' },
      email: { severity: 'high', title: 'An e-mail address can be read in the picture' },
      phone: { severity: 'high', title: 'A phone number can be read in the picture' },
      address: { severity: 'high', title: 'Something like a street address can be read in the picture' },
      postcode: { severity: 'high', title: 'Something like a postcode can be read in the picture' },
      'web address': { severity: 'medium', title: 'A web address can be read in the picture' },
      name: { severity: 'high', title: 'Something like a name can be read in the picture' },
      plate: { severity: 'high', title: 'A licence plate can be read' },
      plain: { severity: 'medium', title: 'Readable text in the picture' },
    },
    noun: ['piece of readable text', 'pieces of readable text'],
    severity: 'medium',
    title: 'Readable text in the picture',
    explanation:
      'Words in a photo (signs, mail, parcel labels, documents) can be read by anyone and searched for, and often name a street, a shop, a school or a person.',
    action: OFFER,
    cover: 'when-personal',
    maybeBelow: 0.6,
    room: false,
    measured: { precision: 0.71, recall: 0.42, note: 'eval 2026-12-03; the same after the engine work (2026-12-04)' },
  },
  screen: {
    labels: ['tv', 'laptop', 'cell phone', 'screen', 'screen-geometric', 'monitor', 'television'],
    reportFrom: { score: 0.3, why: 'COCO objects from 0.3; outlines with a bezel score 0.45-1 by construction (screens.ts): scenes screen P 0.50 R 0.33 (eval 2026-12-03)' },
    noun: ['screen', 'screens'],
    severity: 'medium',
    title: 'A screen is visible',
    explanation: 'Screens can show messages, names, maps or accounts, and a zoomed-in copy of the photo can make them readable.',
    action: COVER,
    cover: 'always',
    maybeBelow: 0.5,
    room: false,
    measured: { precision: 0.5, recall: 0.33, note: 'eval 2026-12-03; the same after the engine work (2026-12-04)' },
  },
  bed: {
    labels: ['bed', 'bedding', 'pillow', 'duvet', 'bed sheet', 'blanket'],
    reportFrom: { score: 0.2, why: 'the COCO model under-scores beds (often the whole frame): 0.3 -> 0.2 found 3/5 -> 4/5 on scenes; P 0.80 R 0.80 (eval 2026-12-03)' },
    noun: ['bed or bedding', 'beds or bedding'],
    severity: 'high',
    title: 'A bed or bedding is visible',
    explanation: 'Patterned sheets, pillows and headboards can be matched against hotel and rental listing photos to find where you are.',
    action: OFFER,
    cover: 'never',
    maybeBelow: 0.3,
    room: true,
    measured: { precision: 0.8, recall: 0.17, note: 'eval 2026-12-04 counting the 19 labelled pillows as bedding (0.80 / 0.80 on the 5 bed boxes alone): docs/detection-quality.md' },
  },
  pattern: {
    labels: ['pattern', 'patterned bedding', 'picture frame', 'picture', 'painting', 'curtain', 'rug', 'wallpaper'],
    reportFrom: null,
    kinds: {
      bedding: {
        severity: 'high',
        title: 'Patterned bedding is visible',
        explanation:
          'Sheets and bed covers with a pattern are easy to recognise. Hotel rooms have been found by matching bedding in a photo to the hotel’s own listing photos.',
        action: 'Cover the bedding in the safe copy, or use a plain cover before taking photos or streaming.',
      },
    },
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
    labels: ['door'],
    reportFrom: null,
    noun: ['door', 'doors'],
    severity: 'low',
    title: 'A door is visible',
    explanation: 'The shape, colour and fittings of a door can be compared with photos of a building or a rental listing to work out where you are.',
    action: OFFER,
    cover: 'never',
    maybeBelow: 2,
    room: false,
    measured: { precision: 0.38, recall: 0.26, note: 'eval 2026-12-04 (head on the one backbone pass; 0.42 / 0.26 on its own box-averaged pass before): under half right, so always a maybe' },
  },
  'door-handle': {
    labels: ['door handle', 'doorknob'],
    reportFrom: null,
    noun: ['door handle', 'door handles'],
    severity: 'high',
    title: 'There may be a door handle here',
    explanation:
      'Door handles and knobs come in thousands of designs. People have been found by matching the handle behind them to photos of flats and hotel rooms listed online.',
    action: 'You can cover the handle in the safe copy, or turn the camera so it is out of shot.',
    cover: 'never',
    maybeBelow: 2,
    room: false,
    measured: { precision: 0.28, recall: 0.2, note: 'eval 2026-12-04 (head on the one backbone pass; 0.22 / 0.19 before): mostly wrong, so always a maybe' },
  },
  window: {
    labels: ['window', 'outside view', 'shop window'],
    reportFrom: { score: 0.55, why: 'window-likeness from 0.55 (windows.ts scores 0.2-1.3): scenes window P 0.64 R 0.26 (eval 2026-12-03)' },
    noun: ['window or outside view', 'windows or outside views'],
    severity: 'high',
    title: 'A window or view outside is visible',
    explanation:
      'What can be seen through a window (buildings, trees, the street, the sky line) can be matched to maps and street photos to find the place, and even the floor you are on.',
    action: 'You can cover the window in the safe copy, or close the curtains before taking the photo.',
    cover: 'never',
    maybeBelow: 0.5,
    room: false,
    measured: { precision: 0.64, recall: 0.26, note: 'eval 2026-12-03; the same after the engine work (2026-12-04)' },
  },
  vehicle: {
    labels: ['bicycle', 'car', 'motorcycle', 'bus', 'truck', 'van', 'minibike'],
    reportFrom: {
      score: 0.25,
      why: 'the COCO model scores small and partly hidden vehicles low: 0.3 -> 0.25 found 29/54 -> 39/54 on scenes (with tiles), precision 0.85 -> 0.74; 0.2 found no more at precision 0.59',
    },
    noun: ['vehicle', 'vehicles'],
    severity: 'medium',
    title: 'A vehicle is visible',
    explanation: 'Cars and bikes can be recognised and followed, and the street around them can be matched to a map.',
    action: OFFER,
    cover: 'never',
    maybeBelow: 0.35,
    room: false,
    measured: { precision: 0.74, recall: 0.72, note: 'eval 2026-12-03; the same after the engine work (2026-12-04)' },
  },
  'licence-plate': {
    labels: ['licence plate', 'license plate', 'plate'],
    reportFrom: null,
    noun: ['licence plate', 'licence plates'],
    severity: 'high',
    title: 'A licence plate may be readable',
    explanation: 'A licence plate can lead to a person and an address, and places the photo near where that vehicle is kept.',
    action: COVER,
    cover: 'always',
    maybeBelow: 0,
    room: false,
    measured: { precision: 0.86, recall: 0.75, note: 'eval 2026-12-03; the same after the engine work (2026-12-04)' },
  },
  'street-furniture': {
    labels: ['traffic light', 'fire hydrant', 'stop sign', 'parking meter', 'bench', 'signboard', 'streetlight', 'traffic sign'],
    reportFrom: { score: 0.3, why: 'COCO objects from 0.3: scenes street furniture P 0.57 R 0.15 (eval 2026-12-03)' },
    noun: ['street sign or street fitting', 'street signs or street fittings'],
    severity: 'medium',
    title: 'Street signs or street furniture are visible',
    explanation: 'Street signs, traffic lights, hydrants and benches differ from town to town and can be matched to street-level maps.',
    action: OFFER,
    cover: 'never',
    maybeBelow: 0.4,
    room: false,
    measured: { precision: 0.57, recall: 0.15, note: 'eval 2026-12-03; the same after the engine work (2026-12-04)' },
  },
  code: {
    labels: ['qr code', 'barcode'],
    reportFrom: null,
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
    labels: ['mirror'],
    reportFrom: null,
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
    labels: ['matchable area'],
    reportFrom: null,
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

/**
 * Labels seen but not reported: COCO objects that do not locate anyone (they still tell the screen
 * detector what a dark rectangle is), and corpus/scenes labels of things we do not look for.
 */
export const IGNORED_LABELS: readonly string[] = [
  'airplane', 'train', 'boat', 'bird', 'cat', 'dog', 'horse', 'sheep', 'cow', 'elephant', 'bear', 'zebra', 'giraffe', 'backpack',
  'umbrella', 'handbag', 'tie', 'suitcase', 'frisbee', 'skis', 'snowboard', 'sports ball', 'kite', 'baseball bat', 'baseball glove',
  'skateboard', 'surfboard', 'tennis racket', 'bottle', 'wine glass', 'cup', 'fork', 'knife', 'spoon', 'bowl', 'banana', 'apple',
  'sandwich', 'orange', 'broccoli', 'carrot', 'hot dog', 'pizza', 'donut', 'cake', 'chair', 'couch', 'potted plant', 'dining table',
  'toilet', 'mouse', 'remote', 'keyboard', 'microwave', 'oven', 'toaster', 'sink', 'refrigerator', 'book', 'clock', 'vase', 'scissors',
  'teddy bear', 'hair drier', 'toothbrush',
  // corpus/scenes
  'cabinet door', 'refrigerator door', 'handle (car door)', 'mirror (car side mirror)', 'windshield', 'sofa', 'night_stand', 'desk',
  'dresser', 'lamp', 'table', 'shelves', 'bookshelf', 'books', 'cabinet', 'box', 'tree', 'building', 'sky', 'road', 'sidewalk',
  'central reservation', 'balcony', 'awning', 'housing', 'ashcan', 'wheel', 'rim', 'headlight', 'taillight', 'bumper', 'helmet', 'container',
];

/** Every known raw label and its category (null: seen, not reported). */
export const LABEL_TO_CATEGORY: Readonly<Record<string, VisualCategory | null>> = Object.freeze({
  ...Object.fromEntries(IGNORED_LABELS.map((l) => [l, null])),
  ...Object.fromEntries(Object.entries(CATEGORY_RULES).flatMap(([category, rule]) => rule.labels.map((l) => [l, category as VisualCategory]))),
});

/** Category for a raw label; unknown labels are not reported (null). Case-insensitive. */
export function categoryOfLabel(label: string): VisualCategory | null {
  return LABEL_TO_CATEGORY[label] ?? LABEL_TO_CATEGORY[label.toLowerCase().trim()] ?? null;
}

/** The score from which a detection of this category (and raw label) is reported; 0 when the detector decides. */
export function reportThreshold(category: VisualCategory, label?: string): number {
  const from = CATEGORY_RULES[category].reportFrom;
  if (!from) return 0;
  return (label !== undefined ? from.byLabel?.[label] : undefined) ?? from.score;
}

/** The wording and severity of one finding: the category's, with its kind's where it has its own. */
export function wordingOf(category: VisualCategory, kind?: string): Required<KindWording> {
  const rule = CATEGORY_RULES[category];
  const own = kind !== undefined ? rule.kinds?.[kind] : undefined;
  return {
    severity: own?.severity ?? rule.severity,
    title: own?.title ?? rule.title,
    explanation: own?.explanation ?? rule.explanation,
    action: own?.action ?? rule.action,
  };
}
