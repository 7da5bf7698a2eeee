// Plain-language titles, explanations and fixes for the custom detectors' findings, in one place
// so the tone stays consistent: what was seen, why someone could use it, what to do.
import type { Finding, Severity, VisualCategory } from '../../findings.js';
import type { Box } from './types.js';

interface Wording {
  severity: Severity;
  title: string;
  explanation: string;
  action: string;
}

const WORDING: Partial<Record<VisualCategory, Wording>> = {
  'door-handle': {
    // Low: the detector is often wrong (see the eval); the finding asks the user to look.
    severity: 'low',
    title: 'There may be a door handle here',
    explanation:
      'Door handles and knobs come in thousands of designs. People have been found by matching the handle behind them to photos of flats and hotel rooms listed online.',
    action: 'Cover the handle in the safe copy, or turn the camera so it is out of shot.',
  },
  door: {
    severity: 'low',
    title: 'A door is visible',
    explanation:
      'The shape, colour and fittings of a door can be compared with photos of a building or a rental listing to work out where you are.',
    action: 'Consider covering the door in the safe copy, especially its handle, number or lock.',
  },
  window: {
    severity: 'high',
    title: 'A window or view outside is visible',
    explanation:
      'What can be seen through a window (buildings, trees, the street, the sky line) can be matched to maps and street photos to find the place, and even the floor you are on.',
    action: 'Cover the window in the safe copy, or close the curtains before taking the photo.',
  },
  pattern: {
    severity: 'medium',
    title: 'A distinctive pattern is visible',
    explanation:
      'Patterned sheets, wallpaper, rugs, curtains and pictures are easy to recognise. Hotel rooms and rentals have been identified by matching such patterns to listing photos.',
    action: 'Cover this area in the safe copy, or use a plain background.',
  },
  'matchable-area': {
    severity: 'low',
    title: 'This part of the background is easy to match',
    explanation:
      'This area has many distinctive details. Someone could search for other photos with the same details (for example hotel or rental listings) and find where this photo was taken.',
    action: 'Cover this area in the safe copy if it shows your home, a hotel room or anywhere you go often.',
  },
};

/** A visual finding of a custom category, with its wording. */
export function customFinding(category: VisualCategory, box: Box, confidence: number, index: number, value?: Finding['value']): Finding {
  const w = WORDING[category];
  if (!w) throw new Error(`no wording for ${category}`);
  const finding: Finding = {
    id: `visual.${category}.${index}`,
    category,
    severity: w.severity,
    title: w.title,
    explanation: w.explanation,
    action: w.action,
    source: 'visual',
    box: box.map((v) => Math.round(v)) as Box,
    confidence: Number(confidence.toFixed(3)),
  };
  if (value !== undefined) finding.value = value;
  return finding;
}
