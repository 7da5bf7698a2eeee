// The one copy policy: what the safe copy covers. By default, what the category table marks for
// covering (licence plates, QR codes, screens, faces of other people, text that names a person, an
// address, a phone number or an e-mail); a `--redact` setting can change that; the user's own
// choices (keep this one, cover that one, areas drawn or moved) go on top. Every finding is listed
// with what happens to it and why, so what is covered is always said. The app and `clean` both
// plan with this; nothing else decides.
import type { Box } from './boxes.js';
import { CATEGORY_RULES, PERSONAL_TEXT_KINDS } from './categories.js';
import { boxCover, type CoverArea, type CoverMode } from './cover.js';
import { VISUAL_CATEGORIES, type Finding, type VisualCategory } from './findings.js';

/**
 * Which findings the copy covers before the user's own choices:
 * - `default`: what the category table marks for covering;
 * - `none`: nothing (metadata only: the picture is not even looked at);
 * - `all`: every finding in the picture;
 * - a list of categories: every finding of those categories.
 */
export type RedactSetting = 'default' | 'none' | 'all' | readonly VisualCategory[];

/** The user's changes on top of the policy, all keyed by finding id. */
export interface CoverChoices {
  /** Findings to leave visible even though the policy covers them. */
  keep?: readonly string[];
  /** Findings to cover even though the policy leaves them. */
  cover?: readonly string[];
  /**
   * Areas the user drew (`from.kind: 'drawn'`), or a finding's area the user moved or resized
   * (`from.kind: 'finding'`, which replaces that finding's own area).
   */
  areas?: readonly CoverArea[];
  /** How the finding areas are covered (default: a solid fill). */
  mode?: CoverMode;
}

/**
 * Why a finding is or is not covered:
 * - `policy`: the default (or the `--redact` setting) covers it;
 * - `your-choice`: the user chose to cover it;
 * - `you-kept-it`: the policy would cover it, the user chose to leave it;
 * - `below-the-bar`: not covered by default (not serious enough to cover without asking).
 */
export type CoverReason = 'policy' | 'your-choice' | 'you-kept-it' | 'below-the-bar';

export interface CoverDecision {
  findingId: string;
  covered: boolean;
  why: CoverReason;
}

export interface CoverPlan {
  /** Every area the copy covers, finding areas first, then the user's drawn areas. */
  areas: CoverArea[];
  /** One decision per finding with a box, in the order of the findings. */
  decisions: CoverDecision[];
}

export function parseRedactSetting(value: string): RedactSetting | null {
  const v = value.trim();
  if (v === 'default' || v === 'none' || v === 'all') return v;
  const wanted = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (wanted.length === 0 || wanted.some((c) => !(VISUAL_CATEGORIES as readonly string[]).includes(c))) return null;
  return [...new Set(wanted)] as VisualCategory[];
}

/** Whether the category table covers this finding by default. */
export function coveredByDefault(f: Finding): boolean {
  if (f.source !== 'visual' || !f.box) return false;
  const rule = CATEGORY_RULES[f.category as VisualCategory];
  if (!rule) return false;
  switch (rule.cover) {
    case 'always':
      return true;
    case 'when-personal':
      return f.kind !== undefined && PERSONAL_TEXT_KINDS.includes(f.kind);
    case 'others':
      return f.kind === 'other';
    case 'never':
      return false;
  }
}

/** Whether the setting (before the user's own choices) covers this finding. */
export function settingCovers(f: Finding, setting: RedactSetting): boolean {
  if (f.source !== 'visual' || !f.box || setting === 'none') return false;
  if (setting === 'default') return coveredByDefault(f);
  if (setting === 'all') return true;
  return setting.includes(f.category as VisualCategory);
}

/**
 * Room around a finding's box so the cover takes in the whole thing, as a share of the box's
 * shorter side: the detectors' boxes sit tight on letters and faces, and a sliver of a character
 * or an ear left outside can be enough. Plates already come with their whole outline.
 */
const MARGIN: Partial<Record<VisualCategory, number>> = {
  text: 0.3,
  face: 0.2,
  code: 0.1,
  'licence-plate': 0.15,
  screen: 0.03,
};
const DEFAULT_MARGIN = 0.05;

/** The box the copy covers for a finding: its own box with the category's margin, in whole pixels. */
export function coverBoxFor(f: Finding & { box: Box }, extra = 0): Box {
  const [x, y, w, h] = f.box;
  const m = Math.ceil(Math.min(w, h) * ((MARGIN[f.category as VisualCategory] ?? DEFAULT_MARGIN) + extra));
  const x0 = Math.max(0, Math.floor(x - m));
  const y0 = Math.max(0, Math.floor(y - m));
  return [x0, y0, Math.ceil(x + w + m) - x0, Math.ceil(y + h + m) - y0];
}

function hasBox(f: Finding): f is Finding & { box: Box } {
  return f.source === 'visual' && Array.isArray(f.box) && f.box.length === 4;
}

/** What the copy covers for these findings, with the setting and the user's choices applied. */
export function planCover(findings: readonly Finding[], setting: RedactSetting = 'default', choices: CoverChoices = {}): CoverPlan {
  const keep = new Set(choices.keep ?? []);
  const extra = new Set(choices.cover ?? []);
  const mode = choices.mode ?? 'fill';
  const moved = new Map<string, CoverArea>();
  const drawn: CoverArea[] = [];
  for (const a of choices.areas ?? []) {
    if (a.from.kind === 'finding') moved.set(a.from.findingId, a);
    else drawn.push(a);
  }
  const areas: CoverArea[] = [];
  const decisions: CoverDecision[] = [];
  for (const f of findings) {
    if (!hasBox(f)) continue;
    const byPolicy = settingCovers(f, setting);
    let decision: CoverDecision;
    if (byPolicy && keep.has(f.id)) decision = { findingId: f.id, covered: false, why: 'you-kept-it' };
    else if (byPolicy) decision = { findingId: f.id, covered: true, why: 'policy' };
    else if (extra.has(f.id) || moved.has(f.id)) decision = { findingId: f.id, covered: true, why: 'your-choice' };
    else decision = { findingId: f.id, covered: false, why: 'below-the-bar' };
    decisions.push(decision);
    if (decision.covered) areas.push(moved.get(f.id) ?? boxCover(coverBoxFor(f), mode, { kind: 'finding', findingId: f.id }));
  }
  return { areas: [...areas, ...drawn], decisions };
}
