// Node built-ins: `exposure-check checklist ...`, the exposure checklist from the command line,
// for trainers and for testing. A thin shell over the store in shared/node/checklist. Passphrases
// come from the terminal without echo, or from standard input's lines; never from an argument.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CHECKLIST_CATEGORIES, CHECKLIST_CATEGORY_IDS, checklistCategory } from '../shared/checklist/categories.js';
import { BROKERS, BROKER_FACTS_WRITTEN, NEED_LABEL, brokerById } from '../shared/checklist/brokers.js';
import { DEFAULT_PLACE_RADIUS_M, STATUSES, STATUS_LABEL, isDue, localDay, type ChecklistItem, type ItemStatus } from '../shared/checklist/items.js';
import { ExposureError } from '../shared/errors.js';
import { exportBackup, importBackup } from '../shared/node/checklist/backup.js';
import type { ChecklistDb } from '../shared/node/checklist/checklist-db.js';
import { defaultChecklistDir } from '../shared/node/checklist/location.js';
import { changePassphrase, createStore, storeState, unlockStore, wipeStore } from '../shared/node/checklist/store.js';
import { printable as oneLine } from './format.js';
import type { ReadSecret } from './passphrase.js';

export const CHECKLIST_HELP = `exposure-check checklist COMMAND [--store DIR] ...

Your exposure checklist: what about you is out there (addresses, phone numbers, names, plates,
people-search listings...) and what you have done about it, in an encrypted file on this computer.
While you scan with --checklist, photos that show any of it are flagged.

  init                      create a checklist (asks for a new passphrase twice)
  add --category C --value V [--label NAME] [--priority high|medium|low] [--url URL] [--notes TEXT]
      [--lat N --lon N [--radius METRES]]   add an item; C is one of:
                            ${CHECKLIST_CATEGORY_IDS.join(', ')}
                            (place: a map position photos are compared against; radius default ${DEFAULT_PLACE_RADIUS_M} m)
  list [--json]             show every item
  due                       show what is due for a new look
  check ID --status S [--note TEXT]   record a check; S is one of: ${STATUSES.join(', ')}
  brokers                   the starter list of people-search sites and how to be removed
  export FILE [--force]     write an encrypted backup (protected by your passphrase)
  import FILE [--replace]   restore a backup (it opens with the passphrase it was made with)
  passwd                    change the passphrase (asks for the old one, then the new one twice)
  wipe --yes                delete the checklist for good

  --store DIR               the checklist's folder (default: the app's own)

Passphrases are read from the terminal without showing them, or, when standard input is not a
terminal, one per line from standard input. Exit status: 0 done, 1 failed, 2 usage error,
3 wrong passphrase (nothing was changed).
`;

export interface ChecklistIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readSecret: ReadSecret;
}

export class ChecklistUsageError extends Error {}

export const EXIT_WRONG_PASSPHRASE = 3;

const OPTIONS = {
  store: { type: 'string' },
  category: { type: 'string' },
  value: { type: 'string' },
  label: { type: 'string' },
  priority: { type: 'string' },
  url: { type: 'string' },
  notes: { type: 'string' },
  lat: { type: 'string' },
  lon: { type: 'string' },
  radius: { type: 'string' },
  status: { type: 'string' },
  note: { type: 'string' },
  json: { type: 'boolean' },
  force: { type: 'boolean' },
  replace: { type: 'boolean' },
  yes: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true }>>['values'];

function number(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new ChecklistUsageError(`--${name} must be a number`);
  return n;
}

async function newPassphrase(io: ChecklistIo, what = 'New passphrase'): Promise<string> {
  const first = await io.readSecret(`${what}: `);
  const again = await io.readSecret(`${what}, again: `);
  if (first !== again) throw new ExposureError('invalid-input', 'The two passphrases are not the same; nothing was changed.');
  return first;
}

async function withStore<T>(dir: string, io: ChecklistIo, run: (store: ChecklistDb) => T | Promise<T>): Promise<T> {
  if (storeState(dir) === 'none') throw new ExposureError('not-found', `There is no checklist in ${dir} yet: create one with "exposure-check checklist init".`);
  const store = await unlockStore(dir, await io.readSecret('Passphrase: '));
  try {
    return await run(store);
  } finally {
    store.close();
  }
}

function describe(item: ChecklistItem): string {
  const broker = item.brokerId ? brokerById(item.brokerId)?.name : undefined;
  const what = [item.value || broker || '', item.label ? `(${item.label})` : ''].filter(Boolean).join(' ');
  const place = item.place ? ` at ${item.place.latitude.toFixed(5)}, ${item.place.longitude.toFixed(5)} within ${item.place.radiusM} m` : '';
  const next = item.nextCheck ? ` · next look ${item.nextCheck}` : '';
  return `  [${item.id.slice(0, 8)}] ${oneLine(what)}${place} — ${STATUS_LABEL[item.status]}${next}\n`;
}

function printItems(items: readonly ChecklistItem[], io: ChecklistIo): void {
  if (items.length === 0) return io.stdout('Nothing here yet.\n');
  for (const category of CHECKLIST_CATEGORIES) {
    const inCategory = items.filter((i) => i.category === category.id);
    if (inCategory.length === 0) continue;
    io.stdout(`${category.title}\n${inCategory.map(describe).join('')}`);
  }
}

function findItem(store: ChecklistDb, prefix: string): ChecklistItem {
  const matches = store.listItems().filter((i) => i.id.startsWith(prefix.toLowerCase()));
  if (matches.length !== 1) throw new ChecklistUsageError(matches.length === 0 ? `no item with the id ${prefix}` : `${prefix} matches several items: give more of the id`);
  return matches[0]!;
}

function printBrokers(io: ChecklistIo): void {
  io.stdout(`People-search sites to check (facts written ${BROKER_FACTS_WRITTEN}; removal pages change: check each page yourself).\n\n`);
  for (const b of BROKERS) {
    io.stdout(`${b.name} [${b.id}]${b.priority === 'crucial' ? ' — start here' : ''}\n`);
    io.stdout(`  look yourself up: ${b.searchUrl}\n  ask for removal:  ${b.optOutUrl}\n`);
    if (b.needs.length) io.stdout(`  removal needs:    ${b.needs.map((n) => NEED_LABEL[n]).join('; ')}\n`);
    if (b.sisterSites.length) io.stdout(`  same company:     ${b.sisterSites.join(', ')}\n`);
    io.stdout(`  look again every ${b.recheckDays} days. ${b.note}\n\n`);
  }
}

async function addItem(dir: string, v: Values, io: ChecklistIo): Promise<void> {
  if (!v.category) throw new ChecklistUsageError('add needs --category');
  if (!checklistCategory(v.category)) throw new ChecklistUsageError(`--category: unknown category "${v.category}". Choose from: ${CHECKLIST_CATEGORY_IDS.join(', ')}`);
  const lat = number(v.lat, 'lat');
  const lon = number(v.lon, 'lon');
  if ((lat === undefined) !== (lon === undefined)) throw new ChecklistUsageError('--lat and --lon go together');
  if (v.category === 'place' && lat === undefined) throw new ChecklistUsageError('a place needs --lat and --lon');
  const broker = v.category === 'broker' && v.value ? BROKERS.find((b) => b.id === v.value?.toLowerCase() || b.name.toLowerCase() === v.value?.toLowerCase()) : undefined;
  const input = {
    category: v.category,
    value: broker?.name ?? v.value ?? '',
    ...(broker ? { brokerId: broker.id } : {}),
    ...(v.label !== undefined ? { label: v.label } : {}),
    ...(v.priority !== undefined ? { priority: v.priority } : {}),
    ...(v.url !== undefined ? { foundUrl: v.url } : {}),
    ...(v.notes !== undefined ? { notes: v.notes } : {}),
    ...(lat !== undefined && lon !== undefined ? { place: { latitude: lat, longitude: lon, radiusM: number(v.radius, 'radius') ?? DEFAULT_PLACE_RADIUS_M } } : {}),
  };
  const item = await withStore(dir, io, (store) => store.addItem(input));
  io.stdout(`Added [${item.id.slice(0, 8)}] to ${checklistCategory(item.category)?.title ?? item.category}.\n`);
}

export async function runChecklist(args: string[], io: ChecklistIo): Promise<number> {
  try {
    return await runCommand(args, io);
  } catch (err) {
    if (err instanceof ChecklistUsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`exposure-check: ${(err as Error).message}\nRun "exposure-check checklist --help" for usage.\n`);
      return 2;
    }
    throw err;
  }
}

async function runCommand(args: string[], io: ChecklistIo): Promise<number> {
  const { values: v, positionals } = parseArgs({ args, allowPositionals: true, options: OPTIONS });
  const [command, ...rest] = positionals;
  if (v.help || !command) {
    io.stdout(CHECKLIST_HELP);
    return command || v.help ? 0 : 2;
  }
  const dir = path.resolve(v.store ?? defaultChecklistDir());
  try {
    switch (command) {
      case 'init': {
        if (storeState(dir) !== 'none') throw new ExposureError('exists', `A checklist already exists in ${dir}; it was left as it is.`);
        io.stderr('Choose a passphrase: several unrelated words are best. If you lose it, the checklist cannot be recovered by anyone.\n');
        (await createStore(dir, await newPassphrase(io))).close();
        io.stdout(`Checklist created in ${dir}.\n`);
        return 0;
      }
      case 'add':
        await addItem(dir, v, io);
        return 0;
      case 'list':
        await withStore(dir, io, (store) => (v.json ? io.stdout(`${JSON.stringify({ items: store.listItems() }, null, 2)}\n`) : printItems(store.listItems(), io)));
        return 0;
      case 'due': {
        const today = localDay();
        await withStore(dir, io, (store) => {
          const due = store.listItems().filter((i) => isDue(i, today));
          if (due.length === 0) io.stdout('Nothing is due today.\n');
          else printItems(due, io);
        });
        return 0;
      }
      case 'check': {
        const id = rest[0];
        if (!id) throw new ChecklistUsageError('check needs the id of an item (see "list")');
        if (!v.status || !(STATUSES as readonly string[]).includes(v.status)) throw new ChecklistUsageError(`--status must be one of: ${STATUSES.join(', ')}`);
        const item = await withStore(dir, io, (store) => store.recordCheck(findItem(store, id).id, v.status as ItemStatus, v.note ?? ''));
        io.stdout(`Recorded: ${STATUS_LABEL[item.status]}${item.nextCheck ? `; look again on ${item.nextCheck}` : ''}.\n`);
        return 0;
      }
      case 'brokers':
        printBrokers(io);
        return 0;
      case 'export': {
        const file = rest[0];
        if (!file) throw new ChecklistUsageError('export needs the backup file to write');
        const written = await withStore(dir, io, async (store) => {
          // The backup is protected by the same passphrase, which withStore has just checked.
          const passphrase = await io.readSecret('Passphrase again, to protect the backup: ');
          return exportBackup(dir, store, passphrase, path.resolve(file), { overwrite: v.force === true });
        });
        io.stdout(`Encrypted backup written to ${path.resolve(file)} (${Math.ceil(written.size / 1024)} KB). It opens with your current passphrase.\n`);
        return 0;
      }
      case 'import': {
        const file = rest[0];
        if (!file) throw new ChecklistUsageError('import needs the backup file to read');
        if (storeState(dir) !== 'none' && !v.replace) throw new ChecklistUsageError(`a checklist already exists in ${dir}: add --replace to replace it with the backup`);
        await importBackup(dir, path.resolve(file), await io.readSecret('Passphrase of the backup: '));
        io.stdout(`Checklist restored in ${dir}. It opens with the backup’s passphrase.\n`);
        return 0;
      }
      case 'passwd': {
        const old = await io.readSecret('Current passphrase: ');
        await changePassphrase(dir, old, await newPassphrase(io));
        io.stdout('Passphrase changed.\n');
        return 0;
      }
      case 'wipe':
        if (!v.yes) throw new ChecklistUsageError('wipe deletes the checklist for good: add --yes if you are sure');
        wipeStore(dir);
        io.stdout(`Checklist in ${dir} deleted.\n`);
        return 0;
      default:
        throw new ChecklistUsageError(`unknown checklist command "${command}"`);
    }
  } catch (err) {
    if (err instanceof ExposureError) {
      io.stderr(`exposure-check: ${err.message}\n`);
      return err.code === 'wrong-passphrase' ? EXIT_WRONG_PASSPHRASE : 1;
    }
    throw err;
  }
}
