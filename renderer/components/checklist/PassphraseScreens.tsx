// The two screens before the checklist opens: making one (passphrase twice, a strength hint, the
// plain warning that a lost passphrase cannot be recovered) and unlocking it. Both offer the way
// out for someone who has lost the passphrase: restore a backup, or start again.
import { useId, useState } from 'react';
import type { ChecklistStatus } from '../../../shared/api/contract.js';
import { passphraseStrength } from './strength.js';

interface PassphraseFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  autoFocus?: boolean;
  describedBy?: string;
  autoComplete: 'new-password' | 'current-password';
}

export function PassphraseField({ label, value, onChange, autoFocus, describedBy, autoComplete }: PassphraseFieldProps) {
  const id = useId();
  const [shown, setShown] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="passphrase-row">
        <input
          id={id}
          className="text-input"
          type={shown ? 'text' : 'password'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoFocus={autoFocus}
          autoComplete={autoComplete}
          spellCheck={false}
          aria-describedby={describedBy}
        />
        <button type="button" className="button ghost small" aria-pressed={shown} onClick={() => setShown(!shown)}>
          {shown ? 'Hide' : 'Show'}
        </button>
      </div>
    </div>
  );
}

interface CreateProps {
  canRemember: boolean;
  busy: boolean;
  onCreate(passphrase: string, confirm: string, remember: boolean): void;
  onRestore(): void;
}

export function CreateChecklist({ canRemember, busy, onCreate, onRestore }: CreateProps) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [remember, setRemember] = useState(false);
  const strength = passphraseStrength(passphrase);
  const mismatch = confirm !== '' && confirm !== passphrase;
  const hintId = useId();
  return (
    <section className="checklist-gate" aria-labelledby="create-title">
      <h1 id="create-title">Make your exposure checklist</h1>
      <p className="gate-lead">
        Keep track of what about you is out there (addresses, phone numbers, people-search listings) and what you have done about it. It stays
        on this computer, locked with a passphrase. While it is unlocked, photos you check are compared with it.
      </p>
      <form
        className="gate-form"
        onSubmit={(e) => {
          e.preventDefault();
          onCreate(passphrase, confirm, remember);
        }}
      >
        <PassphraseField label="Choose a passphrase" value={passphrase} onChange={setPassphrase} autoFocus describedBy={hintId} autoComplete="new-password" />
        <p id={hintId} className={`strength strength-${strength.level}`} aria-live="polite">
          {passphrase ? strength.text : 'Several unrelated words are strong and easy to remember, for example four words from around your home.'}
        </p>
        <PassphraseField label="Type it again" value={confirm} onChange={setConfirm} autoComplete="new-password" />
        {mismatch && <p className="field-error">The two passphrases are not the same yet.</p>}
        <p className="warning-box" role="note">
          <strong>If you lose this passphrase, nobody can open the checklist</strong>, not even us: there is no reset. Write it down somewhere safe,
          away from this computer, or keep it in a password manager.
        </p>
        {canRemember && (
          <label className="checkbox">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            Remember on this computer (its keyring unlocks the checklist, so anyone using your account could open it)
          </label>
        )}
        <div className="gate-actions">
          <button type="submit" className="button primary" disabled={busy || strength.level === 'too-short' || confirm !== passphrase}>
            Create my checklist
          </button>
          <button type="button" className="button ghost" onClick={onRestore}>
            Restore a backup instead
          </button>
        </div>
      </form>
    </section>
  );
}

interface UnlockProps {
  status: ChecklistStatus;
  busy: boolean;
  lockedBecause: string | null;
  onUnlock(passphrase: string | undefined, remember: boolean): void;
  onRestore(): void;
  onStartAgain(): void;
}

const LOCK_REASON: Record<string, string> = {
  idle: 'The checklist locked itself because it was not used for a while.',
  system: 'The checklist locked itself because the computer was locked or went to sleep.',
};

export function UnlockChecklist({ status, busy, lockedBecause, onUnlock, onRestore, onStartAgain }: UnlockProps) {
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const [lost, setLost] = useState(false);
  return (
    <section className="checklist-gate" aria-labelledby="unlock-title">
      <h1 id="unlock-title">Your exposure checklist is locked</h1>
      {lockedBecause && LOCK_REASON[lockedBecause] && (
        <p className="gate-lead" role="status">
          {LOCK_REASON[lockedBecause]}
        </p>
      )}
      {status.state === 'damaged' && (
        <p className="field-error" role="alert">
          The checklist’s key file is damaged, so it cannot be opened. Restore it from a backup.
        </p>
      )}
      {status.rememberProblem && (
        <p className="warning-box" role="alert">
          {status.rememberProblem}
        </p>
      )}
      <form
        className="gate-form"
        onSubmit={(e) => {
          e.preventDefault();
          onUnlock(passphrase, remember);
          setPassphrase('');
        }}
      >
        <PassphraseField label="Passphrase" value={passphrase} onChange={setPassphrase} autoFocus autoComplete="current-password" />
        {status.canRemember && !status.remembered && (
          <label className="checkbox">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            Remember on this computer
          </label>
        )}
        <div className="gate-actions">
          <button type="submit" className="button primary" disabled={busy || passphrase === ''}>
            Unlock
          </button>
          {status.remembered && !status.rememberProblem && (
            <button type="button" className="button secondary" disabled={busy} onClick={() => onUnlock(undefined, false)}>
              Unlock with this computer’s keyring
            </button>
          )}
          <button type="button" className="button ghost" aria-expanded={lost} onClick={() => setLost(!lost)}>
            I lost my passphrase
          </button>
        </div>
      </form>
      {lost && (
        <div className="lost-passphrase">
          <p>
            The passphrase cannot be recovered: that is what keeps the checklist safe if someone gets this computer. You can restore a backup
            (it opens with the passphrase it was made with), or delete this checklist and start a new one.
          </p>
          <div className="gate-actions">
            <button type="button" className="button secondary" onClick={onRestore}>
              Restore a backup
            </button>
            <button type="button" className="button ghost danger" onClick={onStartAgain}>
              Delete it and start again…
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
