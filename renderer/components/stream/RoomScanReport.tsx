// The room scan's report, read like a photo's: the verdict first ("Fix these first" or "Ready to go
// live", never "safe"), findings drawn on the last frame looked at, a fix for each, and what was
// and was not checked.
import { SEVERITY_RANK } from '../../../shared/findings.js';
import type { StreamTrack } from '../../../shared/stream/port-messages.js';
import type { RoomReport } from '../../hooks/useStreamGuard.js';
import { SEVERITY_LABEL } from '../../state/present.js';
import { StillWithBoxes } from './StillWithBoxes.js';

/** One entry per kind of thing (several patterns are one entry with their places), as a photo's findings are. */
function byKind(tracks: StreamTrack[]): StreamTrack[][] {
  const groups = new Map<string, StreamTrack[]>();
  for (const t of tracks) {
    const key = `${t.category}|${t.maybe}|${t.value ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  return [...groups.values()];
}

function KindItem({ tracks }: { tracks: StreamTrack[] }) {
  const [track] = tracks as [StreamTrack];
  const places = [...new Set(tracks.map((t) => t.where))];
  return (
    <li className={`finding sev-${track.severity}${track.maybe ? ' maybe' : ''}`}>
      <span className={`sev-badge sev-${track.severity}`}>{track.maybe ? 'Maybe' : SEVERITY_LABEL[track.severity]}</span>
      <div className="stream-finding-text">
        <h4>
          {track.title}
          {track.value ? `: "${track.value}"` : ''}
          {tracks.length > 1 ? ` (${tracks.length} places)` : ''}
        </h4>
        <p>
          Where: {places.join('; ')}. {track.explanation}
        </p>
        <p className="stream-fix">
          <strong>Fix:</strong> {track.action}
        </p>
      </div>
    </li>
  );
}

function KindList({ tracks, label }: { tracks: StreamTrack[]; label?: string }) {
  return (
    <ul className="finding-list" aria-label={label}>
      {byKind(tracks).map((group) => (
        <KindItem key={group[0]!.id} tracks={group} />
      ))}
    </ul>
  );
}

export function RoomScanReport({ report }: { report: RoomReport }) {
  const ranked = [...report.tracks].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.id - b.id);
  const serious = ranked.filter((t) => t.alert && !t.maybe);
  const kinds = byKind(serious).length;
  const others = ranked.filter((t) => !serious.includes(t) && !t.maybe);
  const maybe = ranked.filter((t) => t.maybe);
  const incomplete = report.failed.length > 0 || report.checked.length === 0;
  const verdict = serious.length > 0 ? 'Fix these first' : incomplete ? 'Not fully checked' : 'Ready to go live';
  return (
    <section className="stream-report" aria-labelledby="room-verdict">
      <div className={`stream-verdict ${serious.length > 0 ? 'verdict-fix' : incomplete ? 'verdict-unsure' : 'verdict-ready'}`}>
        <h3 id="room-verdict" tabIndex={-1}>
          {verdict}
        </h3>
        <p>
          {serious.length > 0
            ? `${kinds === 1 ? 'One thing' : `${kinds} things`} in the picture could help someone find where you are. Move or cover ${serious.length === 1 ? 'it' : 'them'}, then scan the room again.`
            : incomplete
              ? 'Some checks could not run, so nothing can be said about what they look for. Scan the room again.'
              : 'The checks below found nothing serious in what the camera saw. They cannot promise that nothing else could be recognised: look at the picture yourself too.'}
        </p>
      </div>
      <StillWithBoxes src={report.still} width={report.width} height={report.height} tracks={ranked} alt="The last frame the room scan looked at, with what it found outlined" />
      {serious.length > 0 && <KindList tracks={serious} label="Fix before going live" />}
      {others.length > 0 && (
        <>
          <h4>Also seen</h4>
          <KindList tracks={others} />
        </>
      )}
      {maybe.length > 0 && (
        <>
          <h4>Maybe, have a look</h4>
          <KindList tracks={maybe} />
        </>
      )}
      <div className="stream-checked">
        <p>
          <strong>What was checked:</strong> {report.checked.length > 0 ? report.checked.join(', ') : 'nothing could be checked'}, on a few frames over a few seconds. Only what was in the picture then was seen.
        </p>
        {report.notChecked.length > 0 && (
          <p>
            <strong>Not checked:</strong> {report.notChecked.join(', ')}.
          </p>
        )}
        {report.failed.length > 0 && (
          <p>
            <strong>These checks failed, so they were not done:</strong> {report.failed.join(', ')}.
          </p>
        )}
      </div>
    </section>
  );
}
