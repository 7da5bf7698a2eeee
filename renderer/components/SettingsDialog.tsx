// Where safe copies go, how they are named, and whether to look at the picture itself.
// Changes are kept as a draft and applied together with "Save settings"; Escape discards them.
import { useState } from 'react';
import { Settings as SettingsSchema, type Settings } from '../../shared/api/contract.js';
import { Dialog } from './Dialog.js';

interface Props {
  settings: Settings;
  onSave(patch: Partial<Settings>): Promise<boolean>;
  onChooseFolder(): Promise<string | null>;
  onClose(): void;
}

export function SettingsDialog({ settings, onSave, onChooseFolder, onClose }: Props) {
  const [outputDir, setOutputDir] = useState<string | null>(settings.outputDir);
  const [besideOriginal, setBesideOriginal] = useState(settings.outputDir === null);
  const [suffix, setSuffix] = useState(settings.suffix);
  const [visual, setVisual] = useState(settings.visual);
  const [saving, setSaving] = useState(false);

  const suffixOk = SettingsSchema.shape.suffix.safeParse(suffix).success;
  const folderOk = besideOriginal || outputDir !== null;

  async function chooseFolder() {
    const chosen = await onChooseFolder();
    if (chosen) {
      setOutputDir(chosen);
      setBesideOriginal(false);
    }
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (!suffixOk || !folderOk) return;
    setSaving(true);
    const ok = await onSave({ outputDir: besideOriginal ? null : outputDir, suffix, visual });
    setSaving(false);
    if (ok) onClose();
  }

  return (
    <Dialog title="Settings" onClose={onClose}>
      <form className="settings-form" onSubmit={save}>
        <fieldset className="field">
          <legend>Where to save safe copies</legend>
          <label className="radio">
            <input type="radio" name="output" checked={!besideOriginal} onChange={() => setBesideOriginal(false)} aria-describedby="output-folder-hint" />
            In a folder of their own (recommended)
          </label>
          <p id="output-folder-hint" className="field-hint">
            When you upload, you pick from a folder where every photo is a safe copy, and cannot pick an original by mistake.
          </p>
          <div className="folder-choice">
            <span className="folder-path" aria-live="polite">
              {outputDir ?? 'No folder chosen yet'}
            </span>
            <button type="button" className="button secondary small" onClick={chooseFolder}>
              Choose folder…
            </button>
          </div>
          <label className="radio">
            <input type="radio" name="output" checked={besideOriginal} onChange={() => setBesideOriginal(true)} aria-describedby="output-beside-hint" />
            Next to the original photo
          </label>
          <p id="output-beside-hint" className="field-hint">
            Easy to find, but the original and its copy then sit side by side in the upload picker, with nearly the same name.
          </p>
          {!folderOk && <p className="field-error">Choose a folder, or save next to the original.</p>}
        </fieldset>

        <div className="field">
          <label htmlFor="suffix-input" className="field-label">
            Added to the name of each safe copy
          </label>
          <input
            id="suffix-input"
            className="text-input"
            value={suffix}
            onChange={(e) => setSuffix(e.target.value)}
            aria-describedby="suffix-example"
            aria-invalid={!suffixOk}
            spellCheck={false}
          />
          <p id="suffix-example" className={suffixOk ? 'field-hint' : 'field-error'}>
            {suffixOk ? `For example: holiday${suffix}.jpg` : 'Use letters, numbers, dots, dashes or spaces (up to 40).'}
          </p>
        </div>

        <div className="field">
          <label className="checkbox">
            <input type="checkbox" checked={visual} onChange={(e) => setVisual(e.target.checked)} aria-describedby="visual-hint" />
            Check what is in the picture (slower)
          </label>
          <p id="visual-hint" className="field-hint">
            Looks for things in the background that could give away where you are: windows, doors, signs, screens, readable text.
            Applies to photos you check from now on.
          </p>
        </div>

        <div className="dialog-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={saving || !suffixOk || !folderOk}>
            Save settings
          </button>
        </div>
      </form>
    </Dialog>
  );
}
