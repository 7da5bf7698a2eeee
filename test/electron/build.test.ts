// The esbuild bundles: a self-contained preload (a sandboxed preload cannot require files), a main
// process that never loads image libraries itself, and a worker bundle that really works: it is
// started here as a worker thread (the same entry serves Electron's utilityProcess) on real photos.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileWorkerClient } from '../../electron/worker/client.js';
import { spawnThreadWorker } from '../../electron/worker/node-thread.js';

const root = path.resolve(import.meta.dirname, '../..');
// Inside the repo, so the bundles find node_modules exactly as dist/electron does.
const outdir = path.join(root, 'dist', `electron-build-test-${process.pid}`);
const corpus = path.resolve(root, '../shared/corpus/metadata');

const requires = (file: string) => [...new Set(readFileSync(path.join(outdir, file), 'utf8').match(/require\("[^"]+"\)/g) ?? [])].sort();

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'scripts/build-electron.mjs'), '--outdir', outdir], { cwd: root, stdio: 'pipe' });
}, 120_000);
afterAll(async () => {
  await rm(outdir, { recursive: true, force: true });
});

describe('scripts/build-electron.mjs', () => {
  it('bundles the preload with nothing to require but electron', () => {
    expect(requires('preload.cjs')).toEqual(['require("electron")']);
  });

  it('keeps image libraries out of the main process bundle', () => {
    const main = requires('main.cjs');
    expect(main).toContain('require("electron")');
    expect(main.filter((r) => /sharp|heic|onnxruntime|vladmandic|opencv|zxing/.test(r))).toEqual([]);
  });

  it('leaves native and wasm packages external in the worker bundle', () => {
    const worker = requires('scan-worker.cjs');
    expect(worker).toContain('require("sharp")');
    const source = readFileSync(path.join(outdir, 'scan-worker.cjs'), 'utf8');
    expect(source).not.toMatch(/libvips|sharp-linux/);
  });

  it('produces a worker bundle that scans and previews real photos', async () => {
    const client = new FileWorkerClient(() => spawnThreadWorker(path.join(outdir, 'scan-worker.cjs')));
    try {
      const preview = await client.run({ op: 'preview', path: path.join(corpus, 'exifsamples__DSCN0010.jpg'), maxSize: 64 });
      expect(preview.width).toBe(640);
      const report = await new Promise((resolve) => {
        client.scan([path.join(corpus, 'mei__Apple_iPhone_4.jpg')], { visual: false }, (u) => {
          if (u.type === 'file') resolve(u.report);
        });
      });
      expect(report).toMatchObject({ format: 'jpeg', findings: expect.arrayContaining([expect.objectContaining({ category: 'location' })]) });
    } finally {
      client.close();
    }
  });

  it('produces a worker bundle whose picture checks load their models from disk and find things', async () => {
    const client = new FileWorkerClient(() => spawnThreadWorker(path.join(outdir, 'scan-worker.cjs')));
    try {
      const scene = path.resolve(root, '../shared/corpus/scenes/openalpr_us__car1.jpg');
      const report = await new Promise<{ findings: { id: string; source: string; category: string }[]; coverage?: { picture: string } }>((resolve) => {
        client.scan([scene], { visual: true }, (u) => {
          if (u.type === 'file') resolve(u.report as never);
        });
      });
      const visual = report.findings.filter((f) => f.source === 'visual');
      // Every check ran in the bundle, the native text models included.
      expect(report.coverage?.picture).toBe('checked');
      expect(visual.some((f) => f.category === 'vehicle')).toBe(true);
      expect(visual.some((f) => f.category === 'text' || f.category === 'licence-plate')).toBe(true);
    } finally {
      client.close();
    }
  }, 180_000);

  it('produces a readers worker bundle that reads a QR code and text on a real photo in its own thread', async () => {
    const req = createRequire(import.meta.url);
    const writer = req('zxing-wasm/writer') as {
      prepareZXingModule(o: { overrides: { wasmBinary: ArrayBuffer }; fireImmediately: true }): Promise<unknown>;
      writeBarcode(text: string, o: { format: string; scale: number }): Promise<{ svg: string }>;
    };
    const wasm = readFileSync(req.resolve('zxing-wasm/writer/zxing_writer.wasm'));
    await writer.prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });
    const code = await writer.writeBarcode('https://example.org/parcel/4521', { format: 'QRCode', scale: 4 });
    const sharp = (await import('sharp')).default;
    const qr = await sharp(Buffer.from(code.svg)).resize(160, 160, { kernel: 'nearest' }).flatten({ background: '#ffffff' }).png().toBuffer();
    const { data, info } = await sharp(path.resolve(root, '../shared/corpus/scenes/coco128__000000000064.jpg'))
      .composite([{ input: qr, left: 280, top: 420 }])
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const worker = new Worker(path.join(outdir, 'reader-worker.cjs'));
    const ask = (msg: object): Promise<{ id: number; value?: Array<{ text: string }>; error?: string }> =>
      new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage(msg);
      });
    try {
      const image = { data: new Uint8Array(data), width: info.width, height: info.height };
      const reply = await ask({ id: 7, op: 'codes', image });
      expect(reply.error).toBeUndefined();
      expect(reply.id).toBe(7);
      expect(reply.value?.map((r) => r.text)).toEqual(['https://example.org/parcel/4521']);
      // The text models load and run in the same thread (the plate of this street photo's van is not the point: any line read).
      const text = await ask({ id: 8, op: 'text', image, maxSide: 960 });
      expect(text.error).toBeUndefined();
      expect(text.id).toBe(8);
      expect(Array.isArray(text.value)).toBe(true);
    } finally {
      await worker.terminate();
    }
  }, 60_000);

  it('produces a main bundle that loads and registers app:// and app-media:// before ready (electron stubbed)', () => {
    const calls: string[] = [];
    const fakeElectron = {
      protocol: { registerSchemesAsPrivileged: (schemes: Array<{ scheme: string }>) => calls.push(`scheme:${schemes.map((s) => s.scheme).join()}`) },
      app: {
        enableSandbox: () => calls.push('sandbox'),
        on: () => undefined,
        requestSingleInstanceLock: () => (calls.push('lock'), true),
        whenReady: () => new Promise(() => undefined),
      },
    };
    const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
    const original = loader._load;
    loader._load = function (request, parent, isMain) {
      return request === 'electron' ? fakeElectron : original.call(this, request, parent, isMain);
    };
    try {
      createRequire(import.meta.url)(path.join(outdir, 'main.cjs'));
    } finally {
      loader._load = original;
    }
    expect(calls).toEqual(['scheme:app,app-media', 'sandbox', 'lock']);
  });
});
