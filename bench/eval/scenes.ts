// Reads the labelled photos of ../shared/corpus/scenes: each NAME.jpg with its NAME.json
// ({ width, height, objects: [{ label, box }], labelled: [...] | "all" }).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export type { Box } from '../../shared/boxes.js';
import type { Box } from '../../shared/boxes.js';

export interface Scene {
  name: string;
  imagePath: string;
  objects: { label: string; box: Box }[];
  /** Labels annotated exhaustively in this photo, or 'all'. */
  labelled: string[] | 'all';
}

export function loadScenes(dir: string): Scene[] {
  const scenes: Scene[] = [];
  for (const file of readdirSync(dir).sort()) {
    // NAME.json is ours; NAME.ade.json and the like are the sources' own label files.
    if (!file.endsWith('.json') || file.slice(0, -5).includes('.')) continue;
    const name = file.slice(0, -5);
    const meta = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Partial<Scene> & { objects?: unknown };
    if (!Array.isArray(meta.objects) || meta.labelled === undefined) continue;
    scenes.push({ name, imagePath: path.join(dir, `${name}.jpg`), objects: meta.objects as Scene['objects'], labelled: meta.labelled });
  }
  return scenes;
}
