// Renders the whole app around a fake API, the way main.tsx does around window.exposure.
import { render } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { App } from '../../renderer/App.js';
import { ApiProvider } from '../../renderer/api-context.js';
import type { ExposureApi } from '../../shared/api/contract.js';

export function renderApp(api: ExposureApi) {
  const user = userEvent.setup();
  const utils = render(
    <ApiProvider api={api}>
      <App />
    </ApiProvider>,
  );
  return { user, ...utils };
}
