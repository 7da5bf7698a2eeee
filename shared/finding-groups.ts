// Fewer, better findings: one line per kind of thing, worst first, instead of a box per
// detection. Licence plates make one group ("2 licence plates"), faces of others one, the user's
// own face another; everything that lets the room be recognised (bedding, patterns, mirrors, the
// matchability map's distinctive areas) folds into one "this room could be recognised" group with
// its regions. What the checks are unsure of goes into groups of its own under "maybe, have a
// look", and never counts in the verdict. Pure; the app, the CLI and the trainers' report use it.
import type { Box } from './boxes.js';
import { CATEGORY_RULES } from './categories.js';
import { frameAction } from './video/frames.js';
import { SEVERITY_RANK, blocksPosting, compareFindings, type Category, type Finding, type Severity, type VisualCategory } from './findings.js';

export interface FindingGroup {
  /** Stable within a report: `room`, `visual:licence-plate`, `visual:face:other`, `metadata:gps.position`, `checklist:ITEM`... */
  key: string;
  /** The worst severity among its findings. */
  severity: Severity;
  /** One line: "2 licence plates", "The room could be recognised: bedding, patterns". */
  summary: string;
  /** Why it matters, for someone who is not technical. */
  explanation: string;
  /** What to do about it. */
  action: string;
  /** Its findings, worst first. */
  findings: Finding[];
  /** Where in the picture (upright original pixels): one box per finding that has one. */
  regions: Box[];
  /** The checks are unsure of every finding in it: shown under "maybe, have a look", not counted. */
  maybe: boolean;
  /** Counts in the verdict (medium or worse, and not a maybe). */
  serious: boolean;
}

export interface GroupedFindings {
  /** What the checks are sure of, worst first. */
  groups: FindingGroup[];
  /** "Maybe, have a look": what the checks are unsure of, worst first. */
  maybe: FindingGroup[];
}

const ROOM_GROUP = {
  title: 'The room could be recognised',
  explanation:
    'Bedding, patterns, pictures, mirrors and other distinctive details can be matched against hotel and rental listings, or other photos of the same room, to find where it is.',
  action: 'You can cover these areas in the safe copy, or take the photo against a plain wall.',
};

/** How each room category is named in the room group's line. */
const ROOM_WORDS: Partial<Record<VisualCategory, string>> = {
  bed: 'bedding',
  pattern: 'patterns',
  mirror: 'a mirror',
  'matchable-area': 'distinctive details',
};

function isRoom(f: Finding): boolean {
  return f.source === 'visual' && CATEGORY_RULES[f.category as VisualCategory]?.room === true;
}

/** Faces and people are two kinds: the main subject, and others. */
function groupKey(f: Finding): string {
  // A match with the user's exposure checklist is its own line, named as the finding names it.
  if (f.checklistMatch) return `checklist:${f.checklistMatch.itemIds.join(',')}`;
  if (f.source !== 'visual') return `metadata:${f.id}`;
  if (isRoom(f)) return 'room';
  if ((f.category === 'face' || f.category === 'person') && f.kind) return `visual:${f.category}:${f.kind === 'subject' ? 'subject' : 'other'}`;
  return `visual:${f.category}`;
}

function worst(findings: readonly Finding[]): Severity {
  return findings.reduce<Severity>((w, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[w] ? f.severity : w), 'low');
}

function count(n: number, [one, many]: readonly [string, string]): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

const TEXT_KIND_WORDS: Record<string, string> = {
  personal: 'your own details',
  email: 'an e-mail address',
  phone: 'a phone number',
  address: 'an address',
  postcode: 'a postcode',
  name: 'a name',
  'web address': 'a web address',
};

function summaryOf(key: string, findings: readonly Finding[]): string {
  const first = findings[0]!;
  if (key === 'room') {
    const words = [...new Set(findings.map((f) => ROOM_WORDS[f.category as VisualCategory] ?? CATEGORY_RULES[f.category as VisualCategory].noun[1]))];
    return `${ROOM_GROUP.title}: ${words.join(', ')}`;
  }
  if (first.source !== 'visual' || key.startsWith('checklist:')) return first.title;
  const n = findings.length;
  switch (key) {
    case 'visual:face:subject':
      return n === 1 ? 'Your face (or the main subject’s)' : `${n} faces of the main subjects`;
    case 'visual:face:other':
      return count(n, ['face of someone else', 'faces of other people']);
    case 'visual:person:subject':
      return 'The main subject of the photo';
    case 'visual:person:other':
      return count(n, ['other person', 'other people']);
    case 'visual:text': {
      const kinds = [...new Set(findings.map((f) => (f.kind ? TEXT_KIND_WORDS[f.kind] : undefined)).filter((k): k is string => k !== undefined))];
      return `${count(n, CATEGORY_RULES.text.noun)}${kinds.length ? ` (${kinds.join(', ')})` : ''}`;
    }
    default:
      return count(n, CATEGORY_RULES[first.category as VisualCategory].noun);
  }
}

function buildGroup(key: string, findings: Finding[], maybe: boolean): FindingGroup {
  findings.sort(compareFindings);
  const first = findings[0]!;
  const room = key === 'room';
  const sure = findings.filter((f) => !f.maybe);
  return {
    key,
    severity: worst(sure.length ? sure : findings),
    summary: summaryOf(key, findings),
    explanation: room ? ROOM_GROUP.explanation : first.explanation,
    // A video's frames: the copy keeps the picture, so the advice names every moment to trim.
    action: findings.every((f) => f.time !== undefined) ? frameAction(framesOf(findings)) : room ? ROOM_GROUP.action : first.action,
    findings,
    regions: findings.flatMap((f) => (f.box ? [f.box] : [])),
    maybe,
    serious: !maybe && findings.some(blocksPosting),
  };
}

/** How many things a group stands for: the room is one thing, however many regions show it. */
const weight = (g: FindingGroup): number => (g.key === 'room' ? 1 : g.findings.length);

function compareGroups(a: FindingGroup, b: FindingGroup): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || Number(b.serious) - Number(a.serious) || weight(b) - weight(a) || a.key.localeCompare(b.key);
}

/** Groups a report's findings: one group per kind, worst first; the unsure ones apart. */
export function groupFindings(findings: readonly Finding[]): GroupedFindings {
  const sure = new Map<string, Finding[]>();
  const unsure = new Map<string, Finding[]>();
  const room: Finding[] = [];
  for (const f of findings) {
    const key = groupKey(f);
    if (key === 'room') {
      room.push(f);
      continue;
    }
    const into = f.maybe ? unsure : sure;
    into.set(key, [...(into.get(key) ?? []), f]);
  }
  // The room is one group with all its regions: sure when the checks are sure of any part of it.
  if (room.length) (room.some((f) => !f.maybe) ? sure : unsure).set('room', room);
  return {
    groups: [...sure].map(([key, list]) => buildGroup(key, list, false)).sort(compareGroups),
    maybe: [...unsure].map(([key, list]) => buildGroup(key, list, true)).sort(compareGroups),
  };
}

/** The group a finding belongs to, by key (for drawing only what the selected group covers). */
export function groupOf(grouped: GroupedFindings, findingId: string): FindingGroup | undefined {
  return [...grouped.groups, ...grouped.maybe].find((g) => g.findings.some((f) => f.id === findingId));
}

/** Categories, for callers that list which kinds a group holds. */
export function groupCategories(group: FindingGroup): Category[] {
  return [...new Set(group.findings.map((f) => f.category))];
}

/** Every frame time the findings were seen at, in order. */
function framesOf(findings: readonly Finding[]): number[] {
  return [...new Set(findings.flatMap((f) => f.times ?? (f.time !== undefined ? [f.time] : [])))].sort((a, b) => a - b);
}
