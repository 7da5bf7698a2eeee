// The stream screen's state as main keeps it: the permission handlers read it (security.ts's
// captureGrants and displaySourceFor), the stream calls change it. A screen or window can be
// chosen only among those just offered to the user.
import { ExposureError } from '../../shared/errors.js';
import { CLOSED_CAPTURE, captureGrants, displaySourceFor, type CaptureSource, type CaptureState, type PermissionGrant } from '../security.js';

export class CaptureGate {
  private state: CaptureState = CLOSED_CAPTURE;
  private offered = new Set<string>();

  get current(): CaptureState {
    return this.state;
  }

  /** The stream screen opened or closed; closing forgets the chosen source. */
  screen(open: boolean): void {
    this.state = open ? { screenOpen: true, source: null } : CLOSED_CAPTURE;
    if (!open) this.offered.clear();
  }

  /** The screens and windows just listed for the user. */
  offer(ids: readonly string[]): void {
    this.offered = new Set(ids);
  }

  choose(source: CaptureSource): void {
    if (!this.state.screenOpen) throw new ExposureError('invalid-input', 'Open "Before you go live" to choose what to watch.');
    if (source.kind === 'screen' && !this.offered.has(source.id)) throw new ExposureError('not-found', 'That screen or window is no longer there. Choose it again from the list.');
    this.state = { screenOpen: true, source };
  }

  get sourceChosen(): boolean {
    return this.state.screenOpen && this.state.source !== null;
  }

  grants(): PermissionGrant[] {
    return captureGrants(this.state);
  }

  displaySource(request: { securityOrigin?: string; videoRequested?: boolean; audioRequested?: boolean }): string | null {
    return displaySourceFor(this.state, request);
  }
}
