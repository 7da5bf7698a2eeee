// The key wrapping on its own: Argon2id calibrated on this machine never goes below the issue's
// floor and is stored so a later unlock uses the same costs; the wrap is bound to its costs and
// purpose (changed costs make the passphrase fail; costs below the floor are refused as damage).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEADER_FILE } from '../../shared/node/checklist/header.js';
import { chooseKdf, deriveKek, KDF_FLOOR, newDataKey, unwrapDataKey, wrapDataKey } from '../../shared/node/checklist/keys.js';
import { createStore, unlockStore } from '../../shared/node/checklist/store.js';
import { tempDir } from './helpers.js';

const PASS = 'amber violin harbour seventeen';

describe('the checklist key', { timeout: 120_000 }, () => {
  it('calibrates Argon2id on this machine at or above the floor, and unlocks with the stored costs', async () => {
    const dir = tempDir();
    (await createStore(dir, PASS, { calibrate: true })).close();
    const { kdf } = JSON.parse(readFileSync(path.join(dir, HEADER_FILE), 'utf8'));
    expect(kdf.algorithm).toBe('argon2id');
    expect(kdf.memoryKiB).toBeGreaterThanOrEqual(KDF_FLOOR.memoryKiB);
    expect(kdf.timeCost).toBeGreaterThanOrEqual(KDF_FLOOR.timeCost);
    expect(kdf.parallelism).toBeGreaterThanOrEqual(KDF_FLOOR.parallelism);
    const store = await unlockStore(dir, PASS);
    expect(store.listItems()).toEqual([]);
    store.close();
  });

  it('binds the wrapped key to its costs and purpose: changed costs never open it, costs below the floor are refused', async () => {
    const kdf = await chooseKdf(false);
    const key = newDataKey();
    const kek = await deriveKek(PASS, kdf);
    const wrapped = wrapDataKey(key, kek, kdf, 'checklist-store');
    expect(unwrapDataKey(wrapped, kek, kdf, 'checklist-store')).toEqual(key);
    // Same kek (an attacker who knows it could skip Argon2id entirely), other stated costs: refused.
    expect(unwrapDataKey(wrapped, kek, { ...kdf, timeCost: kdf.timeCost + 1 }, 'checklist-store')).toBeNull();
    expect(unwrapDataKey(wrapped, kek, kdf, 'device-key')).toBeNull();

    const dir = tempDir();
    (await createStore(dir, PASS, { calibrate: false })).close();
    const file = path.join(dir, HEADER_FILE);
    const header = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...header, kdf: { ...header.kdf, timeCost: header.kdf.timeCost + 1 } }));
    await expect(unlockStore(dir, PASS)).rejects.toMatchObject({ message: 'Wrong passphrase' });
    writeFileSync(file, JSON.stringify({ ...header, kdf: { ...header.kdf, memoryKiB: 1024 } }));
    await expect(unlockStore(dir, PASS)).rejects.toMatchObject({ code: 'corrupt' }); // below the floor: the header is refused
  });
});
