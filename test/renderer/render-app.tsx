// Renders the whole app around a fake API, the way main.tsx does around window.exposure.
import { configure, render } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { App } from '../../renderer/App.js';
import { ApiProvider } from '../../renderer/api-context.js';
import type { ExposureApi } from '../../shared/api/contract.js';

// Behind the screens' waits is real work (decoding previews, writing safe copies) on 2 shared
// cores: give it time instead of the 1 s default.
configure({ asyncUtilTimeout: 15_000 });

export function renderApp(api: ExposureApi) {
  const user = userEvent.setup();
  const utils = render(
    <ApiProvider api={api}>
      <App />
    </ApiProvider>,
  );
  return { user, ...utils };
}
