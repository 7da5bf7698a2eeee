// The checklist's own settings: how soon it locks itself, remembering it on this computer, a new
// passphrase, encrypted backups (make one, restore one) and deleting it for good.
import { useState } from 'react';
import type { ChecklistStatus } from '../../../shared/api/contract.js';
import { PassphraseField } from './PassphraseScreens.js';
import { passphraseStrength } from './strength.js';
import { WipeForm } from './WipeForm.js';

interface Props {
  status: ChecklistStatus;
  busy: boolean;
  onAutoLock(minutes: number): void;
  onRemember(remember: boolean): void;
  onChangePassphrase(current: string, next: string, confirm: string): Promise<boolean>;
  onExport(passphrase: string): Promise<boolean>;
  onImport(passphrase: string): Promise<boolean>;
  onWipe(): void;
}

const AUTO_LOCK = [1, 5, 10, 15, 30, 60];

export function ChecklistSettings({ status, busy, onAutoLock, onRemember, onChangePassphrase, onExport, onImport, onWipe }: Props) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [backupPass, setBackupPass] = useState('');
  const [restorePass, setRestorePass] = useState('');
  const strength = passphraseStrength(next);
  return (
    <section className="checklist-settings" aria-labelledby="cl-settings-title">
      <h2 id="cl-settings-title">Checklist settings and backups</h2>

      <div className="settings-block">
        <label className="field">
          <span className="field-label">Lock the checklist after it is not used for</span>
          <select className="text-input narrow" value={status.autoLockMinutes ?? 10} onChange={(e) => onAutoLock(Number(e.target.value))}>
            {AUTO_LOCK.map((m) => (
              <option key={m} value={m}>
                {m} minute{m === 1 ? '' : 's'}
              </option>
            ))}
          </select>
        </label>
        <p className="field-hint">It also locks when the computer is locked or goes to sleep, and when the app closes.</p>
        {status.canRemember ? (
          <label className="checkbox">
            <input type="checkbox" checked={status.remembered} onChange={(e) => onRemember(e.target.checked)} />
            Remember on this computer (unlock without the passphrase while you are signed in)
          </label>
        ) : (
          <p className="field-hint">This computer has no secure keyring the app can use, so the passphrase is needed each time.</p>
        )}
      </div>

      <form
        className="settings-block"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await onChangePassphrase(current, next, again)) {
            setCurrent('');
            setNext('');
            setAgain('');
          }
        }}
      >
        <h3>Change the passphrase</h3>
        <PassphraseField label="Current passphrase" value={current} onChange={setCurrent} autoComplete="current-password" />
        <PassphraseField label="New passphrase" value={next} onChange={setNext} autoComplete="new-password" />
        {next && <p className={`strength strength-${strength.level}`}>{strength.text}</p>}
        <PassphraseField label="New passphrase again" value={again} onChange={setAgain} autoComplete="new-password" />
        <button type="submit" className="button secondary" disabled={busy || !current || strength.level === 'too-short' || next !== again}>
          Change the passphrase
        </button>
        <p className="field-hint">Backups you made before keep opening with the passphrase they were made with.</p>
      </form>

      <form
        className="settings-block"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await onExport(backupPass)) setBackupPass('');
        }}
      >
        <h3>Make an encrypted backup</h3>
        <p className="field-hint">One file, locked with your current passphrase. Keep it somewhere other than this computer.</p>
        <PassphraseField label="Your passphrase" value={backupPass} onChange={setBackupPass} autoComplete="current-password" />
        <button type="submit" className="button secondary" disabled={busy || !backupPass}>
          Save a backup…
        </button>
      </form>

      <form
        className="settings-block"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await onImport(restorePass)) setRestorePass('');
        }}
      >
        <h3>Restore a backup</h3>
        <p className="warning-box" role="note">
          Restoring replaces everything in the checklist now with what the backup holds. Make a backup of the current one first if you need it.
        </p>
        <PassphraseField label="The backup’s passphrase" value={restorePass} onChange={setRestorePass} autoComplete="current-password" />
        <button type="submit" className="button secondary" disabled={busy || !restorePass}>
          Choose a backup and restore it…
        </button>
      </form>

      <div className="settings-block danger-zone">
        <h3>Delete the checklist</h3>
        <p>This deletes everything in it from this computer, for good. Backups you saved elsewhere are not touched.</p>
        <WipeForm busy={busy} onWipe={onWipe} />
      </div>
    </section>
  );
}
