// zlib inflate with a size cap, using the web-standard DecompressionStream (Node 18+, browsers),
// so this stays pure. The cap stops a tiny compressed chunk from expanding into gigabytes.

export const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

export async function inflateCapped(data: Uint8Array, cap = MAX_INFLATED_BYTES): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > cap) throw new Error('compressed text expands beyond the safety limit');
      parts.push(value);
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
