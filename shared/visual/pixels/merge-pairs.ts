// Repeatedly joins two items that belong together until no pair does; used to grow words into
// lines and lines into blocks.

/** `join` returns the merged item, or null when a and b stay apart. Order of survivors is kept. */
export function mergePairsUntilStable<T>(items: readonly T[], join: (a: T, b: T) => T | null): T[] {
  const out = [...items];
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) {
      for (let j = i + 1; j < out.length && !merged; j++) {
        const joined = join(out[i]!, out[j]!);
        if (joined === null) continue;
        out[i] = joined;
        out.splice(j, 1);
        merged = true;
      }
    }
  }
  return out;
}
