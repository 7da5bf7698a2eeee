// Node built-ins: uses `module` (createRequire) to load OpenCV; runs under Node and the app's
// utility process, not in the renderer.
//
// Loads OpenCV's wasm build (@techstark/opencv-js, bundled in node_modules: no network) once and
// shares it. The module is large (~8 MB), so it is only loaded when a detector first needs it.
import { createRequire } from 'node:module';

// The package's types are loose and heavy; we use a small slice of the API, typed where used.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OpenCv = any;

let loading: Promise<{ cv: OpenCv }> | undefined;

/**
 * Resolves to `{ cv }`, never to cv itself: the Emscripten module is a "thenable" that resolves
 * to itself, so returning it from a promise (or `await import()`-ing it, whose namespace copies
 * `then`) makes the promise machinery call .then forever. Hence require, and the wrapper.
 */
export function loadOpenCv(): Promise<{ cv: OpenCv }> {
  loading ??= new Promise<{ cv: OpenCv }>((resolve) => {
    const cv: OpenCv = createRequire(import.meta.url)('@techstark/opencv-js');
    if (cv.Mat) resolve({ cv });
    else cv.onRuntimeInitialized = () => resolve({ cv });
  });
  return loading;
}
