// Entry of the stream worker: the room scan and the live guard look at frames here, off the main
// process and off the window. In the app it is an Electron utilityProcess and each window's frame
// port (a MessageChannelMain) arrives with a 'frame-port' message; under the test bridge it is a
// worker_threads Worker and the port is a worker_threads MessagePort. Both run serveFramePort.
import { parentPort as threadPort, type MessagePort as ThreadPort } from 'node:worker_threads';
import { VisualEngine } from '../shared/visual/engine/engine.js';
import { serveFramePort, type FramePortEnd, type FramePortSession } from './stream/serve-frames.js';

interface ElectronPortMain {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
}
interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: ElectronPortMain[] }) => void): void;
}

// One engine for every session of this worker: the models load once.
const engine = new VisualEngine();
const sessions: FramePortSession[] = [];

/** Lets every check finish and frees the models, so the worker can end without cutting a check short. */
async function closeAll(): Promise<void> {
  await Promise.all(sessions.map((s) => s.stop()));
  await engine.dispose();
}

function electronEnd(port: ElectronPortMain): FramePortEnd {
  port.start();
  return { post: (message) => port.postMessage(message), onMessage: (listener) => port.on('message', (event) => listener(event.data)) };
}

function threadEnd(port: ThreadPort): FramePortEnd {
  return { post: (message) => port.postMessage(message), onMessage: (listener) => port.on('message', listener) };
}

const electronParent = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
if (electronParent) {
  electronParent.on('message', (event) => {
    const port = event.ports[0];
    if ((event.data as { type?: unknown } | null)?.type === 'frame-port' && port) sessions.push(serveFramePort(electronEnd(port), engine));
  });
} else if (threadPort) {
  const parent = threadPort;
  parent.on('message', (message: { type?: unknown; port?: unknown }) => {
    if (message?.type === 'frame-port' && message.port && typeof (message.port as ThreadPort).postMessage === 'function') sessions.push(serveFramePort(threadEnd(message.port as ThreadPort), engine));
    if (message?.type === 'close') void closeAll().finally(() => parent.postMessage({ type: 'closed' }));
  });
} else {
  throw new Error('stream-worker must run as a utilityProcess or a worker thread');
}
