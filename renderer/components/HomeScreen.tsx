// The first screen: one big place to drop photos, two buttons, and a promise that nothing leaves
// the computer. Dropping is handled by the app window (see App), so drops anywhere work.
import { FolderIcon, PhotoIcon, ShieldIcon } from './Icons.js';

interface Props {
  dragging: boolean;
  onChoose(kind: 'files' | 'folder'): void;
}

export function HomeScreen({ dragging, onChoose }: Props) {
  return (
    <section className="home" aria-labelledby="home-title">
      <div className={`drop-zone${dragging ? ' dragging' : ''}`}>
        <ShieldIcon className="drop-icon" />
        <h1 id="home-title" className="drop-title">
          Drop photos or a folder here
        </h1>
        <p className="drop-lead">We will show you anything in them that could reveal where you are or who you are, and make a safe copy to post.</p>
        <div className="drop-actions">
          <button type="button" className="button primary large" onClick={() => onChoose('files')}>
            <PhotoIcon /> Choose photos
          </button>
          <button type="button" className="button secondary large" onClick={() => onChoose('folder')}>
            <FolderIcon /> Choose a folder
          </button>
        </div>
      </div>
      <p className="reassurance">
        <ShieldIcon /> Everything stays on this computer. Nothing is uploaded. Your original photos are never changed.
      </p>
    </section>
  );
}
