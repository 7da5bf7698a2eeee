// The checklist at a glance: how much is still out there, what is due for a look (with the one
// next step for each), what came back online, and a small chart of progress week by week with a
// text version beside it for screen readers.
import type { ChecklistOverview } from '../../../shared/api/contract.js';
import type { ProgressPoint } from '../../../shared/checklist/dashboard.js';
import { STATUS_LABEL, type ChecklistItem } from '../../../shared/checklist/items.js';
import { itemName } from './names.js';

interface Props {
  overview: ChecklistOverview;
  onShowItem(id: string): void;
  onRecord(id: string, status: 'reappeared' | 'removed' | 'found' | 'not-found'): void;
  onGoTo(view: 'items' | 'brokers'): void;
}

function ProgressChart({ points }: { points: ProgressPoint[] }) {
  const max = Math.max(1, ...points.map((p) => p.exposed + p.cleared));
  const w = 24;
  const h = 90;
  return (
    <figure className="progress-chart">
      <svg viewBox={`0 0 ${points.length * w} ${h + 16}`} role="img" aria-labelledby="progress-caption" preserveAspectRatio="none">
        {points.map((p, i) => {
          const cleared = (p.cleared / max) * h;
          const exposed = (p.exposed / max) * h;
          return (
            <g key={p.week}>
              <rect className="bar-cleared" x={i * w + 4} y={h - cleared} width={w - 8} height={cleared} />
              <rect className="bar-exposed" x={i * w + 4} y={h - cleared - exposed} width={w - 8} height={exposed} />
            </g>
          );
        })}
      </svg>
      <figcaption id="progress-caption">
        Last {points.length} weeks: <span className="key key-exposed">still out there</span> and <span className="key key-cleared">removed or not found</span>. Now:{' '}
        {points.at(-1)?.exposed ?? 0} out there, {points.at(-1)?.cleared ?? 0} cleared; {points.length} weeks ago: {points[0]?.exposed ?? 0} out there,{' '}
        {points[0]?.cleared ?? 0} cleared.
      </figcaption>
    </figure>
  );
}

function ItemLine({ item, overview, children, onShowItem }: { item: ChecklistItem; overview: ChecklistOverview; children?: React.ReactNode; onShowItem(id: string): void }) {
  return (
    <li className="dash-item">
      <button type="button" className="link-button" onClick={() => onShowItem(item.id)}>
        {itemName(item, overview)}
      </button>
      <span className={`status-chip status-${item.status}`}>{STATUS_LABEL[item.status]}</span>
      {children}
    </li>
  );
}

export function Dashboard({ overview, onShowItem, onRecord, onGoTo }: Props) {
  const { dashboard, items } = overview;
  const byId = new Map(items.map((i) => [i.id, i]));
  const due = dashboard.dueIds.map((id) => byId.get(id)).filter((i): i is ChecklistItem => i !== undefined);
  const back = dashboard.reappearedIds.map((id) => byId.get(id)).filter((i): i is ChecklistItem => i !== undefined);
  if (items.length === 0) {
    return (
      <section className="dashboard" aria-labelledby="dash-title">
        <h2 id="dash-title">Start your checklist</h2>
        <p>Two good first steps: add your home address and your licence plate (photos you check will be compared with them), then look yourself up on the people-search sites.</p>
        <div className="gate-actions">
          <button type="button" className="button primary" onClick={() => onGoTo('items')}>
            Add what to protect
          </button>
          <button type="button" className="button secondary" onClick={() => onGoTo('brokers')}>
            See the people-search sites
          </button>
        </div>
      </section>
    );
  }
  return (
    <section className="dashboard" aria-labelledby="dash-title">
      <h2 id="dash-title" className="visually-hidden">
        Overview
      </h2>
      <div className="dash-counts">
        <p className={`dash-count ${dashboard.exposed ? 'tone-high' : 'tone-safe'}`}>
          <strong>{dashboard.exposed}</strong> still out there
        </p>
        <p className={`dash-count ${due.length ? 'tone-medium' : ''}`}>
          <strong>{due.length}</strong> due for a look
        </p>
        <p className="dash-count tone-safe">
          <strong>{dashboard.cleared}</strong> removed or not found
        </p>
        <p className="dash-count">
          <strong>{dashboard.byStatus['not-checked']}</strong> not checked yet
        </p>
      </div>
      {back.length > 0 && (
        <div className="dash-block">
          <h3>Back online after a removal</h3>
          <p className="field-hint">This is common: people-search sites relist people from new records. Ask for removal again.</p>
          <ul className="dash-list">
            {back.map((item) => (
              <ItemLine key={item.id} item={item} overview={overview} onShowItem={onShowItem} />
            ))}
          </ul>
        </div>
      )}
      <div className="dash-block">
        <h3>Due for a look</h3>
        {due.length === 0 ? (
          <p className="field-hint">Nothing is due today.</p>
        ) : (
          <ul className="dash-list">
            {due.map((item) => (
              <ItemLine key={item.id} item={item} overview={overview} onShowItem={onShowItem}>
                <span className="dash-actions">
                  <button type="button" className="button ghost small" onClick={() => onRecord(item.id, 'found')}>
                    Still there
                  </button>
                  <button type="button" className="button ghost small" onClick={() => onRecord(item.id, 'not-found')}>
                    Not there
                  </button>
                  {(item.status === 'removed' || item.status === 'not-found') && (
                    <button type="button" className="button ghost small" onClick={() => onRecord(item.id, 'reappeared')}>
                      Back online
                    </button>
                  )}
                </span>
              </ItemLine>
            ))}
          </ul>
        )}
      </div>
      <div className="dash-block">
        <h3>Progress</h3>
        <ProgressChart points={dashboard.progress} />
      </div>
    </section>
  );
}
