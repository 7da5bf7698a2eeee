// Deleting the checklist for good, confirmed by typing a phrase (a slip of the keyboard or a click
// cannot do it). Used from the settings and from the locked screen ("I lost my passphrase").
import { useState } from 'react';

export const WIPE_PHRASE = 'delete my checklist';

export function WipeForm({ busy, onWipe, onCancel, autoFocus }: { busy: boolean; onWipe(): void; onCancel?: () => void; autoFocus?: boolean }) {
  const [text, setText] = useState('');
  const confirmed = text.trim().toLowerCase() === WIPE_PHRASE;
  return (
    <form
      className="gate-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (confirmed) onWipe();
      }}
    >
      <label className="field">
        <span className="field-label">To confirm, type “{WIPE_PHRASE}”</span>
        <input className="text-input" value={text} onChange={(e) => setText(e.target.value)} autoFocus={autoFocus} autoComplete="off" spellCheck={false} />
      </label>
      <div className="gate-actions">
        <button type="submit" className="button secondary danger" disabled={busy || !confirmed}>
          Delete my checklist
        </button>
        {onCancel && (
          <button type="button" className="button ghost" onClick={onCancel}>
            Keep it
          </button>
        )}
      </div>
    </form>
  );
}
