// Production entry: the preload has put the typed API on window.exposure before any script runs.
import { createRoot } from 'react-dom/client';
import { StrictMode } from 'react';
import { App } from './App.js';
import { ApiProvider } from './api-context.js';
import './styles/base.css';
import './styles/layout.css';
import './styles/photo.css';
import './styles/preview-save.css';
import './styles/findings.css';
import './styles/dialog.css';
import './styles/batch.css';
import './styles/cover-editor.css';
import './styles/checklist.css';
import './styles/stream.css';

const root = document.getElementById('root');
if (root) {
  const api = window.exposure;
  if (!api) {
    root.textContent = 'Exposure Check could not start: the app is missing its connection to the computer. Please reinstall it.';
  } else {
    createRoot(root).render(
      <StrictMode>
        <ApiProvider api={api}>
          <App />
        </ApiProvider>
      </StrictMode>,
    );
  }
}
