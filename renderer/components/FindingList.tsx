// A photo's findings as the issue of trust asks: one entry per kind of thing, worst first ("2
// licence plates", "The room could be recognised: bedding, patterns"), from the one grouping in
// shared/finding-groups.ts, then what the checks are unsure of under "Maybe, have a look" (not
// counted in the verdict). Each finding inside says what it is and, for an area of the picture,
// whether the safe copy covers it; pointing at a kind outlines all its areas on the preview.
import { groupFindings, type FindingGroup } from '../../shared/finding-groups.js';
import type { Finding } from '../../shared/findings.js';
import type { FileReport } from '../../shared/report.js';
import { formatValue, hasBox, isGpsValue, isRedactable, SEVERITY_LABEL } from '../state/present.js';
import { GpsPlaceView } from './GpsPlaceView.js';
import { SeverityIcon } from './Icons.js';

interface Props {
  report: FileReport;
  redact: Record<number, boolean>;
  embedded: Record<string, string>;
  onRedactChange(index: number, hide: boolean): void;
  /** The finding indexes to outline on the preview (empty: none). */
  onHighlight(indexes: number[]): void;
}

export function FindingList({ report, redact, embedded, onRedactChange, onHighlight }: Props) {
  const { groups, maybe } = groupFindings(report.findings);
  // Findings are keyed by their position in the report (visual ids can repeat across files).
  const indexOf = new Map<Finding, number>(report.findings.map((f, i) => [f, i]));
  const shownImages = new Set<string>();
  const render = (group: FindingGroup) => (
    <GroupEntry
      key={group.key}
      group={group}
      report={report}
      indexOf={indexOf}
      redact={redact}
      embedded={embedded}
      shownImages={shownImages}
      onRedactChange={onRedactChange}
      onHighlight={onHighlight}
    />
  );
  return (
    <div className="finding-groups">
      {groups.length > 0 && <ul className="finding-kinds" aria-label="Problems, worst first">{groups.map(render)}</ul>}
      {maybe.length > 0 && (
        <section className="finding-maybe" aria-labelledby="maybe-title">
          <h3 id="maybe-title" className="group-title">
            Maybe, have a look <span className="group-count">{maybe.length}</span>
          </h3>
          <p className="group-hint">The checks are not sure these are there. They do not count in the verdict; look at the picture and decide.</p>
          <ul className="finding-kinds">{maybe.map(render)}</ul>
        </section>
      )}
    </div>
  );
}

interface GroupProps {
  group: FindingGroup;
  report: FileReport;
  indexOf: Map<Finding, number>;
  redact: Record<number, boolean>;
  embedded: Record<string, string>;
  shownImages: Set<string>;
  onRedactChange(index: number, hide: boolean): void;
  onHighlight(indexes: number[]): void;
}

function GroupEntry({ group, report, indexOf, redact, embedded, shownImages, onRedactChange, onHighlight }: GroupProps) {
  const items = group.findings.map((finding) => ({ finding, index: indexOf.get(finding)! }));
  // Every area can be pointed at (a video's on the frame it was seen in); only a photo's are covered.
  const areas = items.filter(({ finding }) => hasBox(finding)).map(({ index }) => index);
  const coverable = items.filter(({ finding }) => isRedactable(finding)).map(({ index }) => index);
  const highlight = areas.length ? () => onHighlight(areas) : undefined;
  const unhighlight = areas.length ? () => onHighlight([]) : undefined;
  const card = (item: (typeof items)[number], compact: boolean) => {
    const image = embedded[item.finding.id];
    const showImage = image !== undefined && !shownImages.has(item.finding.id);
    if (showImage) shownImages.add(item.finding.id);
    return (
      <FindingCard
        key={item.index}
        finding={item.finding}
        index={item.index}
        compact={compact}
        hide={redact[item.index] === true}
        image={showImage ? image : undefined}
        imageLabel={report.embeddedImages.find((e) => e.findingId === item.finding.id)?.label}
        gps={item.finding.id === 'gps.position' ? report.gps : undefined}
        onRedactChange={onRedactChange}
        onHighlight={onHighlight}
      />
    );
  };
  if (items.length === 1) {
    return (
      <li className={`finding-kind single sev-${group.severity}${group.maybe ? ' maybe' : ''}`}>
        <ul className="finding-list">{card(items[0]!, false)}</ul>
      </li>
    );
  }
  const titleId = `kind-${group.key.replace(/[^a-z0-9-]/gi, '-')}`;
  const covered = coverable.filter((i) => redact[i] === true).length;
  return (
    <li className={`finding-kind sev-${group.severity}${group.maybe ? ' maybe' : ''}`} aria-labelledby={titleId} onMouseEnter={highlight} onMouseLeave={unhighlight}>
      <div className="finding-head">
        <SeverityBadge severity={group.severity} maybe={group.maybe} />
        <h4 id={titleId} className="kind-title">
          {group.summary}
        </h4>
      </div>
      <p className="finding-explanation">{group.explanation}</p>
      <p className="finding-action">
        <span className="finding-label">What to do:</span> {group.action}
        {coverable.length > 0 && ` The safe copy covers ${covered} of ${coverable.length} of these areas.`}
      </p>
      <details className="kind-items" open={items.length <= 3}>
        <summary onFocus={highlight} onBlur={unhighlight}>{`Each one (${items.length})`}</summary>
        <ul className="finding-list">{items.map((item) => card(item, true))}</ul>
      </details>
    </li>
  );
}

function SeverityBadge({ severity, maybe }: { severity: FindingGroup['severity']; maybe: boolean }) {
  return (
    <span className={`sev-badge sev-${severity}`}>
      <SeverityIcon severity={severity} />
      {maybe ? 'Maybe' : SEVERITY_LABEL[severity]}
    </span>
  );
}

const READABLE = new Set<string>(['text', 'licence-plate', 'code']);

interface CardProps {
  finding: Finding;
  index: number;
  /** Inside a kind's list: the kind already says why it matters and what to do. */
  compact: boolean;
  hide: boolean;
  image: string | undefined;
  imageLabel: string | undefined;
  /** The position's place and map, on the GPS position's card. */
  gps: FileReport['gps'];
  onRedactChange(index: number, hide: boolean): void;
  onHighlight(indexes: number[]): void;
}

function FindingCard({ finding, index, compact, hide, image, imageLabel, gps, onRedactChange, onHighlight }: CardProps) {
  // A hidden picture's technical description adds nothing once the picture itself is shown.
  // A visual finding's value is the detector's label ("car"), which says nothing the title does
  // not; only read text, plates and codes are worth showing.
  const hideValue = (image && finding.category === 'hidden-image') || (finding.source === 'visual' && !READABLE.has(finding.category));
  const value = hideValue ? null : formatValue(finding.value);
  const redactable = isRedactable(finding);
  const pointable = hasBox(finding);
  const titleId = `finding-${index}-title`;
  const highlight = pointable ? () => onHighlight([index]) : undefined;
  const unhighlight = pointable ? () => onHighlight([]) : undefined;
  return (
    <li
      className={`finding sev-${finding.severity}${pointable ? ' finding-visual' : ''}${compact ? ' compact' : ''}`}
      aria-labelledby={titleId}
      onMouseEnter={highlight}
      onMouseLeave={unhighlight}
      onFocus={highlight}
      onBlur={unhighlight}
    >
      <div className="finding-head">
        {!compact && <SeverityBadge severity={finding.severity} maybe={finding.maybe === true} />}
        <h4 id={titleId} className="finding-title">
          {finding.title}
        </h4>
      </div>
      {finding.time !== undefined && finding.where && <p className="finding-where">{`Seen in the video: ${finding.where.toLowerCase()}`}</p>}
      {!compact && <p className="finding-explanation">{finding.explanation}</p>}
      {value && (
        <p className="finding-value">
          <span className="finding-label">{isGpsValue(finding.value) ? 'Location stored:' : 'What it says:'}</span> <span className="value-text">{value}</span>
        </p>
      )}
      {gps && <GpsPlaceView gps={gps} />}
      {image && (
        <figure className="hidden-image">
          <img src={image} alt={`Hidden picture stored inside the file${imageLabel ? ` (${imageLabel})` : ''}`} />
          <figcaption>
            This picture is hidden inside the file{imageLabel ? ` (${imageLabel})` : ''}. It can show what the photo looked like before it was cropped or edited.
          </figcaption>
        </figure>
      )}
      <p className="finding-action">
        <span className="finding-label">What the safe copy does:</span>{' '}
        {redactable ? (hide ? 'Covers this part of the picture.' : 'Leaves this part of the picture as it is.') : finding.action}
      </p>
      {redactable && (
        <label className="checkbox redact-toggle">
          <input type="checkbox" checked={hide} aria-describedby={titleId} onChange={(e) => onRedactChange(index, e.target.checked)} />
          Hide this in the safe copy
        </label>
      )}
    </li>
  );
}
