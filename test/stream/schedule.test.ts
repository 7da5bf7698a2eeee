// The guard's schedule on its own: which checks a frame gets, the CPU share's rest, and which
// categories a pass can miss.
import { describe, expect, it } from 'vitest';
import {
  afterPass,
  BUDGETS,
  DEFAULT_BUDGET,
  guardPasses,
  guardSettings,
  BUSY,
  lookedFor,
  noteWallTime,
  NOT_BUSY,
  QUICK_DETECTORS,
  READ_DETECTORS,
  STRUCTURE_DETECTORS,
  START_STATE,
  WATCH_DETECTORS,
  type ScheduleState,
} from '../../shared/stream/schedule.js';

const settings = guardSettings(DEFAULT_BUDGET);
const facts = (time: number, backgroundChange = 0, recheck: string[] = [], reading = false) => ({ time, backgroundChange, recheck: recheck as never[], reading });

describe('the guard schedule', () => {
  it('never lets the detectors take a whole core, at any budget the user can choose', () => {
    for (const b of BUDGETS) expect(guardSettings(b).cpuShare).toBeLessThan(1);
    expect(guardSettings(2).cpuShare).toBeLessThan(guardSettings(10).cpuShare);
    expect(BUDGETS).toContain(DEFAULT_BUDGET);
  });

  it('looks at the first frame with the quick and the reading checks', () => {
    const { tf, read } = guardPasses(facts(0, 1), START_STATE, settings);
    expect([...tf!.detectors].sort()).toEqual([...WATCH_DETECTORS].sort());
    expect([...read!.detectors].sort()).toEqual([...READ_DETECTORS].sort());
  });

  it('does nothing on an unchanged frame soon after a look, and looks when the room behind changes', () => {
    const state: ScheduleState = { lastWatch: 1, lastRead: 1, lastMask: 1, lastStructure: 1, restUntil: 1.2, readPending: false };
    expect(guardPasses(facts(1.4, 0), state, settings)).toEqual({ tf: null, read: null });
    const changed = guardPasses(facts(1.4, 0.2), state, settings);
    expect(changed.tf).toMatchObject({ kind: 'watch', why: 'the background changed' });
    // The reading checks read it at once, beside the quick checks…
    expect(changed.read).toMatchObject({ kind: 'read', why: 'the background changed', early: true });
    expect([...changed.read!.detectors].sort()).toEqual([...READ_DETECTORS].sort());
    // …and the whole picture once it settled (a hand moving is not a parcel put down).
    const settled = guardPasses(facts(1.6, 0), { ...state, readPending: true }, settings).read;
    expect(settled).toMatchObject({ kind: 'read', why: 'the picture settled' });
    expect(settled!.early).toBeUndefined();
    // Not while the detectors rest, unless reading is long overdue.
    expect(guardPasses(facts(1.1, 0.2), state, settings).read).toBeNull();
    // A still picture is looked at again now and then, with every quick check.
    const regular = guardPasses(facts(1 + settings.watchEverySeconds, 0), state, settings).tf;
    expect(regular).toMatchObject({ why: 'regular look' });
    expect([...regular!.detectors].sort()).toEqual([...WATCH_DETECTORS].sort());
  });

  it('runs objects and faces on every changed frame, windows and screen outlines at most every few seconds', () => {
    const state: ScheduleState = { lastWatch: 1, lastRead: 1, lastMask: 1, lastStructure: 1, restUntil: 1, readPending: false };
    const soon = guardPasses(facts(1.2, 0.2), state, settings).tf!;
    expect([...soon.detectors].sort()).toEqual([...QUICK_DETECTORS].sort());
    // Objects and faces only: windows and screens are not looked for, so cannot be missed.
    expect(lookedFor(soon.detectors).has('window')).toBe(false);
    expect(lookedFor(soon.detectors).has('face')).toBe(true);
    const due = guardPasses(facts(1 + settings.structureEverySeconds, 0.2), state, settings).tf!;
    expect([...due.detectors].sort()).toEqual([...QUICK_DETECTORS, ...STRUCTURE_DETECTORS].sort());
    // The pass that had them starts the wait again; one without them does not.
    const pass = (detectors: readonly string[]) => ({ detectors: new Set(detectors as never[]), kind: 'watch' as const, why: '' });
    expect(afterPass(state, pass(WATCH_DETECTORS), 3, 0.2, settings, false).lastStructure).toBe(3);
    expect(afterPass(state, pass(QUICK_DETECTORS), 3, 0.2, settings, false).lastStructure).toBe(1);
    // The first frame has them all.
    expect([...guardPasses(facts(0, 1), START_STATE, settings).tf!.detectors].sort()).toEqual([...WATCH_DETECTORS].sort());
  });

  it('rests after a pass so the detectors keep to their share, but looks again at once at something seen once', () => {
    const after = afterPass({ ...START_STATE, lastRead: 0 }, { detectors: new Set(WATCH_DETECTORS), kind: 'watch', why: '' }, 2, 0.5, settings, true);
    expect(after.restUntil).toBeCloseTo(2 + 0.5 + (0.5 * (1 - settings.cpuShare)) / settings.cpuShare, 5);
    // A very slow pass does not leave the guard blind for long.
    const slow = afterPass(START_STATE, { detectors: new Set(WATCH_DETECTORS), kind: 'watch', why: '' }, 2, 3, settings, true);
    expect(slow.restUntil).toBeCloseTo(2 + 3 + settings.maxRest, 5);
    expect(after.lastMask).toBe(2);
    // Inside the rest: a changed background waits…
    expect(guardPasses(facts(2.6, 0.5), after, settings).tf).toBeNull();
    // …but a face seen once is looked at again, with the face check only.
    const confirm = guardPasses(facts(2.6, 0.5, ['face']), after, settings).tf;
    expect(confirm).toMatchObject({ kind: 'confirm' });
    expect([...confirm!.detectors]).toEqual(['faces']);
    // Text seen once is read again, on the reading side.
    expect(guardPasses(facts(2.6, 0, ['text']), after, settings).read).toMatchObject({ kind: 'confirm' });
    // A plate seen once is read again from the text, as it was first seen: no backbone pass.
    const plate = guardPasses(facts(2.6, 0, ['licence-plate']), after, settings).read!;
    expect([...plate.detectors].sort()).toEqual(['plates', 'text']);
    expect(lookedFor(plate.detectors).has('licence-plate')).toBe(true);
    // One reading pass at a time.
    expect(guardPasses(facts(2.6, 0, ['text'], true), after, settings).read).toBeNull();
  });

  it('counts a category as looked for only when every check it needs ran', () => {
    const watch = lookedFor(new Set(WATCH_DETECTORS));
    expect(watch.has('face')).toBe(true);
    expect(watch.has('window')).toBe(true);
    expect(watch.has('text')).toBe(false);
    expect(watch.has('licence-plate')).toBe(false);
    const read = lookedFor(new Set(READ_DETECTORS));
    expect([...read].sort()).toEqual(['code', 'licence-plate', 'text']);
  });

  it('pauses when its last quick checks were all too slow, not for one slow pass', () => {
    let w = NOT_BUSY;
    for (const [i, seconds] of [0.5, 2, 0.6, 2, 2].entries()) {
      const r = noteWallTime(w, seconds, i);
      expect(r.pause).toBe(false);
      w = r.watch;
    }
    const r = noteWallTime(w, 3, 5);
    expect(r.pause).toBe(true);
    expect(r.watch.pausedUntil).toBe(5 + BUSY.pauseSeconds);
  });
});
