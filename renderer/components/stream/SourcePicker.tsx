// Choosing what to watch: a camera (OBS's virtual camera is one, when OBS has started it), or a
// screen or window (the desktop app lists them). Capture starts only after this choice.
import type { StreamGuardModel } from '../../hooks/useStreamGuard.js';

export function SourcePicker({ model }: { model: StreamGuardModel }) {
  const { cameras, screens, capture, sourceName } = model;
  return (
    <div className="stream-source-picker">
      <h2>What your viewers will see</h2>
      {capture && sourceName && (
        <p className="stream-watching">
          Watching: <strong>{sourceName}</strong>
        </p>
      )}
      <div className="stream-source-actions">
        <button type="button" className={`button ${capture ? 'secondary' : 'primary'}`} onClick={() => void model.openCamera()}>
          Use a camera
        </button>
        <button type="button" className="button secondary" onClick={() => void model.listScreens()}>
          Watch a screen or window
        </button>
      </div>
      {cameras.length > 1 && (
        <label className="stream-field">
          Camera
          <select value={capture?.getVideoTracks()[0]?.getSettings().deviceId ?? ''} onChange={(e) => void model.openCamera(e.target.value)}>
            {cameras.map((c) => (
              <option key={c.deviceId} value={c.deviceId}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <p className="stream-hint">To check exactly what you stream, start OBS's virtual camera and choose "OBS Virtual Camera" here.</p>
      {screens !== null &&
        (screens.length === 0 ? (
          <p className="stream-hint">No screen or window can be watched here. In the desktop app they are listed here; otherwise use a camera.</p>
        ) : (
          <ul className="stream-screens" aria-label="Screens and windows">
            {screens.map((s) => (
              <li key={s.id}>
                <button type="button" className="button ghost small" onClick={() => void model.openScreen(s)}>
                  {s.kind === 'screen' ? 'Screen' : 'Window'}: {s.name}
                </button>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
