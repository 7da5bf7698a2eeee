// "Before you go live": choose what to watch, scan the room, then keep the live guard on while
// streaming. The live picture stays on screen; frames go to the checks and are not kept.
import { useEffect, useRef } from 'react';
import { useStreamGuard } from '../../hooks/useStreamGuard.js';
import { BudgetSetting, DelayAdvice, LiveGuard } from './LiveGuard.js';
import { RoomScanReport } from './RoomScanReport.js';
import { SourcePicker } from './SourcePicker.js';

export function StreamArea() {
  const model = useStreamGuard();
  const { phase, room } = model;
  const verdictShown = useRef(false);
  // The verdict takes focus when it arrives, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (phase === 'room-done' && !verdictShown.current) document.getElementById('room-verdict')?.focus();
    verdictShown.current = phase === 'room-done';
  }, [phase]);

  const startButtons = (
    <div className="stream-start">
      <button type="button" className="button primary" onClick={model.startRoomScan}>
        {room ? 'Scan the room again' : 'Scan the room'}
      </button>
      <button type="button" className="button secondary" onClick={model.startGuard}>
        Start the live guard
      </button>
    </div>
  );

  return (
    <div className="stream-area">
      <header>
        <h1>Before you go live</h1>
        <p className="gate-lead">Viewers have found streamers from what sits behind them: a window's view, a parcel's label, a screen. Scan the room first, then keep the guard on while you stream.</p>
      </header>
      {model.error && (
        <div className="notice notice-error" role="alert">
          <p>{model.error}</p>
        </div>
      )}
      <div className="stream-layout">
        <section className="stream-source" aria-label="Your picture">
          <SourcePicker model={model} />
          <video ref={model.videoRef} className="stream-video" autoPlay muted playsInline hidden={!model.capture} aria-label="Your live picture" />
        </section>
        <section className="stream-checks" aria-label="Checks">
          {phase === 'choose' && <p className="stream-hint">Choose a camera, a screen or a window first. Nothing is recorded: frames are checked on this computer and let go.</p>}
          {phase === 'ready' && (
            <>
              <p>The room scan looks at the picture for a few seconds with every check and tells you what to fix before going live.</p>
              {startButtons}
              <BudgetSetting model={model} />
              <DelayAdvice />
            </>
          )}
          {phase === 'room-scan' && (
            <div className="stream-progress" role="status">
              <p>
                {model.loading || !model.roomProgress
                  ? 'Scanning the room: getting the checks ready…'
                  : `Scanning the room: ${model.roomProgress.passes} of ${model.roomProgress.needed} looks done. Keep the picture as it will be when you are live.`}
              </p>
              <progress max={model.roomProgress?.needed ?? 1} value={model.roomProgress?.passes ?? 0} aria-label="Room scan" />
              <button type="button" className="button ghost" onClick={model.stop}>
                Stop the scan
              </button>
            </div>
          )}
          {phase === 'room-done' && room && (
            <>
              <RoomScanReport report={room} />
              {startButtons}
            </>
          )}
          {phase === 'guard' && <LiveGuard model={model} />}
        </section>
      </div>
    </div>
  );
}
