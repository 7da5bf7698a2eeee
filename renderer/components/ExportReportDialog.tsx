// "Export report": one file for a trainer to show or hand out, as a web page (opens in any
// browser, good on a projector) or a PDF (to print). Building it takes a moment per photo, so the
// dialog says so while it works, and says where the file went.
import { useState } from 'react';
import { Dialog } from './Dialog.js';

interface Props {
  photos: number;
  /** The file written; null when the user cancelled; a message when it failed. */
  onExport(format: 'html' | 'pdf'): Promise<{ path: string | null } | { error: string }>;
  onShow(path: string): void;
  onClose(): void;
}

export function ExportReportDialog({ photos, onExport, onShow, onClose }: Props) {
  const [format, setFormat] = useState<'html' | 'pdf'>('html');
  const [state, setState] = useState<{ status: 'idle' } | { status: 'working' } | { status: 'done'; path: string } | { status: 'failed'; message: string }>({
    status: 'idle',
  });

  async function exportNow(e: React.FormEvent) {
    e.preventDefault();
    setState({ status: 'working' });
    const result = await onExport(format);
    if ('error' in result) setState({ status: 'failed', message: result.error });
    else setState(result.path ? { status: 'done', path: result.path } : { status: 'idle' });
  }

  return (
    <Dialog title="Export a report" onClose={onClose}>
      {state.status === 'done' ? (
        <div className="export-done">
          <p role="status">The report is saved:</p>
          <p className="save-path">{state.path}</p>
          <div className="dialog-actions">
            <button type="button" className="button secondary" onClick={() => onShow(state.path)}>
              Show in folder
            </button>
            <button type="button" className="button primary" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      ) : (
        <form className="settings-form" onSubmit={exportNow}>
          <p className="field-hint">
            {`One file about the ${photos === 1 ? 'photo' : `${photos} photos`}: what each gives away, in plain words, and a small picture of each safe copy with the covered areas applied. Names, numbers and exact places read from the photos are left out, so you can hand it out.`}
          </p>
          <fieldset className="field">
            <legend>Kind of file</legend>
            <label className="radio">
              <input type="radio" name="report-format" checked={format === 'html'} onChange={() => setFormat('html')} />
              Web page (opens in any browser; good on a projector)
            </label>
            <label className="radio">
              <input type="radio" name="report-format" checked={format === 'pdf'} onChange={() => setFormat('pdf')} />
              PDF (to print or send)
            </label>
          </fieldset>
          {state.status === 'failed' && (
            <p role="alert" className="field-error">
              The report could not be made. {state.message}
            </p>
          )}
          {state.status === 'working' && (
            <p role="status" className="field-hint">
              Making the report… this takes a moment for each photo.
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button secondary" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={state.status === 'working'}>
              {state.status === 'working' ? 'Making the report…' : 'Export…'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
