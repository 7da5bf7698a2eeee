// Adding one thing to the checklist: what kind it is, its value, an optional name for it, and for
// a place its position (typed, or taken from one of the user's own photos) and warning radius.
import { useId, useState } from 'react';
import { CHECKLIST_CATEGORIES, checklistCategory } from '../../../shared/checklist/categories.js';
import { DEFAULT_PLACE_RADIUS_M, type NewItem } from '../../../shared/checklist/items.js';

interface Props {
  busy: boolean;
  onAdd(item: NewItem): Promise<boolean>;
  onPlaceFromPhoto(): Promise<{ latitude: number; longitude: number; precisionMeters: number } | null | undefined>;
}

const GROUPS = [
  ['about-you', 'About you'],
  ['online', 'Online'],
  ['records', 'Records and listings'],
] as const;

export function AddItemForm({ busy, onAdd, onPlaceFromPhoto }: Props) {
  const ids = { category: useId(), value: useId(), label: useId(), lat: useId(), lon: useId(), radius: useId(), url: useId() };
  const [category, setCategory] = useState('address');
  const [value, setValue] = useState('');
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState('');
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [radius, setRadius] = useState(String(DEFAULT_PLACE_RADIUS_M));
  const [fromPhoto, setFromPhoto] = useState<string | null>(null);
  const info = checklistCategory(category);
  const isPlace = category === 'place';
  const latitude = Number(lat);
  const longitude = Number(lon);
  const placeOk = !isPlace || (lat !== '' && lon !== '' && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 && Number(radius) >= 10);
  const ready = placeOk && (isPlace ? true : value.trim() !== '');

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!ready) return;
    const item: NewItem = {
      category: category as NewItem['category'],
      value: value.trim(),
      ...(label.trim() && !isPlace ? { label: label.trim() } : {}),
      ...(url.trim() ? { foundUrl: url.trim() } : {}),
      ...(isPlace ? { place: { latitude, longitude, radiusM: Number(radius) } } : {}),
    };
    if (await onAdd(item)) {
      setValue('');
      setLabel('');
      setUrl('');
      setLat('');
      setLon('');
      setFromPhoto(null);
    }
  }

  async function usePhoto() {
    const where = await onPlaceFromPhoto();
    if (!where) return;
    setLat(where.latitude.toFixed(6));
    setLon(where.longitude.toFixed(6));
    setFromPhoto(`Taken from your photo (accurate to about ${Math.max(1, Math.round(where.precisionMeters))} m).`);
  }

  return (
    <form className="add-item" onSubmit={submit} aria-labelledby="add-title">
      <h3 id="add-title">Add something to protect or check</h3>
      <div className="add-grid">
        <div className="field">
          <label htmlFor={ids.category} className="field-label">
            What is it?
          </label>
          <select id={ids.category} className="text-input" value={category} onChange={(e) => setCategory(e.target.value)}>
            {GROUPS.map(([group, title]) => (
              <optgroup key={group} label={title}>
                {CHECKLIST_CATEGORIES.filter((c) => c.group === group).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.value} className="field-label">
            {isPlace ? 'Name of the place' : 'What it says'}
          </label>
          <input id={ids.value} className="text-input" value={value} onChange={(e) => setValue(e.target.value)} placeholder={info?.valueHint} spellCheck={false} autoComplete="off" />
        </div>
        {!isPlace && (
          <div className="field">
            <label htmlFor={ids.label} className="field-label">
              A name for it (optional)
            </label>
            <input id={ids.label} className="text-input" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="e.g. Home, Old flat, Mum" autoComplete="off" />
          </div>
        )}
        {!isPlace && (
          <div className="field">
            <label htmlFor={ids.url} className="field-label">
              Where you found it online (optional)
            </label>
            <input id={ids.url} className="text-input" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" type="url" autoComplete="off" />
          </div>
        )}
      </div>
      {info?.match && info.match !== 'place' && <p className="field-hint">While the checklist is unlocked, photos you check are compared with this: a photo that shows it is flagged.</p>}
      {isPlace && (
        <fieldset className="place-fields">
          <legend>Where it is</legend>
          <p className="field-hint">Photos taken within the distance you choose are flagged, with how far from the place they were taken.</p>
          <div className="add-grid">
            <div className="field">
              <label htmlFor={ids.lat} className="field-label">
                Latitude
              </label>
              <input id={ids.lat} className="text-input" inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} placeholder="e.g. 43.46745" />
            </div>
            <div className="field">
              <label htmlFor={ids.lon} className="field-label">
                Longitude
              </label>
              <input id={ids.lon} className="text-input" inputMode="decimal" value={lon} onChange={(e) => setLon(e.target.value)} placeholder="e.g. 11.88513" />
            </div>
            <div className="field">
              <label htmlFor={ids.radius} className="field-label">
                Warn within (metres)
              </label>
              <input id={ids.radius} className="text-input" inputMode="numeric" value={radius} onChange={(e) => setRadius(e.target.value)} />
            </div>
          </div>
          <button type="button" className="button secondary small" disabled={busy} onClick={() => void usePhoto()}>
            Use where one of my photos was taken…
          </button>
          {fromPhoto && (
            <p className="field-hint" role="status">
              {fromPhoto}
            </p>
          )}
        </fieldset>
      )}
      <div className="gate-actions">
        <button type="submit" className="button primary" disabled={busy || !ready}>
          Add to my checklist
        </button>
      </div>
    </form>
  );
}
