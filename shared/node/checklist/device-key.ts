// Node built-ins (fs). "Remember on this device": the data key wrapped a second time by the
// operating system's keyring (Electron's safeStorage, passed in), only when that keyring is real
// (never Linux's basic_text, whose key is hard-coded). The file records which keyring wrapped it;
// if the keyring changes or cannot decrypt, the app asks for the passphrase instead and deletes
// nothing (Signal Desktop's 2024 lockout came from treating a keyring change as fatal).
import * as fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { replaceFileDurably } from './durable.js';

export const DEVICE_KEY_FILE = 'checklist-device.json';

/** What the services need from Electron's safeStorage. */
export interface DeviceKeyring {
  /** The keyring in use ('gnome_libsecret', 'kwallet6', 'keychain', 'dpapi'...), or null when there is no real one. */
  backend(): string | null;
  encrypt(plain: string): Buffer;
  decrypt(wrapped: Buffer): string;
}

/** Linux backends that are not a keyring: basic_text hard-codes its key; unknown means none was chosen. */
export const UNSAFE_BACKENDS = new Set(['basic_text', 'unknown']);

const DeviceFile = z.object({
  app: z.literal('exposure-check-checklist-device'),
  version: z.literal(1),
  backend: z.string().min(1).max(60),
  /** The database file it opens: a remembered key for an older database is ignored. */
  database: z.string().max(100),
  wrapped: z.string().min(1).max(10_000),
});

export function deviceKeyPath(dir: string): string {
  return path.join(dir, DEVICE_KEY_FILE);
}

export function rememberOnDevice(dir: string, database: string, dataKey: Buffer, keyring: DeviceKeyring): void {
  const backend = keyring.backend();
  if (!backend || UNSAFE_BACKENDS.has(backend)) {
    throw new Error('no-keyring');
  }
  const wrapped = keyring.encrypt(dataKey.toString('base64')).toString('base64');
  const body = { app: 'exposure-check-checklist-device', version: 1, backend, database, wrapped };
  replaceFileDurably(deviceKeyPath(dir), new TextEncoder().encode(`${JSON.stringify(body)}\n`));
}

export function forgetOnDevice(dir: string): void {
  fs.rmSync(deviceKeyPath(dir), { force: true });
}

export function isRemembered(dir: string): boolean {
  return fs.existsSync(deviceKeyPath(dir));
}

export type RememberedKey =
  | { state: 'none' }
  | { state: 'ok'; dataKey: Buffer }
  /** Remembered, but not usable now (another keyring, keyring locked, another database): ask for the passphrase. */
  | { state: 'unavailable'; reason: 'keyring-changed' | 'keyring-failed' | 'other-database' | 'damaged' };

export function recallFromDevice(dir: string, database: string, keyring: DeviceKeyring | null): RememberedKey {
  let raw: string;
  try {
    raw = fs.readFileSync(deviceKeyPath(dir), 'utf8');
  } catch {
    return { state: 'none' };
  }
  let file: z.infer<typeof DeviceFile>;
  try {
    file = DeviceFile.parse(JSON.parse(raw));
  } catch {
    return { state: 'unavailable', reason: 'damaged' };
  }
  if (file.database !== database) return { state: 'unavailable', reason: 'other-database' };
  const backend = keyring?.backend() ?? null;
  if (!keyring || backend !== file.backend) return { state: 'unavailable', reason: 'keyring-changed' };
  try {
    const key = Buffer.from(keyring.decrypt(Buffer.from(file.wrapped, 'base64')), 'base64');
    if (key.length !== 32) return { state: 'unavailable', reason: 'keyring-failed' };
    return { state: 'ok', dataKey: key };
  } catch {
    return { state: 'unavailable', reason: 'keyring-failed' };
  }
}
