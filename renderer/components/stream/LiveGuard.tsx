// The live guard: a clear "guard on" indicator with one-click stop, the alerts (what, where, a still
// of the region; marked when the thing left the picture), the CPU budget, sound and notification,
// and the advice to set a stream delay so an alert can come before viewers see the frame.
import { BUDGETS, DEFAULT_BUDGET } from '../../../shared/stream/schedule.js';
import type { StreamAlert, StreamGuardModel } from '../../hooks/useStreamGuard.js';
import { SEVERITY_LABEL } from '../../state/present.js';

const BUDGET_LABEL = (b: number) => `${b} a second${b === DEFAULT_BUDGET ? ' (default: leaves a core free for streaming)' : b < DEFAULT_BUDGET ? ' (lightest)' : ' (uses most of one core)'}`;

function AlertCard({ alert }: { alert: StreamAlert }) {
  const { track } = alert;
  return (
    <li className={`stream-alert sev-${track.severity}${alert.cleared ? ' cleared' : ''}`}>
      <img className="stream-alert-still" src={alert.still} alt={`Where it was seen: ${track.where}`} />
      <div>
        <p className="stream-alert-state">{alert.cleared ? 'Gone from the picture' : 'In the picture now'}</p>
        <h4>
          <span className={`sev-badge sev-${track.severity}`}>{SEVERITY_LABEL[track.severity]}</span> {track.title}
          {track.value ? `: "${track.value}"` : ''}
        </h4>
        <p>
          Where: {track.where}. {track.explanation}
        </p>
        {!alert.cleared && (
          <p className="stream-fix">
            <strong>Fix:</strong> {track.action}
          </p>
        )}
      </div>
    </li>
  );
}

export function BudgetSetting({ model }: { model: StreamGuardModel }) {
  return (
    <label className="stream-field">
      Frames checked a second
      <select value={model.budget} onChange={(e) => model.setBudget(Number(e.target.value))}>
        {BUDGETS.map((b) => (
          <option key={b} value={b}>
            {BUDGET_LABEL(b)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function DelayAdvice() {
  return (
    <p className="stream-hint">
      Any check takes longer than a frame takes to reach your viewers. In OBS, set a stream delay of a few seconds (Settings, Advanced, Stream Delay) so an alert comes before they see the
      picture.
    </p>
  );
}

export function LiveGuard({ model }: { model: StreamGuardModel }) {
  const active = model.alerts.filter((a) => !a.cleared);
  const earlier = model.alerts.filter((a) => a.cleared);
  return (
    <section className="stream-guard" aria-label="Live guard">
      <div className="guard-bar">
        <div>
          <p className="guard-indicator" role="status">
            <span className="guard-dot" aria-hidden="true" />
            {model.loading ? 'Guard starting: getting the checks ready…' : `Guard on: watching ${model.sourceName ?? 'the picture'}.`}
          </p>
          {/* Outside the live region: a screen reader is not told of every frame. */}
          {!model.loading && (
            <p className="stream-hint">
              {model.framesLooked} frame{model.framesLooked === 1 ? '' : 's'} checked.
            </p>
          )}
        </div>
        <button type="button" className="button primary" onClick={model.stop}>
          Stop the guard
        </button>
      </div>
      {model.paused !== null && (
        <p className="notice notice-warning" role="status">
          Paused: the computer is too busy. The guard looks again in about {model.paused} second{model.paused === 1 ? '' : 's'}. Choose fewer frames a second below to keep it watching.
        </p>
      )}
      <div role="alert" aria-live="assertive">
        {active.length > 0 && <h3 className="stream-alert-heading">Check your stream now</h3>}
        {active.length > 0 && (
          <ul className="stream-alerts" aria-label="Alerts">
            {active.map((a) => (
              <AlertCard key={a.track.id} alert={a} />
            ))}
          </ul>
        )}
      </div>
      {active.length === 0 && !model.loading && <p className="stream-quiet">No alert now. That is not a promise: the guard looks for fewer things than the room scan, and not at every frame.</p>}
      {earlier.length > 0 && (
        <>
          <h3>Earlier alerts</h3>
          <ul className="stream-alerts" aria-label="Earlier alerts">
            {earlier.map((a) => (
              <AlertCard key={a.track.id} alert={a} />
            ))}
          </ul>
        </>
      )}
      <fieldset className="stream-options">
        <legend>Guard settings</legend>
        <BudgetSetting model={model} />
        <label className="checkbox">
          <input type="checkbox" checked={model.sound} onChange={(e) => model.setSound(e.target.checked)} /> Play a sound with an alert
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={model.notify} onChange={(e) => model.setNotify(e.target.checked)} /> Show a system notification with an alert
        </label>
      </fieldset>
      <DelayAdvice />
    </section>
  );
}
