// Where the real corpus photos live (used in place, never copied).
import { readdirSync } from 'node:fs';
import path from 'node:path';

export const CORPUS_DIR = path.resolve(import.meta.dirname, '../../../shared/corpus/metadata');

export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR).filter((f) => f !== 'MANIFEST.tsv').sort();
}

export const corpusPath = (name: string): string => path.join(CORPUS_DIR, name);
