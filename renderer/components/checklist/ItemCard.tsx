// One checklist item: what it is, where it stands, one click to record what a new look found
// (relisting included), and its details: where it was found, the removal request, the next look,
// notes, the history of checks and evidence screenshots (cleaned before they were stored).
import { useState } from 'react';
import type { ChecklistOverview } from '../../../shared/api/contract.js';
import { STATUS_LABEL, type CheckRecord, type ChecklistItem, type ItemChanges, type ItemStatus } from '../../../shared/checklist/items.js';
import { itemName } from './names.js';

export interface ItemActions {
  record(id: string, status: ItemStatus): void;
  update(id: string, changes: ItemChanges): Promise<boolean>;
  remove(id: string): void;
  history(id: string): Promise<CheckRecord[] | undefined>;
  addEvidence(id: string): void;
  evidenceImage(id: string): Promise<string | undefined>;
  deleteEvidence(id: string): void;
}

interface Props {
  item: ChecklistItem;
  overview: ChecklistOverview;
  actions: ItemActions;
  busy: boolean;
  open: boolean;
  onToggle(): void;
}

/** The checks a person records most, in the order they happen. */
const QUICK: Array<[ItemStatus, string]> = [
  ['found', 'Found it online'],
  ['opt-out-submitted', 'Asked for removal'],
  ['awaiting-email', 'Waiting for the e-mail'],
  ['removed', 'Removed'],
  ['not-found', 'Not found'],
];

function Evidence({ item, overview, actions, busy }: Omit<Props, 'open' | 'onToggle'>) {
  const [shown, setShown] = useState<Record<string, string>>({});
  const list = overview.evidence[item.id] ?? [];
  return (
    <div className="evidence">
      <h4>Screenshots kept as evidence</h4>
      <p className="field-hint">Stored inside the locked checklist, after the app removed their hidden information (location, device, dates).</p>
      {list.length === 0 && <p className="field-hint">None yet.</p>}
      <ul className="evidence-list">
        {list.map((e) => (
          <li key={e.id}>
            <span>
              Added {new Date(e.addedAt).toLocaleDateString()} · {Math.ceil(e.size / 1024)} KB{e.removed.length ? ` · removed: ${e.removed.join(', ')}` : ''}
            </span>
            {shown[e.id] ? (
              <img className="evidence-image" src={shown[e.id]} alt={`Screenshot kept for ${itemName(item, overview)}`} />
            ) : (
              <button
                type="button"
                className="button ghost small"
                onClick={async () => {
                  const url = await actions.evidenceImage(e.id);
                  if (url) setShown((s) => ({ ...s, [e.id]: url }));
                }}
              >
                Show
              </button>
            )}
            <button type="button" className="button ghost small" onClick={() => actions.deleteEvidence(e.id)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button secondary small" disabled={busy} onClick={() => actions.addEvidence(item.id)}>
        Add a screenshot…
      </button>
    </div>
  );
}

/** Two steps, so a slip of the keyboard cannot delete an item. */
function ConfirmDelete({ name, onDelete }: { name: string; onDelete(): void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button ghost small danger" onClick={() => setAsking(true)}>
        Delete this item…
      </button>
    );
  }
  return (
    <div className="confirm-row" role="group" aria-label="Confirm deleting">
      <span>Delete “{name}” with its history and screenshots?</span>
      <button type="button" className="button secondary small danger" onClick={onDelete}>
        Delete for good
      </button>
      <button type="button" className="button ghost small" onClick={() => setAsking(false)} autoFocus>
        Keep it
      </button>
    </div>
  );
}

function Details({ item, overview, actions, busy }: Omit<Props, 'open' | 'onToggle'>) {
  const [draft, setDraft] = useState({
    foundUrl: item.foundUrl,
    optOutMethod: item.optOutMethod,
    optOutReference: item.optOutReference,
    emailAlias: item.emailAlias,
    nextCheck: item.nextCheck ?? '',
    notes: item.notes,
    priority: item.priority,
  });
  const [history, setHistory] = useState<CheckRecord[] | null>(null);
  const field = (key: keyof typeof draft, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input className="text-input" value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} {...props} />
    </label>
  );
  return (
    <div className="item-details">
      <form
        className="add-grid"
        onSubmit={async (e) => {
          e.preventDefault();
          await actions.update(item.id, { ...draft, nextCheck: draft.nextCheck || null });
        }}
      >
        {field('foundUrl', 'Where it was found', { type: 'url', placeholder: 'https://…' })}
        {field('optOutMethod', 'How removal was asked for', { placeholder: 'e.g. web form, e-mail, phone call' })}
        {field('optOutReference', 'Reference or ticket number')}
        {field('emailAlias', 'E-mail address used for it')}
        {field('nextCheck', 'Next look', { type: 'date' })}
        <label className="field">
          <span className="field-label">Priority</span>
          <select className="text-input" value={draft.priority} onChange={(e) => setDraft({ ...draft, priority: e.target.value as typeof draft.priority })}>
            <option value="high">High</option>
            <option value="medium">Medium</option>
            <option value="low">Low</option>
          </select>
        </label>
        <label className="field notes-field">
          <span className="field-label">Notes</span>
          <textarea className="text-input" rows={3} value={draft.notes} onChange={(e) => setDraft({ ...draft, notes: e.target.value })} />
        </label>
        <div className="gate-actions">
          <button type="submit" className="button primary small" disabled={busy}>
            Save details
          </button>
        </div>
      </form>
      <Evidence item={item} overview={overview} actions={actions} busy={busy} />
      <div className="history">
        <button type="button" className="button ghost small" aria-expanded={history !== null} onClick={async () => setHistory(history ? null : ((await actions.history(item.id)) ?? []))}>
          {history ? 'Hide the history' : 'Show the history of checks'}
        </button>
        {history && (
          <ol className="history-list">
            {history.map((h, i) => (
              <li key={i}>
                {new Date(h.at).toLocaleDateString()}: {STATUS_LABEL[h.status]}
                {h.note ? ` · ${h.note}` : ''}
              </li>
            ))}
          </ol>
        )}
      </div>
      <ConfirmDelete name={itemName(item, overview)} onDelete={() => actions.remove(item.id)} />
    </div>
  );
}

export function ItemCard({ item, overview, actions, busy, open, onToggle }: Props) {
  const name = itemName(item, overview);
  const detailsId = `item-details-${item.id}`;
  return (
    <li className={`item-card priority-${item.priority}`} id={`item-${item.id}`}>
      <div className="item-head">
        <h4 className="item-name">{name}</h4>
        {!item.place && <span className={`status-chip status-${item.status}`}>{STATUS_LABEL[item.status]}</span>}
        {item.place && (
          <span className="field-hint">
            {item.place.latitude.toFixed(5)}, {item.place.longitude.toFixed(5)} · warns within {item.place.radiusM} m
          </span>
        )}
        {item.nextCheck && <span className="field-hint">Next look: {item.nextCheck}</span>}
      </div>
      {!item.place && (
        <div className="quick-checks" role="group" aria-label={`Record a check of ${name}`}>
          {QUICK.filter(([s]) => s !== item.status).map(([status, label]) => (
            <button key={status} type="button" className="button ghost small" disabled={busy} onClick={() => actions.record(item.id, status)}>
              {label}
            </button>
          ))}
          {(item.status === 'removed' || item.status === 'not-found') && (
            <button type="button" className="button secondary small" disabled={busy} onClick={() => actions.record(item.id, 'reappeared')}>
              Back online again
            </button>
          )}
        </div>
      )}
      <button type="button" className="button ghost small" aria-expanded={open} aria-controls={detailsId} onClick={onToggle}>
        {open ? 'Hide details' : 'Details, notes and screenshots'}
      </button>
      {open && (
        <div id={detailsId}>
          <Details item={item} overview={overview} actions={actions} busy={busy} />
        </div>
      )}
    </li>
  );
}
