// Node built-ins (fs). The checklist's header file: which database file is current, and its data
// key wrapped by the passphrase (salt, Argon2id costs, AES-GCM). It holds nothing personal: no
// value, no count, no name, no date. Written atomically, so a kill mid-change leaves one valid header.
import * as fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { KdfParams, WrappedKey } from './keys.js';
import { replaceFileDurably } from './durable.js';

export const HEADER_FILE = 'checklist-key.json';
export const HEADER_APP = 'exposure-check-checklist';

export const Header = z.object({
  app: z.literal(HEADER_APP),
  version: z.literal(1),
  /** The current database file in the store folder (a new name after an import). */
  database: z.string().regex(/^checklist-[0-9a-f]{16}\.db$/),
  kdf: KdfParams,
  wrappedKey: WrappedKey,
});
export type Header = z.infer<typeof Header>;

export type HeaderRead = { state: 'missing' } | { state: 'ok'; header: Header } | { state: 'damaged' };

export function headerPath(dir: string): string {
  return path.join(dir, HEADER_FILE);
}

export function readHeader(dir: string): HeaderRead {
  let text: string;
  try {
    text = fs.readFileSync(headerPath(dir), 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return { state: 'missing' };
    throw err;
  }
  try {
    const parsed = Header.safeParse(JSON.parse(text));
    return parsed.success ? { state: 'ok', header: parsed.data } : { state: 'damaged' };
  } catch {
    return { state: 'damaged' };
  }
}

export function encodeHeader(header: Header): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(Header.parse(header), null, 2)}\n`);
}

export function writeHeader(dir: string, header: Header, beforeRename?: () => void): void {
  replaceFileDurably(headerPath(dir), encodeHeader(header), beforeRename);
}
