// The app frame: a top bar, messages, progress while checking, then either the home screen or the
// list of checked photos beside the selected one. Files dropped anywhere on the window are checked.
import { useState } from 'react';
import { useApi } from './api-context.js';
import { useExposure } from './hooks/useExposure.js';
import { activeProgress, photoList } from './state/app-state.js';
import { HomeScreen } from './components/HomeScreen.js';
import { FolderIcon, GearIcon, PhotoIcon, ShieldIcon } from './components/Icons.js';
import { PhotoDetail } from './components/PhotoDetail.js';
import { PhotoSidebar } from './components/PhotoSidebar.js';
import { BatchSummary } from './components/BatchSummary.js';
import { useKeepFocus } from './hooks/useKeepFocus.js';
import { ScanProgress } from './components/ScanProgress.js';
import { VideoChecksProgress } from './components/VideoChecksProgress.js';
import { SettingsDialog } from './components/SettingsDialog.js';
import { ChecklistArea } from './components/checklist/ChecklistArea.js';
import { LockIcon } from './components/Icons.js';
import { useChecklist } from './hooks/useChecklist.js';
import { StreamArea } from './components/stream/StreamArea.js';

export function App() {
  const api = useApi();
  const app = useExposure();
  const { state } = app;
  const [settingsOpen, setSettingsOpen] = useState(false);
  // The photo checks, "My exposure checklist", or "Before you go live".
  const [area, setArea] = useState<'photos' | 'checklist' | 'stream'>('photos');
  const checklist = useChecklist();
  const checklistOpen = checklist.status?.state === 'unlocked';
  const [dragging, setDragging] = useState(false);
  const photos = photoList(state);
  const progress = activeProgress(state);
  const selected = state.selected ? state.photos[state.selected] : undefined;
  // When what had focus goes away (the home screen, the progress bar), focus the current photo.
  useKeepFocus(() => document.querySelector<HTMLElement>('.photo-item[tabindex="0"]') ?? document.querySelector<HTMLElement>('.drop-actions .button'));

  function onDrop(e: React.DragEvent) {
    e.preventDefault();
    setDragging(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length === 0) return;
    const paths = api.pathForDroppedFile ? files.map((f) => api.pathForDroppedFile?.(f) ?? '').filter((p) => p !== '') : [];
    if (paths.length === 0) {
      app.notify('error', 'Those files could not be opened by dropping them. Use "Choose photos" or "Choose a folder" instead.');
      return;
    }
    void app.scanPaths(paths);
  }

  return (
    <div
      className="app"
      onDragOver={(e) => {
        e.preventDefault();
        if (!dragging) setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <header className="topbar">
        <div className="brand">
          <ShieldIcon className="brand-icon" />
          <span className="brand-name">Exposure Check</span>
        </div>
        <div className="topbar-actions">
          {photos.length > 0 && (
            <>
              <button type="button" className="button ghost" onClick={() => void app.choose('files')}>
                <PhotoIcon /> Add photos
              </button>
              <button type="button" className="button ghost" onClick={() => void app.choose('folder')}>
                Add a folder
              </button>
            </>
          )}
          <button type="button" className="button ghost" onClick={() => setSettingsOpen(true)}>
            <GearIcon /> Settings
          </button>
          <button type="button" className={`button ${area === 'checklist' ? 'secondary' : 'ghost'}`} onClick={() => setArea(area === 'checklist' ? 'photos' : 'checklist')}>
            <LockIcon /> {area === 'checklist' ? 'Back to my photos' : 'My exposure checklist'}
            {checklistOpen && <span className="badge">unlocked</span>}
          </button>
          <button type="button" className={`button ${area === 'stream' ? 'secondary' : 'ghost'}`} onClick={() => setArea(area === 'stream' ? 'photos' : 'stream')}>
            {area === 'stream' ? 'Back to my photos' : 'Before you go live'}
          </button>
        </div>
      </header>

      {state.notice && (
        <div className={`notice notice-${state.notice.tone}`} role={state.notice.tone === 'error' ? 'alert' : 'status'}>
          <p>{state.notice.message}</p>
          <div className="notice-actions">
            {state.notice.undoClear && state.cleared && (
              <button type="button" className="button secondary small" onClick={app.undoClear}>
                Undo
              </button>
            )}
            {state.notice.folder && (
              <button type="button" className="button secondary small" onClick={() => void app.openFolder(state.notice?.folder ?? '')}>
                <FolderIcon /> Open folder
              </button>
            )}
            <button type="button" className="button ghost small" onClick={app.dismissNotice}>
              Dismiss
            </button>
          </div>
        </div>
      )}

      {progress && <ScanProgress done={progress.done} total={progress.total} current={progress.current} visual={app.settings.visual} onCancel={() => void app.cancel()} />}
      {!progress && <VideoChecksProgress entries={photos} onStop={app.stopVideoChecks} />}

      <main className="main">
        {area === 'stream' ? (
          <StreamArea />
        ) : area === 'checklist' ? (
          <ChecklistArea model={checklist} />
        ) : photos.length === 0 ? (
          <HomeScreen dragging={dragging} onChoose={(kind) => void app.choose(kind)} />
        ) : (
          <div className="results">
            <BatchSummary photos={photos} checking={progress !== null} />
            <PhotoSidebar
              photos={photos}
              selected={state.selected}
              checking={progress !== null}
              onSelect={app.select}
              onSaveAll={(paths) => void app.save(paths, { summary: true })}
              onClear={app.clear}
              onExportReport={app.exportReport}
              onShowFile={(path) => void app.openCopy(path, 'show')}
            />
            <section className="detail" aria-label="Selected photo">
              {selected ? (
                <PhotoDetail
                  key={selected.report.path}
                  entry={selected}
                  onSave={(path, options) => void app.save([path], options)}
                  onOpenCopy={(path, how) => void app.openCopy(path, how)}
                  copiesFolder={app.settings.outputDir}
                  onRedactChange={app.setRedaction}
                  onEditCover={app.editCover}
                  onUndoCover={app.undoCover}
                />
              ) : (
                <p className="detail-empty">Choose a photo from the list to see what we found.</p>
              )}
            </section>
          </div>
        )}
      </main>

      {settingsOpen && (
        <SettingsDialog
          // A fresh draft whenever the stored settings change (e.g. they finish loading).
          key={JSON.stringify(app.settings)}
          settings={app.settings}
          onSave={app.updateSettings}
          onChooseFolder={app.chooseOutputDir}
          onClose={() => setSettingsOpen(false)}
        />
      )}
    </div>
  );
}
