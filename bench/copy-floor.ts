// `node dist/bench/copy-floor.js MODE INPUT OUT`: the floor for the cleaning bench. A bare Node
// process that only moves the same bytes our clean moves: every file of INPUT (a folder, searched
// recursively) into OUT as a temporary file, then renamed into place, as writeFileAtomic does; no
// parsing, no checks. What our whole-process figures are next to:
//   read-write  read each file whole, write it, one file after the other (our work minus the cleaning)
//   copyfile    the same with fs.copyFileSync (the copy stays in the kernel: no bytes through Node)
//   parallel    read-write with several files in flight on libuv's threads (both cores do the I/O),
//               at most 16 MB of file contents held at once
import { closeSync, copyFileSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import * as path from 'node:path';

const [mode, input, out] = process.argv.slice(2);
if (!mode || !input || !out || !['read-write', 'copyfile', 'parallel'].includes(mode)) {
  process.stderr.write('usage: copy-floor.js read-write|copyfile|parallel INPUT OUT\n');
  process.exit(2);
}

const files = readdirSync(input, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
const destOf = (file: string): string => path.join(out, path.relative(input, file));
for (const dir of new Set(files.map((f) => path.dirname(destOf(f))))) mkdirSync(dir, { recursive: true });
const tmpOf = (dest: string, i: number): string => path.join(path.dirname(dest), `.${path.basename(dest)}.${process.pid}-${i}.tmp`);

if (mode === 'read-write') {
  files.forEach((file, i) => {
    const dest = destOf(file);
    const bytes = readFileSync(file);
    const fd = openSync(tmpOf(dest, i), 'wx', 0o644);
    for (let n = 0; n < bytes.length; ) n += writeSync(fd, bytes, n);
    closeSync(fd);
    renameSync(tmpOf(dest, i), dest);
  });
} else if (mode === 'copyfile') {
  files.forEach((file, i) => {
    const dest = destOf(file);
    copyFileSync(file, tmpOf(dest, i));
    renameSync(tmpOf(dest, i), dest);
  });
} else {
  const budget = 16 * 1024 * 1024;
  let held = 0;
  let next = 0;
  const waiting: (() => void)[] = [];
  const copyOne = async (i: number): Promise<void> => {
    const file = files[i]!;
    const dest = destOf(file);
    const from = await open(file, 'r');
    try {
      const { size } = await from.stat();
      while (held > 0 && held + size > budget) await new Promise<void>((resolve) => waiting.push(resolve));
      held += size;
      try {
        const bytes = Buffer.allocUnsafe(size);
        for (let n = 0; n < size; ) {
          const { bytesRead } = await from.read(bytes, n, size - n, n);
          if (bytesRead === 0) break;
          n += bytesRead;
        }
        const to = await open(tmpOf(dest, i), 'wx', 0o644);
        await to.writeFile(bytes);
        await to.close();
        await rename(tmpOf(dest, i), dest);
      } finally {
        held -= size;
        waiting.splice(0).forEach((wake) => wake());
      }
    } finally {
      await from.close();
    }
  };
  // As many lanes as libuv has threads (4 by default).
  const lanes = Array.from({ length: 4 }, async () => {
    for (let i = next++; i < files.length; i = next++) await copyOne(i);
  });
  await Promise.all(lanes);
}
