// IPC validation with a fake ipcMain: no Electron. Every call of the contract gets one handler,
// which refuses untrusted senders and malformed input, logs only the channel name, and wraps
// results and errors in the Result envelope with messages written for users.
import { describe, expect, it } from 'vitest';
import { CALL_NAMES, channelFor, DEFAULT_SETTINGS } from '../../shared/api/contract.js';
import { ExposureError } from '../../shared/errors.js';
import {
  HandlerRegistry,
  INVALID_INPUT_MESSAGE,
  isTrustedAppFrame,
  registerIpcHandlers,
  REJECTED_SENDER_MESSAGE,
  type CallHandlers,
  type IpcEventLike,
} from '../../electron/ipc.js';

const PRIVATE_PATH = '/home/alice/Pictures/kids-school-trip.jpg';
const fromApp: IpcEventLike = { senderFrame: { url: 'app://exposure/index.html', parent: null } };

/** Handlers that record what reached them; a handler that runs is the thing we test for. */
function recordingHandlers(calls: Array<[string, unknown]>): CallHandlers {
  const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of CALL_NAMES) {
    handlers[name] = async (input) => {
      calls.push([name, input]);
      if (name === 'getPreview') throw new ExposureError('corrupt', 'This photo is damaged and cannot be shown.');
      if (name === 'openFolder') throw Object.assign(new Error(`EACCES: permission denied, open '${PRIVATE_PATH}'`), { code: 'EACCES' });
      if (name === 'getSettings') return DEFAULT_SETTINGS;
      return { echoed: true };
    };
  }
  return handlers as CallHandlers;
}

function setup() {
  const ipcMain = new HandlerRegistry();
  const reached: Array<[string, unknown]> = [];
  const log: string[] = [];
  const unregister = registerIpcHandlers(ipcMain, recordingHandlers(reached), { isTrustedSender: isTrustedAppFrame, log: (line) => log.push(line) });
  return { ipcMain, reached, log, unregister };
}

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per call, on its own channel, and removes them again', () => {
    const { ipcMain, unregister } = setup();
    expect(ipcMain.channels().sort()).toEqual(CALL_NAMES.map(channelFor).sort());
    unregister();
    expect(ipcMain.channels()).toEqual([]);
  });

  it('passes validated input to the service and wraps the value', async () => {
    const { ipcMain, reached } = setup();
    const result = await ipcMain.invoke(channelFor('startScan'), fromApp, { paths: [PRIVATE_PATH], visual: false });
    expect(result).toEqual({ ok: true, value: { echoed: true } });
    expect(reached).toEqual([['startScan', { paths: [PRIVATE_PATH], visual: false }]]);
  });

  it('carries areas to cover (boxes and brush strokes) in a safe-copy request, and refuses malformed ones', async () => {
    const { ipcMain, reached } = setup();
    const cover = [
      { shape: 'box', box: [10, 20, 30, 40], mode: 'fill', from: { kind: 'finding', findingId: 'visual.licence-plate.0' } },
      { shape: 'stroke', points: [[1, 2], [50, 60]], radius: 12, mode: 'pixelate', from: { kind: 'drawn' } },
    ];
    const good = await ipcMain.invoke(channelFor('saveSafeCopies'), fromApp, { items: [{ path: PRIVATE_PATH, cover }] });
    expect(good).toEqual({ ok: true, value: { echoed: true } });
    expect(reached).toEqual([['saveSafeCopies', { items: [{ path: PRIVATE_PATH, cover }] }]]);
    const bad = [
      [{ shape: 'box', box: [10, 20, 30, 40], mode: 'blur', from: { kind: 'drawn' } }], // never a blur
      [{ shape: 'box', box: [10, 20, -30, 40], mode: 'fill', from: { kind: 'drawn' } }],
      [{ shape: 'stroke', points: [], radius: 12, mode: 'fill', from: { kind: 'drawn' } }],
      [{ shape: 'stroke', points: [[1, Number.NaN]], radius: 12, mode: 'fill', from: { kind: 'drawn' } }],
      [{ shape: 'box', box: [10, 20, 30, 40], mode: 'fill' }], // where it came from is required
      [[10, 20, 30, 40]], // bare boxes are gone
    ];
    for (const areas of bad) {
      const result = await ipcMain.invoke(channelFor('saveSafeCopies'), fromApp, { items: [{ path: PRIVATE_PATH, cover: areas }] });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(reached).toHaveLength(1);
  });

  it('rejects a bad payload before any service runs, logging the channel and never the payload', async () => {
    const { ipcMain, reached, log } = setup();
    const bad = [
      { paths: PRIVATE_PATH }, // a string where a list belongs
      { paths: [] },
      { paths: [PRIVATE_PATH], visual: 'yes' },
      undefined,
      null,
      'startScan',
    ];
    for (const input of bad) {
      const result = await ipcMain.invoke(channelFor('startScan'), fromApp, input);
      expect(result).toEqual({ ok: false, error: { code: 'invalid-input', message: INVALID_INPUT_MESSAGE } });
    }
    expect(reached).toEqual([]);
    expect(log).toHaveLength(bad.length);
    for (const line of log) {
      expect(line).toContain('exposure:startScan');
      expect(line).not.toContain('alice');
      expect(line).not.toContain('kids-school-trip');
    }
  });

  it('rejects settings that do not fit the schema (e.g. a suffix with a path separator)', async () => {
    const { ipcMain, reached } = setup();
    const result = await ipcMain.invoke(channelFor('setSettings'), fromApp, { suffix: '/../../evil' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(reached).toEqual([]);
  });

  it('refuses messages from an iframe, another origin, another app:// host or a missing frame', async () => {
    const { ipcMain, reached, log } = setup();
    const senders: IpcEventLike[] = [
      { senderFrame: { url: 'app://exposure/frame.html', parent: { url: 'app://exposure/index.html', parent: null } } },
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: 'file:///tmp/index.html', parent: null } },
      { senderFrame: { url: 'app://evil/index.html', parent: null } },
      { senderFrame: null },
      { senderFrame: undefined },
    ];
    for (const event of senders) {
      const result = await ipcMain.invoke(channelFor('getSettings'), event, {});
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: REJECTED_SENDER_MESSAGE } });
    }
    expect(reached).toEqual([]);
    expect(log.every((line) => line === '[ipc] rejected exposure:getSettings: untrusted sender')).toBe(true);
  });

  it('turns thrown errors into the user-facing envelope and logs only the kind of failure', async () => {
    const { ipcMain, log } = setup();
    const preview = await ipcMain.invoke(channelFor('getPreview'), fromApp, { path: PRIVATE_PATH });
    expect(preview).toEqual({ ok: false, error: { code: 'corrupt', message: 'This photo is damaged and cannot be shown.' } });
    const open = await ipcMain.invoke(channelFor('openFolder'), fromApp, { path: PRIVATE_PATH });
    expect(open).toEqual({ ok: false, error: { code: 'unreadable', message: 'You do not have permission to open this file or folder.' } });
    expect(log).toEqual(['[ipc] exposure:getPreview failed: corrupt', '[ipc] exposure:openFolder failed: unreadable']);
  });

  it('ignores extra arguments instead of passing them on', async () => {
    const { ipcMain, reached } = setup();
    await ipcMain.invoke(channelFor('getSettings'), fromApp, {}, { sneaky: true });
    expect(reached).toEqual([['getSettings', {}]]);
  });
});
