// ExifTool as an independent oracle on the photo corpus: every GPS/place, serial-number and person
// tag ExifTool sees in a readable corpus file must be reported by scanMetadata in the matching
// category, with its value present in the finding's value.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanMetadata, type MetadataScan } from '../../shared/metadata/index.js';
import { corpusFiles, corpusPath, CORPUS_DIR } from './corpus.js';
import { checkFile, hasExiftool, runExiftool, type ExifToolRecord } from './oracle.js';

describe.skipIf(!hasExiftool)('ExifTool oracle on the metadata corpus', async () => {
  const scans = new Map<string, MetadataScan>();
  for (const f of corpusFiles()) {
    try {
      scans.set(f, await scanMetadata(new Uint8Array(readFileSync(corpusPath(f))), f));
    } catch {
      // Unreadable files are covered by the bad-input tests.
    }
  }
  const files = [...scans.keys()];
  const numeric = hasExiftool ? runExiftool(files, true, CORPUS_DIR) : new Map<string, ExifToolRecord>();
  const printed = hasExiftool ? runExiftool(files, false, CORPUS_DIR) : new Map<string, ExifToolRecord>();

  it('reads most of the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(48);
  });

  it('reports every location, serial-number and person tag ExifTool sees, with its value', () => {
    const all = files.flatMap((f) => checkFile(f, scans.get(f)!, numeric.get(f) ?? {}, printed.get(f) ?? {}));
    const failures = all.filter((r) => !r.ok).map((r) => `${r.file} ${r.tag}: ${r.detail}`);
    console.info(`oracle: ${files.length} files, ${all.length} tag values checked, ${failures.length} missing`);
    expect(failures).toEqual([]);
    expect(all.length).toBeGreaterThan(100);
  });

  it('bites: the same check fails when a file loses its findings', () => {
    for (const f of ['exifr__RangeError_Offset_outside_bounds.jpg', 'mei__FLIR_iPhone_device.jpg', 'pillow__frozenpond.mpo']) {
      const scan = scans.get(f)!;
      const stripped = checkFile(f, { ...scan, findings: [] }, numeric.get(f) ?? {}, printed.get(f) ?? {});
      expect(stripped.length, f).toBeGreaterThan(0);
      expect(stripped.every((r) => !r.ok), f).toBe(true);
    }
  });

  it('never reports an empty or 0,0 GPS block as a position', () => {
    for (const f of files) {
      const rec = numeric.get(f) ?? {};
      const coords = Object.entries(rec).filter(([k]) => /:(GPSLatitude|GPSLongitude)$/.test(k) && !k.startsWith('Composite:')).map(([, v]) => Number(v));
      const hasRealPosition = coords.some((c) => Number.isFinite(c) && c !== 0);
      const position = scans.get(f)!.findings.find((x) => x.id === 'gps.position');
      if (!hasRealPosition) expect(position, f).toBeUndefined();
      else expect(position?.severity, f).toBe('critical');
    }
  });
});
