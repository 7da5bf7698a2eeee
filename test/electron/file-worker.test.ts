// The file worker in a real worker thread (as under the bridge; Electron's utilityProcess speaks
// the same protocol): requests and answers matched by sequence number, scans streamed, and a
// crashed worker turned into a plain error and replaced on the next request.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileWorkerClient, WORKER_STOPPED_MESSAGE, type ScanUpdate } from '../../electron/worker/client.js';
import { spawnThreadWorker } from '../../electron/worker/node-thread.js';
import type { WorkerChannel } from '../../electron/worker/protocol.js';

const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus/metadata');
const GPS_JPEG = path.join(corpus, 'exifsamples__DSCN0010.jpg');
const PNG = path.join(corpus, 'exifr__png_with_exif_and_gps.png');
const CORRUPT = path.join(corpus, 'exifcleaner__corrupted.jpg');
const ENTRY = new URL('../e2e/bridge/scan-thread.mjs', import.meta.url);

const channels: WorkerChannel[] = [];
const client = new FileWorkerClient(() => {
  const channel = spawnThreadWorker(ENTRY);
  channels.push(channel);
  return channel;
});
afterAll(() => client.close());

function collectScan(paths: string[]): Promise<ScanUpdate[]> {
  return new Promise((resolve) => {
    const updates: ScanUpdate[] = [];
    client.scan(paths, { visual: false }, (update) => {
      updates.push(update);
      if (update.type === 'done' || update.type === 'error') resolve(updates);
    });
  });
}

describe('file worker in a worker thread', () => {
  it('answers concurrent requests each to its own caller', async () => {
    const [jpeg, png, missing] = await Promise.allSettled([
      client.run({ op: 'preview', path: GPS_JPEG, maxSize: 64 }),
      client.run({ op: 'preview', path: PNG, maxSize: 64 }),
      client.run({ op: 'preview', path: path.join(corpus, 'no-such-file.jpg'), maxSize: 64 }),
    ]);
    expect(jpeg.status === 'fulfilled' && jpeg.value.width).toBe(640);
    expect(png.status).toBe('fulfilled');
    expect(png.status === 'fulfilled' && png.value.width).not.toBe(640);
    expect(missing.status === 'rejected' && missing.reason).toMatchObject({ code: 'not-found' });
  });

  it('streams a scan, one update per file, then done', async () => {
    const updates = await collectScan([GPS_JPEG, CORRUPT]);
    // The total is known before the first photo is read, and each photo is announced as it starts.
    expect(updates.map((u) => u.type)).toEqual(['started', 'checking', 'file', 'checking', 'file', 'done']);
    expect(updates[0]).toEqual({ type: 'started', total: 2 });
    const reports = updates.flatMap((u) => (u.type === 'file' ? [u.report] : []));
    expect(reports.map((r) => r.path)).toEqual([GPS_JPEG, CORRUPT]);
    expect(reports[0]?.findings.some((f) => f.category === 'location')).toBe(true);
    expect(reports[1]?.error?.code).toBeTruthy();
  });

  it('fails what was in flight with a plain message when the worker dies, then starts a new one', async () => {
    const spawnedBefore = channels.length;
    const pending = client.run({ op: 'preview', path: GPS_JPEG, maxSize: 2048 });
    const scan = collectScan([corpus]);
    channels.at(-1)!.terminate(); // what a crash or an out-of-memory kill looks like from main
    await expect(pending).rejects.toMatchObject({ code: 'internal', message: WORKER_STOPPED_MESSAGE });
    expect((await scan).at(-1)).toEqual({ type: 'error', error: { code: 'internal', message: WORKER_STOPPED_MESSAGE } });
    const preview = await client.run({ op: 'preview', path: GPS_JPEG, maxSize: 64 });
    expect(preview.width).toBe(640);
    expect(channels.length).toBe(spawnedBefore + 1);
  });
});
