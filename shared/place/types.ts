// What the app and the reports show about a GPS position: the nearest place in words, a small
// map with an honest accuracy circle, and the other GPS numbers in plain words. Plain data (it
// crosses IPC); built under Node by describe-gps.ts.
import type { DeviceKind, GpsAccuracy } from './gps-words.js';

export interface PlaceName {
  /** "near Arezzo, Italy", "about 40 km from Arezzo, Italy", "in the sea, about 300 km from Nice, France". */
  text: string;
  /** The nearest place of 1,000 people or more. */
  place: string;
  country: string;
  /** Two-letter country code (ISO 3166-1). */
  countryCode: string;
  /** From the position to that place's centre. */
  distanceKm: number;
  /** A larger town nearby, for people who do not know the small place ("about 12 km from Arezzo"). */
  largerNearby?: { place: string; distanceKm: number };
}

export interface GpsMap {
  width: number;
  height: number;
  /** How many kilometres the map spans from left to right. */
  spanKm: number;
  /** SVG path data: land, then the borders between countries. */
  land: string;
  borders: string;
  /** The position, in map pixels. */
  point: [number, number];
  /** The accuracy circle, in map pixels, drawn to scale (path data). */
  accuracy: string;
  accuracyMeters: number;
  /** The circle is too small to see at this scale: the position is known more exactly than the map can show. */
  accuracyTooSmallToSee: boolean;
}

export interface GpsPlace {
  latitude: number;
  longitude: number;
  /** How exactly the position is known (never finer than the digits or the device allow). */
  accuracy: GpsAccuracy;
  /** The nearest town, in words; null if the place names could not be loaded. */
  place: PlaceName | null;
  /** A small map; null if the outlines could not be loaded. */
  map: GpsMap | null;
  /** The other GPS numbers in plain words ("speed about 0.6 km/h"). */
  details: string[];
  /** What made the photo, for wording ("the camera", "the phone"). */
  device: DeviceKind;
}
