// Pure: follows what the detectors see from frame to frame, so one thing in the room is one track
// with a stable id (reported once, not once per frame), a thing must be seen twice before it counts
// (one noisy frame never raises an alarm), and a thing counts as gone only when a check that looks
// for it no longer sees it where the picture changed. No clocks, no I/O: frames and times come in
// with each observation, so the same frames always give the same tracks.
import { intersectionArea, iou, type Box } from '../boxes.js';
import type { VisualCategory } from '../findings.js';
import { regionChanged, type Thumbnail } from './frame-diff.js';

/** What the tracker needs of a detection; anything else it carries is kept as the track's `item`. */
export interface Trackable {
  category: VisualCategory;
  box: Box;
  score: number;
}

export interface TrackerSettings {
  /** A detection continues a track of its category when their boxes overlap this much (IoU)… */
  matchIou: number;
  /** …or when the detection's centre lies inside the track's box and their areas differ less than this factor. */
  matchAreaRatio: number;
  /** …or when this share of the smaller box lies inside the larger one. */
  matchInside: number;
  /** Sightings before a track counts as there. */
  confirmHits: number;
  /** A confirmed track is gone after this many checks that looked for it and missed it… */
  goneMisses: number;
  /** …and after this many seconds without a sighting. */
  goneSeconds: number;
  /** A track still waiting for its second sighting is dropped after this many seconds. */
  tentativeSeconds: number;
}

export const DEFAULT_TRACKER: TrackerSettings = {
  matchIou: 0.3,
  matchAreaRatio: 3,
  matchInside: 0.7,
  confirmHits: 2,
  goneMisses: 2,
  goneSeconds: 1,
  tentativeSeconds: 4,
};

export type TrackState = 'tentative' | 'confirmed' | 'gone';

export interface Track<T extends Trackable = Trackable> {
  /** Stable for the track's life, never reused. */
  id: number;
  category: VisualCategory;
  /** The latest sighting. */
  item: T;
  box: Box;
  /** Mean score over its sightings. */
  score: number;
  hits: number;
  /** Checks in a row that looked for it and did not see it. */
  misses: number;
  firstFrame: number;
  lastFrame: number;
  firstTime: number;
  lastTime: number;
  /** When it was confirmed (seconds), once it is. */
  confirmedTime: number | null;
  /**
   * The first check of the current run of misses ({frame, time}); null while it is seen. When the
   * track is gone, the thing left the picture between its last sighting and this check.
   */
  missedAt: { frame: number; time: number } | null;
  state: TrackState;
}

/** What one check of one frame saw. */
export interface Observation<T extends Trackable = Trackable> {
  frame: number;
  /** Seconds since the stream started. */
  time: number;
  detections: readonly T[];
  /** The categories this check looked for: only those can be missed. */
  looked: ReadonlySet<VisualCategory>;
  /** Where it looked, in frame pixels; the whole frame when absent. */
  region?: Box;
  /** The frame's brightness grid: a thing whose area has not changed since it was seen is not missed. */
  thumb?: Thumbnail;
}

export type TrackEvent<T extends Trackable = Trackable> =
  | { type: 'confirmed'; track: Track<T> }
  | { type: 'gone'; track: Track<T> };

function centreInside(inner: Box, outer: Box): boolean {
  const cx = inner[0] + inner[2] / 2;
  const cy = inner[1] + inner[3] / 2;
  return cx >= outer[0] && cx <= outer[0] + outer[2] && cy >= outer[1] && cy <= outer[1] + outer[3];
}

/** How well a detection continues a track; 0 when it does not. */
function affinity(track: Box, det: Box, settings: TrackerSettings): number {
  const overlap = iou(track, det);
  if (overlap >= settings.matchIou) return overlap;
  const a = track[2] * track[3];
  const b = det[2] * det[3];
  const ratio = a > 0 && b > 0 ? Math.max(a, b) / Math.min(a, b) : Infinity;
  if (ratio <= settings.matchAreaRatio && (centreInside(det, track) || centreInside(track, det))) return Math.max(overlap, 0.01);
  // One box mostly inside the other: the same thing partly hidden, then whole again (a parcel
  // put in front of a screen and taken away).
  if (a > 0 && b > 0 && intersectionArea(track, det) / Math.min(a, b) >= settings.matchInside) return Math.max(overlap, 0.01);
  return 0;
}

export class Tracker<T extends Trackable = Trackable> {
  private readonly live = new Map<number, Track<T>>();
  private readonly ended: Track<T>[] = [];
  private nextId = 1;
  /** The thumbnail of the frame each track was last seen in. */
  private readonly seenIn = new Map<number, Thumbnail>();

  /**
   * Categories a check is looking at again right now: their tentative tracks wait for its answer
   * rather than expire while it runs (a slow reading check on a busy machine must not drop the
   * first sighting before its second look can confirm it).
   */
  private readonly held = new Set<string>();
  /** The latest stream time the tracker was told of, and when (by it) each track was last sighted. */
  private latest = 0;
  private readonly heard = new Map<number, number>();

  constructor(private readonly settings: TrackerSettings = DEFAULT_TRACKER) {}

  /** While a check for these categories runs, their tentative tracks do not expire. */
  hold(categories: Iterable<string>): void {
    for (const c of categories) this.held.add(c);
  }

  release(categories: Iterable<string>): void {
    for (const c of categories) this.held.delete(c);
  }

  /** Tracks still there (tentative and confirmed), oldest first. */
  current(): Track<T>[] {
    return [...this.live.values()];
  }

  /** Every track that was ever confirmed, gone or not, in the order they appeared. */
  confirmedEver(): Track<T>[] {
    return [...this.ended.filter((t) => t.confirmedTime !== null), ...this.current().filter((t) => t.confirmedTime !== null)].sort((a, b) => a.id - b.id);
  }

  /** Tracks waiting for a second sighting: the checks that found them should look again soon. */
  tentative(): Track<T>[] {
    return this.current().filter((t) => t.state === 'tentative');
  }

  /** Takes what one check of one frame saw; returns the tracks confirmed and gone. */
  update(obs: Observation<T>): TrackEvent<T>[] {
    const events: TrackEvent<T>[] = [];
    this.latest = Math.max(this.latest, obs.time);
    const matched = new Set<number>();
    const used = new Set<number>();

    // Greedy association within each category, best overlap first.
    const pairs: Array<{ track: Track<T>; det: number; score: number }> = [];
    obs.detections.forEach((det, i) => {
      for (const track of this.live.values()) {
        if (track.category !== det.category) continue;
        const score = affinity(track.box, det.box, this.settings);
        if (score > 0) pairs.push({ track, det: i, score });
      }
    });
    pairs.sort((a, b) => b.score - a.score);
    for (const { track, det } of pairs) {
      if (matched.has(track.id) || used.has(det)) continue;
      matched.add(track.id);
      used.add(det);
      const item = obs.detections[det]!;
      track.score = (track.score * track.hits + item.score) / (track.hits + 1);
      track.hits++;
      track.misses = 0;
      track.missedAt = null;
      track.item = item;
      track.box = item.box;
      track.lastFrame = obs.frame;
      track.lastTime = obs.time;
      this.heard.set(track.id, this.latest);
      if (obs.thumb) this.seenIn.set(track.id, obs.thumb);
      if (track.state === 'tentative' && track.hits >= this.settings.confirmHits) {
        track.state = 'confirmed';
        track.confirmedTime = obs.time;
        events.push({ type: 'confirmed', track });
      }
    }

    // Tracks this check should have seen and did not.
    for (const track of [...this.live.values()]) {
      if (matched.has(track.id) || !obs.looked.has(track.category)) continue;
      if (obs.region && iou(obs.region, track.box) === 0) continue;
      const seen = this.seenIn.get(track.id);
      // The picture there has not changed since the thing was seen: it is still there and the
      // detector wavered. A tentative track gets no such benefit: it must be seen twice.
      if (track.state === 'confirmed' && seen && obs.thumb && !regionChanged(seen, obs.thumb, track.box)) continue;
      track.misses++;
      track.missedAt ??= { frame: obs.frame, time: obs.time };
      if (track.state === 'tentative') this.end(track);
      else if (track.misses >= this.settings.goneMisses && obs.time - track.lastTime >= this.settings.goneSeconds) {
        this.end(track);
        events.push({ type: 'gone', track });
      }
    }

    // New things.
    obs.detections.forEach((item, i) => {
      if (used.has(i)) return;
      const track: Track<T> = {
        id: this.nextId++,
        category: item.category,
        item,
        box: item.box,
        score: item.score,
        hits: 1,
        misses: 0,
        firstFrame: obs.frame,
        lastFrame: obs.frame,
        firstTime: obs.time,
        lastTime: obs.time,
        confirmedTime: null,
        missedAt: null,
        state: 'tentative',
      };
      this.live.set(track.id, track);
      this.heard.set(track.id, this.latest);
      if (obs.thumb) this.seenIn.set(track.id, obs.thumb);
      if (this.settings.confirmHits <= 1) {
        track.state = 'confirmed';
        track.confirmedTime = obs.time;
        events.push({ type: 'confirmed', track });
      }
    });

    this.expire(obs.time);
    return events;
  }

  /**
   * Drops tracks that waited too long for their second sighting, counted from when the tracker
   * heard of the first: a slow check's answer arrives later than the frame it looked at.
   */
  expire(time: number): void {
    this.latest = Math.max(this.latest, time);
    for (const track of [...this.live.values()]) {
      const since = Math.max(track.lastTime, this.heard.get(track.id) ?? track.lastTime);
      if (track.state === 'tentative' && !this.held.has(track.category) && time - since > this.settings.tentativeSeconds) this.end(track);
    }
  }

  private end(track: Track<T>): void {
    track.state = 'gone';
    this.live.delete(track.id);
    this.seenIn.delete(track.id);
    this.heard.delete(track.id);
    if (track.confirmedTime !== null) this.ended.push(track);
  }
}
