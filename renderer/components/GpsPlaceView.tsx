// Where a photo was taken, in plain words and on a small offline map (drawn from Natural Earth
// outlines in the worker; shown as an SVG picture, so it can run and load nothing), with the
// accuracy the stored numbers and the device allow, never finer.
import type { GpsPlace } from '../../shared/place/types.js';
import { gpsMapDataUrl } from '../../shared/place/map-svg.js';

export function GpsPlaceView({ gps }: { gps: GpsPlace }) {
  const where = gps.place ? gps.place.text : 'a place the file records';
  const label = `Map: the photo was taken ${where}, ${gps.accuracy.words}`;
  return (
    <figure className="gps-place">
      <p className="gps-place-words">
        <span className="finding-label">Where it was taken:</span> {where}, {gps.accuracy.words}.
      </p>
      {gps.map && (
        <img className="gps-map" src={gpsMapDataUrl(gps.map, label)} width={gps.map.width} height={gps.map.height} alt={label} />
      )}
      {gps.map?.accuracyTooSmallToSee && <figcaption>The position is known more exactly than this map can show.</figcaption>}
      {gps.details.length > 0 && <p className="gps-place-details">Also stored: {gps.details.join('; ')}.</p>}
    </figure>
  );
}
