// The exposure checklist's figures (`npm run bench -- --checklist-only`): the Argon2id costs
// calibrated on this machine and what one unlock then takes (the issue: about 0.5-1 s), how long a
// write takes with every commit flushed, and what the scanner's post-scan step adds per photo with
// a checklist of 200 items. Wall and CPU time: the machine may be shared.
import path from 'node:path';
import { applyChecklist } from '../shared/checklist/apply.js';
import { buildMatcher } from '../shared/checklist/matcher.js';
import type { FileReport } from '../shared/report.js';
import { createStore, unlockStore } from '../shared/node/checklist/store.js';
import { HEADER_FILE } from '../shared/node/checklist/header.js';
import { readFileSync, rmSync, mkdirSync } from 'node:fs';

const PASS = 'benchmark passphrase of several words';

function cpuMs(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function benchChecklist(work: string): Promise<string[]> {
  const dir = path.join(work, 'checklist');
  mkdirSync(dir, { recursive: true });
  const lines = ['Exposure checklist (encrypted store):'];
  const store = await createStore(dir, PASS, { calibrate: true });
  store.close();
  const { kdf } = JSON.parse(readFileSync(path.join(dir, HEADER_FILE), 'utf8'));
  const unlocks: Array<[number, number]> = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    (await unlockStore(dir, PASS)).close();
    unlocks.push([performance.now() - t, cpuMs(c)]);
  }
  unlocks.sort((a, b) => a[0] - b[0]);
  const [wall, cpu] = unlocks[1]!;
  lines.push(`  Argon2id calibrated here: ${kdf.memoryKiB / 1024} MiB, t=${kdf.timeCost}, p=${kdf.parallelism}; unlock (median of 3) wall ${wall.toFixed(0)} ms, cpu ${cpu.toFixed(0)} ms (goal: about 500-1000 ms)`);

  const open = await unlockStore(dir, PASS);
  const adds: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    open.addItem({ category: i % 2 ? 'plate' : 'address', value: i % 2 ? `QX${i} ZP${i}` : `${i} Quillfeather Lane, Springfield` });
    adds.push(performance.now() - t);
  }
  adds.sort((a, b) => a - b);
  lines.push(`  Adding an item (one flushed transaction, 200 items): p50 ${pct(adds, 50).toFixed(2)} ms, p95 ${pct(adds, 95).toFixed(2)} ms`);

  const items = open.listItems();
  open.close();
  const t0 = performance.now();
  const matcher = buildMatcher(items);
  const build = performance.now() - t0;
  const lineOf = (text: string, i: number) => ({ text, box: [i * 10, 0, 10, 10] as [number, number, number, number], confidence: 0.9 });
  const report: FileReport = {
    path: 'p.jpg', format: 'jpeg', size: 1, findings: [], embeddedImages: [],
    readText: ['OPEN 24 HOURS', 'Quillfeather Bakery', 'SPEED LIMIT 30', 'QX7 ZP9', 'www.example.com', 'Main Street', 'EXIT', '1520 Cumberland Ave'].map(lineOf),
  };
  const runs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    applyChecklist(report, matcher);
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  lines.push(`  Scanner's checklist step, 200 items, 8 lines of read text: matcher built in ${build.toFixed(1)} ms; per photo p50 ${pct(runs, 50).toFixed(3)} ms, p95 ${pct(runs, 95).toFixed(3)} ms`);
  rmSync(dir, { recursive: true, force: true });
  return lines;
}
