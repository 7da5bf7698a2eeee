// The main-process side of the stream screen's calls: it opens and closes the way for capture (the
// gate the permission handlers read) and hands out frame ports to the stream worker. Frames never
// come here. The shell (Electron's desktopCapturer and MessageChannelMain in the app, a worker
// thread under the test bridge) is passed in.
import type { CallInput, CallOutputs } from '../../shared/api/contract.js';
import type { ScreenSource } from '../../shared/api/stream-calls.js';
import { ExposureError } from '../../shared/errors.js';
import type { CaptureGate } from '../stream/capture-gate.js';

export interface StreamShell {
  /** Screens and windows the user could watch; none where desktop capture does not exist. */
  listScreens(): Promise<ScreenSource[]>;
  /** Opens a frame port between the window and the stream worker; the window's end goes to the preload. */
  openFramePort(): Promise<{ session: string }>;
  /** The stream screen closed: the worker may stop (its models free their memory). */
  screenClosed(): void;
}

type StreamCall = 'streamScreen' | 'listScreens' | 'chooseStreamSource' | 'openFramePort';
export type StreamHandlers = { [K in StreamCall]: (input: CallInput<K>) => Promise<CallOutputs[K]> };

export function createStreamCalls(gate: CaptureGate, shell: StreamShell): StreamHandlers {
  return {
    async streamScreen({ open }) {
      gate.screen(open);
      if (!open) shell.screenClosed();
      return { open };
    },
    async listScreens() {
      const sources = await shell.listScreens();
      gate.offer(sources.map((s) => s.id));
      return { sources };
    },
    async chooseStreamSource(source) {
      gate.choose(source);
      return { chosen: true };
    },
    async openFramePort() {
      if (!gate.sourceChosen) throw new ExposureError('invalid-input', 'Choose a camera, a screen or a window first.');
      return shell.openFramePort();
    },
  };
}
