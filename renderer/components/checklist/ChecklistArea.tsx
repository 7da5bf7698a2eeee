// "My exposure checklist": the area reached from the top bar. Before it opens: make one, unlock it,
// restore a backup, or start again. Once open: an overview, the items, the people-search sites and
// the settings, with a Lock button always in reach. It shows nothing of the contents once locked.
import { useState } from 'react';
import { unwrap, useApi } from '../../api-context.js';
import type { ChecklistModel } from '../../hooks/useChecklist.js';
import { AddItemForm } from './AddItemForm.js';
import { BrokersView } from './BrokersView.js';
import { ChecklistSettings } from './ChecklistSettings.js';
import { WIPE_PHRASE, WipeForm } from './WipeForm.js';
import { Dashboard } from './Dashboard.js';
import { ItemCard, type ItemActions } from './ItemCard.js';
import { CreateChecklist, PassphraseField, UnlockChecklist } from './PassphraseScreens.js';
import { CHECKLIST_CATEGORIES } from '../../../shared/checklist/categories.js';
import { STATUS_LABEL } from '../../../shared/checklist/items.js';

type View = 'overview' | 'items' | 'brokers' | 'settings';
const VIEWS: Array<[View, string]> = [
  ['overview', 'Overview'],
  ['items', 'My items'],
  ['brokers', 'People-search sites'],
  ['settings', 'Settings and backups'],
];

function RestoreForm({ busy, onRestore, onCancel }: { busy: boolean; onRestore(passphrase: string): void; onCancel(): void }) {
  const [passphrase, setPassphrase] = useState('');
  return (
    <section className="checklist-gate" aria-labelledby="restore-title">
      <h1 id="restore-title">Restore a checklist backup</h1>
      <p className="gate-lead">Type the passphrase the backup was made with, then choose the backup file. It replaces any checklist on this computer.</p>
      <form
        className="gate-form"
        onSubmit={(e) => {
          e.preventDefault();
          onRestore(passphrase);
        }}
      >
        <PassphraseField label="The backup’s passphrase" value={passphrase} onChange={setPassphrase} autoFocus autoComplete="current-password" />
        <div className="gate-actions">
          <button type="submit" className="button primary" disabled={busy || !passphrase}>
            Choose the backup file…
          </button>
          <button type="button" className="button ghost" onClick={onCancel}>
            Back
          </button>
        </div>
      </form>
    </section>
  );
}

function StartAgain({ busy, onWipe, onCancel }: { busy: boolean; onWipe(): void; onCancel(): void }) {
  return (
    <section className="checklist-gate" aria-labelledby="again-title">
      <h1 id="again-title">Delete the checklist and start again</h1>
      <p className="warning-box" role="note">
        Everything in the locked checklist on this computer is deleted for good. Backups you saved elsewhere are not touched.
      </p>
      <WipeForm busy={busy} onWipe={onWipe} onCancel={onCancel} autoFocus />
    </section>
  );
}

export function ChecklistArea({ model }: { model: ChecklistModel }) {
  const api = useApi();
  const { status, overview, busy, run } = model;
  const [view, setView] = useState<View>('overview');
  const [gate, setGate] = useState<'restore' | 'start-again' | null>(null);
  const [openItem, setOpenItem] = useState<string | null>(null);

  const messages = (
    <>
      {model.error && (
        <div className="notice notice-error" role="alert">
          <p>{model.error.message}</p>
          <button type="button" className="button ghost small" onClick={model.clearMessages}>
            Dismiss
          </button>
        </div>
      )}
      {model.notice && (
        <div className="notice notice-success" role="status">
          <p>{model.notice}</p>
        </div>
      )}
    </>
  );

  if (!status) return <p className="detail-empty">Opening your checklist…</p>;

  const restore = async (passphrase: string) => {
    const result = await run(async () => unwrap(await api.checklistImport({ passphrase })), { notice: (s) => (s ? 'The backup was restored and the checklist is open.' : null) });
    if (result) setGate(null);
  };
  const wipe = async () => {
    await run(async () => unwrap(await api.checklistWipe({ confirm: WIPE_PHRASE })), { notice: () => 'The checklist was deleted from this computer.' });
    setGate(null);
  };

  if (status.state !== 'unlocked' || !overview) {
    return (
      <div className="checklist-area">
        {messages}
        {gate === 'restore' ? (
          <RestoreForm busy={busy} onRestore={(p) => void restore(p)} onCancel={() => setGate(null)} />
        ) : gate === 'start-again' ? (
          <StartAgain busy={busy} onWipe={() => void wipe()} onCancel={() => setGate(null)} />
        ) : status.state === 'none' ? (
          <CreateChecklist
            canRemember={status.canRemember}
            busy={busy}
            onRestore={() => setGate('restore')}
            onCreate={(passphrase, confirm, remember) =>
              void run(async () => unwrap(await api.checklistCreate({ passphrase, confirm, ...(remember ? { remember } : {}) })), { notice: () => 'Your checklist is ready and unlocked.' })
            }
          />
        ) : (
          <UnlockChecklist
            status={status}
            busy={busy}
            lockedBecause={model.lockedBecause}
            onRestore={() => setGate('restore')}
            onStartAgain={() => setGate('start-again')}
            onUnlock={(passphrase, remember) =>
              void run(async () => unwrap(await api.checklistUnlock({ ...(passphrase !== undefined ? { passphrase } : {}), ...(remember ? { remember } : {}) })))
            }
          />
        )}
      </div>
    );
  }

  const actions: ItemActions = {
    record: (id, result) =>
      void run(async () => unwrap(await api.checklistRecordCheck({ id, status: result })), { reload: true, notice: (item) => `Recorded: ${STATUS_LABEL[item.status]}${item.nextCheck ? `. Next look: ${item.nextCheck}` : ''}.` }),
    update: async (id, changes) => (await run(async () => unwrap(await api.checklistUpdateItem({ id, changes })), { reload: true, notice: () => 'Saved.' })) !== undefined,
    remove: (id) => void run(async () => unwrap(await api.checklistDeleteItem({ id })), { reload: true, notice: () => 'Deleted.' }),
    history: (id) => run(async () => unwrap(await api.checklistHistory({ id }))),
    addEvidence: (itemId) => void run(async () => unwrap(await api.checklistAddEvidence({ itemId })), { reload: true, notice: (e) => (e ? 'Screenshot kept, without its hidden information.' : null) }),
    evidenceImage: async (id) => (await run(async () => unwrap(await api.checklistEvidenceImage({ id }))))?.dataUrl,
    deleteEvidence: (id) => void run(async () => unwrap(await api.checklistDeleteEvidence({ id })), { reload: true }),
  };

  const showItem = (id: string) => {
    setView('items');
    setOpenItem(id);
    requestAnimationFrame(() => document.getElementById(`item-${id}`)?.scrollIntoView({ block: 'center' }));
  };

  return (
    <div className="checklist-area">
      <div className="checklist-header">
        <h1 className="checklist-title">My exposure checklist</h1>
        <nav className="checklist-tabs" aria-label="Checklist">
          {VIEWS.map(([id, label]) => (
            <button key={id} type="button" className={`tab${view === id ? ' current' : ''}`} aria-current={view === id ? 'page' : undefined} onClick={() => setView(id)}>
              {label}
            </button>
          ))}
        </nav>
        <button type="button" className="button secondary" onClick={() => void run(async () => unwrap(await api.checklistLock({})))}>
          Lock
        </button>
      </div>
      <p className="field-hint checklist-scan-note">Unlocked: photos you check now are also compared with your checklist.</p>
      {messages}
      {view === 'overview' && <Dashboard overview={overview} onShowItem={showItem} onRecord={actions.record} onGoTo={setView} />}
      {view === 'items' && (
        <section aria-labelledby="items-title">
          <h2 id="items-title" className="visually-hidden">
            My items
          </h2>
          <AddItemForm
            busy={busy}
            onAdd={async (item) => (await run(async () => unwrap(await api.checklistAddItem({ item })), { reload: true, notice: () => 'Added to your checklist.' })) !== undefined}
            onPlaceFromPhoto={() => run(async () => unwrap(await api.checklistPlaceFromPhoto({})))}
          />
          {CHECKLIST_CATEGORIES.map((category) => {
            const items = overview.items.filter((i) => i.category === category.id);
            if (items.length === 0) return null;
            return (
              <div key={category.id} className="item-group">
                <h3>{category.title}</h3>
                <ul className="item-list">
                  {items.map((item) => (
                    <ItemCard key={item.id} item={item} overview={overview} actions={actions} busy={busy} open={openItem === item.id} onToggle={() => setOpenItem(openItem === item.id ? null : item.id)} />
                  ))}
                </ul>
              </div>
            );
          })}
        </section>
      )}
      {view === 'brokers' && (
        <BrokersView
          overview={overview}
          busy={busy}
          onOpen={(brokerId, page) => void run(async () => unwrap(await api.checklistOpenBrokerPage({ brokerId, page })), { notice: () => 'Opened in your web browser.' })}
          onAdd={(brokerIds) => void run(async () => unwrap(await api.checklistAddBrokers({ brokerIds })), { reload: true, notice: (r) => `${r.added} site${r.added === 1 ? '' : 's'} added to your checklist.` })}
        />
      )}
      {view === 'settings' && (
        <ChecklistSettings
          status={status}
          busy={busy}
          onAutoLock={(minutes) => void run(async () => unwrap(await api.checklistSetAutoLock({ minutes })), { notice: () => 'Saved.' })}
          onRemember={(remember) => void run(async () => unwrap(await api.checklistSetRemember({ remember })))}
          onChangePassphrase={async (current, next, confirm) =>
            (await run(async () => unwrap(await api.checklistChangePassphrase({ current, next, confirm })), { notice: () => 'Passphrase changed.' })) !== undefined
          }
          onExport={async (passphrase) =>
            (await run(async () => unwrap(await api.checklistExport({ passphrase })), { notice: (r) => (r.path ? `Encrypted backup saved: ${r.path}` : null) })) !== undefined
          }
          onImport={async (passphrase) => {
            const done = await run(async () => unwrap(await api.checklistImport({ passphrase })), { notice: (s) => (s ? 'The backup was restored.' : null) });
            return done !== undefined && done !== null;
          }}
          onWipe={() => void wipe()}
        />
      )}
    </div>
  );
}
