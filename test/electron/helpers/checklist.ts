// A real checklist service for tests of the other services: its store in a folder of the test's
// own, no keyring, no dialogs answered, nothing opened. The checklist stays locked unless a test
// creates one.
import path from 'node:path';
import { createChecklistService, type ChecklistService, type ChecklistWorker } from '../../../electron/services/checklist-service.js';

export function testChecklist(dataDir: string, worker: ChecklistWorker): ChecklistService {
  return createChecklistService({
    storeDir: path.join(dataDir, 'checklist'),
    keyring: null,
    calibrate: false,
    dialogs: { chooseBackupToSave: async () => null, chooseBackupToOpen: async () => null, choosePicture: async () => null },
    worker,
    openExternal: async () => undefined,
    emit: () => undefined,
  });
}
