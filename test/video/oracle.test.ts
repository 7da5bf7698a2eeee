// ExifTool as the independent oracle on the video corpus, as for photos: every place, serial
// number and person ExifTool sees in a video (Keys, UserData, XMP, 3GPP location) must be in our
// findings of the matching category, with its value. One video carries GPS at 0,0: not a place.
import { describe, expect, it } from 'vitest';
import { readVideoMetadata, type VideoMetadata } from '../../shared/video/read-video.js';
import { bytesSource } from '../../shared/video/source.js';
import { checkFile, hasExiftool, runExiftool } from '../metadata/oracle.js';
import { readVideo, VIDEO_DIR, videoFiles } from './helpers.js';

describe.skipIf(!hasExiftool)('ExifTool oracle on the video corpus', () => {
  const files = videoFiles();
  const scans = new Map<string, VideoMetadata>(files.map((f) => [f, readVideoMetadata(bytesSource(readVideo(f)), f)]));
  const numeric = runExiftool(files, true, VIDEO_DIR);
  const printed = runExiftool(files, false, VIDEO_DIR);

  it('reports every location and person tag ExifTool sees, with its value', () => {
    const all = files.flatMap((f) => checkFile(f, scans.get(f)!, numeric.get(f) ?? {}, printed.get(f) ?? {}));
    const failures = all.filter((r) => !r.ok).map((r) => `${r.file} ${r.tag}: ${r.detail}`);
    console.info(`video oracle: ${files.length} files, ${all.length} tag values checked, ${failures.length} missing`);
    expect(failures).toEqual([]);
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect([...new Set(all.map((r) => r.file))]).toEqual(expect.arrayContaining(['mei__with-gps.mov', 'mei__FLIR_Thermal.mp4']));
  });

  it('bites: the same check fails when a video loses its findings', () => {
    for (const f of ['mei__with-gps.mov', 'mei__FLIR_Thermal.mp4']) {
      const stripped = checkFile(f, { findings: [] }, numeric.get(f) ?? {}, printed.get(f) ?? {});
      expect(stripped.length, f).toBeGreaterThan(0);
      expect(stripped.every((r) => !r.ok), f).toBe(true);
    }
  });

  it('never reports GPS at 0,0 as a place, and reports every real one as critical', () => {
    for (const f of files) {
      const coords = Object.entries(numeric.get(f) ?? {}).filter(([k]) => /:(GPSCoordinates|GPSLatitude|GPSLongitude)$/.test(k)).flatMap(([, v]) => String(v).split(/\s+/).slice(0, 2).map(Number));
      const real = coords.some((c) => Number.isFinite(c) && c !== 0);
      const position = scans.get(f)!.findings.find((x) => x.id === 'gps.position');
      if (!real) expect(position, f).toBeUndefined();
      else expect(position?.severity, f).toBe('critical');
    }
    expect(scans.get('mei__ftyp3gp5.mp4')!.findings.some((x) => x.id === 'gps.empty')).toBe(true);
  });
});
