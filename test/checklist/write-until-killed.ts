// TEST ONLY: a real process that unlocks a checklist (passphrase on the first line of standard
// input) and writes to it until it is killed: each round adds an item and records a check on it,
// then announces "committed N" on stdout, only after both transactions returned. What it writes
// comes from standard input too (second line), so no value sits in this source or its compiled cache.
import { createInterface } from 'node:readline';
import { unlockStore } from '../../shared/node/checklist/store.js';

const dir = process.argv[2]!;
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const passphrase = String((await lines.next()).value ?? '');
const word = String((await lines.next()).value ?? '');
const store = await unlockStore(dir, passphrase);
for (let n = 0; ; n++) {
  const item = store.addItem({ category: 'name', value: `Writer ${word} ${n}`, notes: `note ${word} ${n}` });
  store.recordCheck(item.id, 'found', `check ${word} ${n}`);
  process.stdout.write(`committed ${n}\n`);
}
