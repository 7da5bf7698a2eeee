// Cleaning a batch on two threads (shared/node/clean-batch.ts) gives exactly what one thread gives:
// the same copy, under the same name, for every photo, even when names collide, and no copy
// replaces another. Real photos from the corpus, real worker threads, real files in a temp folder.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanBatch, type CleanJob } from '../../shared/node/clean-batch.js';
import { cleanGroups } from '../../shared/node/clean-groups.js';
import { cleanFile } from '../../shared/node/clean-file.js';
import { copyNameKey } from '../../shared/node/files.js';
import { ReadBuffer } from '../../shared/node/files.js';
import { corpusFiles } from './corpus.js';

/** The groups cleanBatch makes: photos by copy-name key, in list order. */
function groupsOf(list: CleanJob[], out: string): number[][] {
  const byKey = new Map<string, number[]>();
  list.forEach((j, i) => byKey.set(copyNameKey(j.path, out), [...(byKey.get(copyNameKey(j.path, out)) ?? []), i]));
  return [...byKey.values()];
}
import type { CleanReport } from '../../shared/report.js';
import { scanMetadata } from '../../shared/metadata/index.js';
import { blocksPosting } from '../../shared/findings.js';

const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus/metadata');
const PHOTOS = ['exifsamples__DSCN0010.jpg', 'mei__Apple_iPhone_4.jpg', 'exifsamples__iphone_hdr_YES.jpg', 'mei__HTC_Desire.jpg'].map((f) => path.join(corpus, f));
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

let dir: string;
let jobs: CleanJob[];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'exposure-clean-batch-'));
  // Names that collide in one output folder (photo, photo, photo-2, Photo), then 26 others.
  const names = ['a/photo.jpg', 'b/photo.jpg', 'c/photo-2.jpg', 'd/Photo.jpg', ...Array.from({ length: 26 }, (_, i) => `e${i % 3}/IMG_${1000 + i}.jpg`)];
  jobs = names.map((name, i) => {
    const file = path.join(dir, 'in', name);
    mkdirSync(path.dirname(file), { recursive: true });
    copyFileSync(PHOTOS[i % PHOTOS.length]!, file);
    return { path: file, outDir: null };
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(threads: number, out: string, lanes = 1) {
  const reports: CleanReport[] = [];
  const result = await cleanBatch(jobs.map((j) => ({ ...j, outDir: out })), {}, (i, r) => void (reports[i] = r), threads, lanes);
  return { reports, ...result };
}

const names = (rs: CleanReport[]) => rs.map((r) => path.basename(r.output!));

describe('cleaning side by side', () => {
  it('gives every photo the copy and the name one thread gives, and never one copy for two photos', async () => {
    const one = await run(1, path.join(dir, 'one'));
    expect(one.cleanedBy).toEqual([jobs.length]);
    expect(names(one.reports).slice(0, 4)).toEqual(['photo.clean.jpg', 'photo-2.clean.jpg', 'photo-2-2.clean.jpg', 'Photo.clean.jpg']);
    // Two takers of one list, as two threads are (each with its own names and buffer, one shared
    // counter), here interleaved at every wait so that both surely take photos.
    const out = path.join(dir, 'two');
    const work = { jobs: jobs.map((j) => ({ ...j, outDir: out })), groups: groupsOf(jobs, out), counter: new SharedArrayBuffer(4), options: {} };
    const reports: CleanReport[] = [];
    const counts = [0, 0];
    await Promise.all([0, 1].map((t) => cleanGroups(work, (i, r) => {
      reports[i] = r;
      counts[t]!++;
    })));
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBeGreaterThan(0);
    for (const r of [...one.reports, ...reports]) expect(r.error).toBeUndefined();
    expect(names(reports)).toEqual(names(one.reports));
    expect(new Set(reports.map((r) => r.output)).size).toBe(jobs.length);
    reports.forEach((r, i) => expect(sha256(r.output!), jobs[i]!.path).toBe(sha256(one.reports[i]!.output!)));
    // And each copy is clean, checked again from the file written.
    for (const r of reports) {
      const leaks = (await scanMetadata(new Uint8Array(readFileSync(r.output!)), path.basename(r.output!))).findings.filter((f) => f.source === 'metadata' && blocksPosting(f));
      expect(leaks, r.output).toEqual([]);
    }
  });

  it('on a real second thread: the thread runs to the end and the copies are the same', async () => {
    const one = await run(1, path.join(dir, 'one-again'));
    const two = await run(2, path.join(dir, 'threads'));
    expect(two.cleanedBy).toHaveLength(2);
    expect(two.stoppedThreads).toBe(0);
    expect(two.cleanedBy[0]! + two.cleanedBy[1]!).toBe(jobs.length);
    expect(names(two.reports)).toEqual(names(one.reports));
    two.reports.forEach((r, i) => expect(sha256(r.output!)).toBe(sha256(one.reports[i]!.output!)));
  });

  it('with several photos in flight on each thread (read and written on libuv\'s threads): the same copies under the same names', async () => {
    const one = await run(1, path.join(dir, 'one-lane'));
    for (const [threads, lanes] of [[1, 3], [2, 2]] as const) {
      const many = await run(threads, path.join(dir, `lanes-${threads}-${lanes}`), lanes);
      expect(many.stoppedThreads).toBe(0);
      for (const r of many.reports) expect(r.error).toBeUndefined();
      expect(names(many.reports)).toEqual(names(one.reports));
      many.reports.forEach((r, i) => expect(sha256(r.output!), r.output).toBe(sha256(one.reports[i]!.output!)));
    }
  });

  it('keeps photos whose copies could share a name together: every name a copy can get shares its key', () => {
    const key = (f: string) => copyNameKey(f, '/out');
    expect(key('/a/photo.jpg')).toBe(key('/b/photo.png'));
    expect(key('/a/photo.jpg')).toBe(key('/c/photo-2.jpg'));
    expect(key('/a/photo.jpg')).toBe(key('/c/Photo.JPG'));
    expect(key('/a/photo.jpg')).toBe(key('/c/photo.x.jpg'));
    expect(key('/a/.hidden.jpg')).toBe(key('/a/.other.jpg'));
    expect(key('/a/photo.jpg')).not.toBe(key('/a/photos.jpg'));
    // Numbered names never have a leading zero: a camera's numbered files are all apart.
    expect(key('/a/photo-00001.jpg')).not.toBe(key('/a/photo-00002.jpg'));
    expect(copyNameKey('/a/photo.jpg', null)).not.toBe(copyNameKey('/b/photo.jpg', null));
  });
});

describe('one read buffer for a whole batch', () => {
  it('gives every corpus file the same copy (or the same refusal) as reading each file afresh', async () => {
    const buffer = new ReadBuffer();
    // Largest first, then the rest: later, smaller files are read over the bytes of bigger ones.
    const files = corpusFiles().sort((a, b) => b.bytes.length - a.bytes.length);
    const background = new ReadBuffer();
    for (const f of files) {
      const shared = await cleanFile(f.path, { outDir: path.join(dir, 'buffered'), readBuffer: buffer });
      // Read and written on libuv's threads (a batch's lanes): the same too, refusals included.
      const inBackground = await cleanFile(f.path, { outDir: path.join(dir, 'background'), readBuffer: background, inBackground: true });
      const fresh = await cleanFile(f.path, { outDir: path.join(dir, 'fresh') });
      for (const other of [shared, inBackground]) {
        expect(other.error, f.name).toEqual(fresh.error);
        expect(other.removed, f.name).toEqual(fresh.removed);
        if (fresh.output) {
          expect(existsSync(other.output!)).toBe(true);
          expect(sha256(other.output!), f.name).toBe(sha256(fresh.output));
        }
      }
    }
  });
});
