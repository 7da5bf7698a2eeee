// The stream screen's shell in the app: desktopCapturer lists screens and windows, and each frame
// port is a MessageChannelMain between the window's preload and the stream worker (a
// utilityProcess started on first use, stopped when the screen closes). Main only introduces the
// two ends; frames never pass through it. Electron's objects are passed in.
import { randomUUID } from 'node:crypto';
import type { DesktopCapturer, MessageChannelMain as MessageChannelMainType, UtilityProcess, WebContents } from 'electron';
import { FRAME_PORT_CHANNEL, type ScreenSource } from '../../shared/api/stream-calls.js';
import { ExposureError } from '../../shared/errors.js';
import type { StreamShell } from '../services/stream-service.js';
import type { UtilityProcessModule } from '../worker/utility-process.js';

export interface ElectronStreamDeps {
  desktopCapturer: Pick<DesktopCapturer, 'getSources'>;
  utilityProcess: UtilityProcessModule;
  MessageChannelMain: new () => MessageChannelMainType;
  workerPath: string;
  window(): WebContents | null;
}

export function createElectronStreamShell(deps: ElectronStreamDeps): StreamShell {
  let worker: UtilityProcess | null = null;
  return {
    async listScreens(): Promise<ScreenSource[]> {
      const sources = await deps.desktopCapturer.getSources({ types: ['screen', 'window'], thumbnailSize: { width: 0, height: 0 } });
      return sources.map((s) => ({ id: s.id, name: s.name.slice(0, 200) || 'Untitled', kind: s.id.startsWith('screen:') ? 'screen' : 'window' }));
    },
    async openFramePort() {
      const contents = deps.window();
      if (!contents || contents.isDestroyed()) throw new ExposureError('cancelled', 'The window closed.');
      if (!worker) {
        const child = deps.utilityProcess.fork(deps.workerPath, [], { serviceName: 'Exposure Check stream guard', stdio: 'inherit' });
        child.once('exit', () => {
          if (worker === child) worker = null;
        });
        worker = child;
      }
      const session = randomUUID();
      const { port1, port2 } = new deps.MessageChannelMain();
      worker.postMessage({ type: 'frame-port' }, [port1]);
      contents.postMessage(FRAME_PORT_CHANNEL, { session }, [port2]);
      return { session };
    },
    screenClosed() {
      worker?.kill();
      worker = null;
    },
  };
}
