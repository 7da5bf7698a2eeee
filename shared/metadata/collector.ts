// Gathers what the block readers find and turns it into one finding per leak kind, so a report
// stays readable: each finding's value maps "where/tag" labels to the values found there.
import type { EmbeddedImage, Finding, FindingSource, FindingValue, GpsValue } from '../findings.js';
import { LEAK_KINDS, type LeakId } from './catalogue.js';

interface Entry {
  source: FindingSource;
  wheres: Set<string>;
  values: Map<string, FindingValue[]>;
  /** JSON of each value kept per label: a duplicate check in constant time (a file can repeat one text chunk 100,000 times). */
  seen: Map<string, Set<string>>;
  /** Values not kept because the finding already shows enough of them. */
  dropped: number;
  gps: (GpsValue & { where: string })[];
}

/** A finding shows at most this many values per label and this many labels: enough to judge the leak, bounded for hostile files. */
export const MAX_VALUES_PER_LABEL = 50;
export const MAX_LABELS = 200;
const MAX_GPS = 50;
const MAX_IMAGES = 64;
const MAX_IMAGE_BYTES = 128 * 1024 * 1024;

export class FindingCollector {
  private readonly entries = new Map<LeakId, Entry>();
  readonly embeddedImages: EmbeddedImage[] = [];
  /** Blocks that threw while being read: reported once as `metadata.damaged`. */
  readonly damaged: string[] = [];
  private imageBytes = 0;

  private entry(id: LeakId, where: string, source: FindingSource): Entry {
    let e = this.entries.get(id);
    if (!e) { e = { source, wheres: new Set(), values: new Map(), seen: new Map(), dropped: 0, gps: [] }; this.entries.set(id, e); }
    if (e.wheres.size < MAX_LABELS) e.wheres.add(where);
    return e;
  }

  /** Records a value under a label such as "IPTC City" (same label twice keeps both values). */
  add(id: LeakId, where: string, label: string, value: FindingValue | undefined, source: FindingSource = 'metadata'): void {
    const v = normalise(value);
    if (v === undefined) return;
    const e = this.entry(id, where, source);
    let list = e.values.get(label);
    let seen = e.seen.get(label);
    if (!list || !seen) {
      if (e.values.size >= MAX_LABELS) { e.dropped++; return; }
      list = [];
      seen = new Set();
      e.values.set(label, list);
      e.seen.set(label, seen);
    }
    const key = JSON.stringify(v);
    if (seen.has(key)) return;
    if (list.length >= MAX_VALUES_PER_LABEL) { e.dropped++; return; }
    seen.add(key);
    list.push(v);
  }

  /** Records a finding that has no value worth showing (e.g. "maker notes present"). */
  flag(id: LeakId, where: string): void {
    this.entry(id, where, 'metadata');
  }

  addGps(where: string, gps: GpsValue): void {
    const e = this.entry('gps.position', where, 'metadata');
    if (e.gps.length < MAX_GPS) e.gps.push({ ...gps, where });
  }

  /**
   * Records a hidden image. Its bytes are kept (copied, so the file's buffer can be freed) for
   * the first MAX_IMAGES images up to MAX_IMAGE_BYTES in all: a hostile file can point a thousand
   * entries at the same large region.
   */
  addImage(findingId: LeakId, where: string, label: string, mime: string, bytes: Uint8Array, extra?: Record<string, FindingValue>): void {
    if (this.embeddedImages.length < MAX_IMAGES && this.imageBytes + bytes.length <= MAX_IMAGE_BYTES) {
      this.imageBytes += bytes.length;
      this.embeddedImages.push({ findingId, label, mime, bytes: bytes.slice() });
    }
    this.add(findingId, where, label, { type: mime, bytes: bytes.length, ...extra });
  }

  markDamaged(where: string, err: unknown): void {
    if (this.damaged.length < MAX_LABELS) this.damaged.push(where);
    this.add('metadata.damaged', where, where, err instanceof Error ? err.message.slice(0, 200) : 'unreadable');
  }

  has(id: LeakId): boolean {
    return this.entries.has(id);
  }

  findings(): Finding[] {
    const out: Finding[] = [];
    for (const [id, e] of this.entries) {
      const kind = LEAK_KINDS[id];
      const finding: Finding = {
        id, category: kind.category, severity: kind.severity, title: kind.title,
        explanation: kind.explanation, action: kind.action, source: e.source,
        where: [...e.wheres].join(', '),
      };
      if (id === 'gps.position' && e.gps.length > 0) {
        const [best, ...rest] = [...e.gps].sort((a, b) => a.precisionMeters - b.precisionMeters);
        const value: GpsValue = { ...best! };
        if (rest.length > 0) value.alsoFoundIn = rest.map((g) => ({ where: g.where, latitude: g.latitude, longitude: g.longitude }));
        finding.value = value;
      } else if (e.values.size > 0) {
        const value: Record<string, FindingValue> = {};
        for (const [label, list] of e.values) value[label] = list.length === 1 ? list[0]! : list;
        if (e.dropped > 0) value['(not shown)'] = `${e.dropped} more entr${e.dropped === 1 ? 'y' : 'ies'} of the same kind, repeats included`;
        finding.value = value;
      }
      out.push(finding);
    }
    return out;
  }
}

/** Strings trimmed, empty things dropped, dates as ISO text, typed arrays summarised. */
export function normalise(v: unknown): FindingValue | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') {
    // eslint-disable-next-line no-control-regex
    const s = v.replace(/\u0000+$/g, '').trim();
    return s === '' ? undefined : s;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString().replace('.000Z', 'Z');
  if (v instanceof Uint8Array) return `(${v.length} bytes of binary data)`;
  if (Array.isArray(v)) {
    const items = v.map(normalise).filter((x): x is FindingValue => x !== undefined);
    return items.length === 0 ? undefined : items.length === 1 ? items[0] : items;
  }
  if (typeof v === 'object') {
    const o: Record<string, FindingValue> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const n = normalise(x);
      if (n !== undefined) o[k] = n;
    }
    return Object.keys(o).length === 0 ? undefined : o;
  }
  return undefined;
}
