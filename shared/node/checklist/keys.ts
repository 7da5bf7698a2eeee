// Node built-ins (crypto) and @node-rs/argon2. The checklist's keys, the way the best password
// managers do it: a random 32-byte data key is the raw SQLCipher key; the passphrase never touches
// the database. Argon2id turns the passphrase into a key-encryption key, which wraps the data key
// with AES-256-GCM. Changing the passphrase re-wraps the data key; the database is not rewritten.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';
import { z } from 'zod';

/** Argon2id with its cost, stored in the header so it can be raised later. */
export const KdfParams = z.object({
  algorithm: z.literal('argon2id'),
  /** KiB of memory per hash. */
  memoryKiB: z.number().int().min(65_536).max(4_194_304),
  timeCost: z.number().int().min(3).max(200),
  parallelism: z.number().int().min(4).max(64),
  /** 16 random bytes, base64. */
  salt: z.string().regex(/^[A-Za-z0-9+/]{22}==$/),
});
export type KdfParams = z.infer<typeof KdfParams>;

/** The floor (Bitwarden's defaults): 64 MiB, 3 passes, 4 lanes. Never weaker. */
export const KDF_FLOOR = { memoryKiB: 65_536, timeCost: 3, parallelism: 4 } as const;
/** Calibration aims for this long on the user's machine (the issue: about 0.5 to 1 s). */
export const KDF_TARGET_MS = 700;
/** Memory used once calibrated: more memory, not only more passes, is what slows a GPU farm. */
const CALIBRATED_MEMORY_KIB = 131_072;

export const WrappedKey = z.object({
  cipher: z.literal('aes-256-gcm'),
  iv: z.string().regex(/^[A-Za-z0-9+/]{16}$/),
  data: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  tag: z.string().regex(/^[A-Za-z0-9+/]{22}==$/),
});
export type WrappedKey = z.infer<typeof WrappedKey>;

export const DATA_KEY_BYTES = 32;

export function newSalt(): string {
  return randomBytes(16).toString('base64');
}

export function newDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

/** The key-encryption key: Argon2id over the passphrase (NFC, so the same words typed on another keyboard match). */
export async function deriveKek(passphrase: string, kdf: KdfParams): Promise<Buffer> {
  return hashRaw(passphrase.normalize('NFC'), {
    algorithm: 2, // Argon2id
    memoryCost: kdf.memoryKiB,
    timeCost: kdf.timeCost,
    parallelism: kdf.parallelism,
    outputLen: 32,
    salt: Buffer.from(kdf.salt, 'base64'),
  });
}

/**
 * Parameters for a new wrap: the floor, or (calibrate) 128 MiB with as many passes as take about
 * KDF_TARGET_MS here, measured once. Capped so a slow machine is not made to wait for ever.
 */
export async function chooseKdf(calibrate: boolean): Promise<KdfParams> {
  const base: KdfParams = { algorithm: 'argon2id', ...KDF_FLOOR, salt: newSalt() };
  if (!calibrate) return base;
  const probe: KdfParams = { ...base, memoryKiB: CALIBRATED_MEMORY_KIB, timeCost: KDF_FLOOR.timeCost };
  const started = performance.now();
  await deriveKek('calibration', probe);
  const perPass = Math.max(1, (performance.now() - started) / probe.timeCost);
  const timeCost = Math.min(40, Math.max(KDF_FLOOR.timeCost, Math.round(KDF_TARGET_MS / perPass)));
  return { ...probe, timeCost, salt: newSalt() };
}

/** Binds the wrap to the parameters it was made with: editing the header breaks the tag. */
function associatedData(kdf: KdfParams, purpose: string): Buffer {
  return Buffer.from(`exposure-check/${purpose}/argon2id/${kdf.memoryKiB}/${kdf.timeCost}/${kdf.parallelism}/${kdf.salt}`);
}

export function wrapDataKey(dataKey: Buffer, kek: Buffer, kdf: KdfParams, purpose: string): WrappedKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(associatedData(kdf, purpose));
  const data = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { cipher: 'aes-256-gcm', iv: iv.toString('base64'), data: data.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** The data key, or null when the passphrase (through the kek) is wrong or the header was altered. */
export function unwrapDataKey(wrapped: WrappedKey, kek: Buffer, kdf: KdfParams, purpose: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(associatedData(kdf, purpose));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(wrapped.data, 'base64')), decipher.final()]);
    return key.length === DATA_KEY_BYTES ? key : null;
  } catch {
    return null;
  }
}

/** SQLCipher's raw-key form: the 32 bytes as hex, used as-is (no SQLCipher key derivation on top). */
export function sqlcipherKeyPragma(dataKey: Buffer): string {
  return `key="x'${dataKey.toString('hex')}'"`;
}
