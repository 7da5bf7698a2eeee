// E2E entry only (vite build --mode e2e). Module order matters: the bridge is installed as
// window.exposure before the real entry runs. The production build never includes this file.
import './install-bridge.js';
import '../main.js';
