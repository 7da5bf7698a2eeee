// A forgiving XMP reader: flattens an XMP packet into (property path, value) pairs. We do not use
// exifr's XMP parser here because it flattens structures (face regions, locations shown, edit
// history) in ways that lose which value belongs where, and it gives up on damaged packets,
// which still carry readable names and places.

export interface XmpProperty {
  /** Qualified names from the top property down, without rdf containers: ["mwg-rs:Regions", "mwg-rs:RegionList", "mwg-rs:Name"]. */
  path: string[];
  value: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[e.toLowerCase()] ?? '';
  });
}

const SKIP_ATTR = /^(xmlns(:|$)|rdf:|xml:|x:xmptk|stRef:|xmpNote:HasExtendedXMP$)/;
const CONTAINER = /^(rdf:(RDF|Description|Seq|Bag|Alt|li|value)|x:xmpmeta|x:xapmeta)$/;

export function flattenXmp(xml: string): XmpProperty[] {
  const out: XmpProperty[] = [];
  const stack: string[] = [];
  const props = (): string[] => stack.filter((n) => !CONTAINER.test(n));
  const tagRe = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = tagRe.exec(xml)) !== null) {
    const [, closing, name, attrs, selfClosing, text] = m;
    if (text !== undefined) {
      const value = decodeEntities(text).trim();
      const path = props();
      if (value && path.length > 0) out.push({ path, value });
      continue;
    }
    if (!name) continue;
    if (closing) {
      const at = stack.lastIndexOf(name);
      if (at !== -1) stack.length = at;
      continue;
    }
    stack.push(name);
    const attrRe = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
    let a: RegExpExecArray | null;
    while ((a = attrRe.exec(attrs ?? '')) !== null) {
      const attrName = a[1]!;
      if (SKIP_ATTR.test(attrName) || !attrName.includes(':')) continue;
      const value = decodeEntities(a[2] ?? a[3] ?? '').trim();
      if (value) out.push({ path: [...props(), attrName], value });
    }
    if (selfClosing) stack.pop();
  }
  return out;
}
