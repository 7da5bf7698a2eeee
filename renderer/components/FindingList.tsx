// A photo's findings, worst first, grouped under a heading per severity. Each says what it is, why
// it matters, the value where it helps, and what the safe copy does. Visual findings with a box
// can be kept out of the safe copy or not; hovering or focusing one highlights its box.
import type { FileReport } from '../../shared/report.js';
import { formatValue, groupBySeverity, hasBox, isGpsValue, isRedactable, SEVERITY_HINT, SEVERITY_LABEL, type IndexedFinding } from '../state/present.js';
import { SeverityIcon } from './Icons.js';

interface Props {
  report: FileReport;
  redact: Record<number, boolean>;
  /** Finding index -> the number drawn on its box. */
  boxNumbers: Record<number, number>;
  embedded: Record<string, string>;
  onRedactChange(index: number, hide: boolean): void;
  onHighlight(index: number | null): void;
}

export function FindingList({ report, redact, boxNumbers, embedded, onRedactChange, onHighlight }: Props) {
  const groups = groupBySeverity(report.findings);
  // Each hidden image is shown once, with the first finding that reports it.
  const shownImages = new Set<string>();
  return (
    <div className="finding-groups">
      {groups.map((group) => (
        <section key={group.severity} className={`finding-group sev-${group.severity}`} aria-labelledby={`group-${group.severity}`}>
          <h3 id={`group-${group.severity}`} className="group-title">
            <span className={`sev-badge sev-${group.severity}`}>
              <SeverityIcon severity={group.severity} />
              {SEVERITY_LABEL[group.severity]}
            </span>
            <span className="group-count">{group.items.length}</span>
            <span className="group-hint">{SEVERITY_HINT[group.severity]}</span>
          </h3>
          <ul className="finding-list">
            {group.items.map((item) => {
              const image = embedded[item.finding.id];
              const showImage = image !== undefined && !shownImages.has(item.finding.id);
              if (showImage) shownImages.add(item.finding.id);
              return (
                <FindingCard
                  key={item.index}
                  item={item}
                  hide={redact[item.index] === true}
                  boxNumber={boxNumbers[item.index]}
                  image={showImage ? image : undefined}
                  imageLabel={report.embeddedImages.find((e) => e.findingId === item.finding.id)?.label}
                  onRedactChange={onRedactChange}
                  onHighlight={onHighlight}
                />
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}

const READABLE = new Set<string>(['text', 'licence-plate', 'code']);

interface CardProps {
  item: IndexedFinding;
  hide: boolean;
  boxNumber: number | undefined;
  image: string | undefined;
  imageLabel: string | undefined;
  onRedactChange(index: number, hide: boolean): void;
  onHighlight(index: number | null): void;
}

function FindingCard({ item, hide, boxNumber, image, imageLabel, onRedactChange, onHighlight }: CardProps) {
  const { finding, index } = item;
  // A hidden picture's technical description adds nothing once the picture itself is shown.
  // A visual finding's value is the detector's label ("car"), which says nothing the title does
  // not; only read text, plates and codes are worth showing.
  const hideValue = (image && finding.category === 'hidden-image') || (finding.source === 'visual' && !READABLE.has(finding.category));
  const value = hideValue ? null : formatValue(finding.value);
  const redactable = isRedactable(finding);
  const pointable = hasBox(finding);
  const titleId = `finding-${index}-title`;
  const highlight = pointable ? () => onHighlight(index) : undefined;
  const unhighlight = pointable ? () => onHighlight(null) : undefined;
  return (
    <li
      className={`finding sev-${finding.severity}${pointable ? ' finding-visual' : ''}`}
      aria-labelledby={titleId}
      onMouseEnter={highlight}
      onMouseLeave={unhighlight}
      onFocus={highlight}
      onBlur={unhighlight}
    >
      <h4 id={titleId} className="finding-title">
        {boxNumber !== undefined && (
          <span className="box-number" aria-label={`Area ${boxNumber} in the picture`}>
            {boxNumber}
          </span>
        )}
        {finding.title}
      </h4>
      {finding.time !== undefined && finding.where && <p className="finding-where">{`Seen in the video: ${finding.where.toLowerCase()}`}</p>}
      <p className="finding-explanation">{finding.explanation}</p>
      {value && (
        <p className="finding-value">
          <span className="finding-label">{isGpsValue(finding.value) ? 'Location stored:' : 'What it says:'}</span> <span className="value-text">{value}</span>
        </p>
      )}
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
        {redactable && !hide ? 'Leaves this part of the picture as it is, because you chose not to hide it.' : finding.action}
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
