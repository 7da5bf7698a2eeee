// E2E only: puts the test bridge client on window.exposure, reading the bridge's token from the
// page address (#token=... or ?token=...). Imported before the app so the app finds it there.
import { createBridgeApi } from '../../test/e2e/bridge/client.js';

function tokenFromLocation(): string {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  const fromQuery = new URLSearchParams(location.search).get('token');
  return fromHash ?? fromQuery ?? '';
}

window.exposure = createBridgeApi(location.origin, tokenFromLocation());
