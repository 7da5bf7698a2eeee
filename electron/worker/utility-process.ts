// The file worker as an Electron utilityProcess: a separate Node process, so a slow or hostile
// photo can neither freeze the window nor crash the main process. `utilityProcess` is passed in.
import type { UtilityProcess } from 'electron';
import type { WorkerChannel, WorkerRequest, WorkerResponse } from './protocol.js';

export interface UtilityProcessModule {
  fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: 'inherit' | 'ignore' | 'pipe' }): UtilityProcess;
}

export function spawnUtilityWorker(utilityProcess: UtilityProcessModule, entry: string): WorkerChannel {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Exposure Check photo reader', stdio: 'inherit' });
  return {
    post: (message: WorkerRequest) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message: WorkerResponse) => listener(message)),
    onExit: (listener) => child.once('exit', (code: number) => listener(code)),
    terminate: () => void child.kill(),
  };
}
