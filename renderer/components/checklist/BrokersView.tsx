// The starter list of people-search sites: where to look yourself up, where to ask for removal,
// what removal asks of you, and the sites run by the same company. Pages open in the system
// browser. The facts are dated, and the screen says plainly that sites change.
import type { ChecklistOverview } from '../../../shared/api/contract.js';
import { NEED_LABEL } from '../../../shared/checklist/brokers.js';

interface Props {
  overview: ChecklistOverview;
  busy: boolean;
  onOpen(brokerId: string, page: 'search' | 'optOut'): void;
  onAdd(brokerIds: string[]): void;
}

export function BrokersView({ overview, busy, onOpen, onAdd }: Props) {
  const present = new Set(overview.items.map((i) => i.brokerId).filter(Boolean));
  const startHere = overview.brokers.filter((b) => b.priority === 'crucial' && !present.has(b.id)).map((b) => b.id);
  return (
    <section aria-labelledby="brokers-title">
      <h2 id="brokers-title">People-search sites</h2>
      <p className="gate-lead">
        These sites sell or show home addresses, phone numbers and relatives to anyone who searches a name. Look yourself up, ask each one
        to remove you, then look again later: listings often come back. Only you can tell whether a listing is really you.
      </p>
      <p className="field-hint">
        Written {overview.brokerFactsWritten} from public opt-out lists. Sites change their removal pages often: if a page does not match,
        look for “opt out”, “privacy” or “do not sell” on the site.
      </p>
      {startHere.length > 0 && (
        <button type="button" className="button primary" disabled={busy} onClick={() => onAdd(startHere)}>
          Add the {startHere.length} “start here” sites to my checklist
        </button>
      )}
      <ul className="broker-list">
        {overview.brokers.map((b) => (
          <li key={b.id} className="broker-card">
            <div className="item-head">
              <h3 className="item-name">{b.name}</h3>
              {b.priority === 'crucial' && <span className="status-chip">Start here</span>}
              {present.has(b.id) && <span className="status-chip status-opt-out-submitted">On your checklist</span>}
            </div>
            <p>{b.note}</p>
            {b.needs.length > 0 && <p className="field-hint">Removal needs: {b.needs.map((n) => NEED_LABEL[n]).join('; ')}.</p>}
            {b.sisterSites.length > 0 && <p className="field-hint">Same company: {b.sisterSites.join(', ')}.</p>}
            <p className="field-hint">Look again every {b.recheckDays} days.</p>
            <div className="quick-checks">
              <button type="button" className="button secondary small" onClick={() => onOpen(b.id, 'search')}>
                Look myself up
              </button>
              <button type="button" className="button secondary small" onClick={() => onOpen(b.id, 'optOut')}>
                Ask for removal
              </button>
              {!present.has(b.id) && (
                <button type="button" className="button ghost small" disabled={busy} onClick={() => onAdd([b.id])}>
                  Add to my checklist
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
