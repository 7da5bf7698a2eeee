// Loads OpenCV's wasm build (@techstark/opencv-js, bundled in node_modules: no network) once and
// shares it. The module is large (~8 MB), so it is only imported when a detector first needs it.

// The package's types are loose and heavy; we use a small slice of the API, typed where used.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OpenCv = any;

let loading: Promise<{ cv: OpenCv }> | undefined;

/** Resolves to `{ cv }`, never to cv itself (see below why it must stay wrapped). */
export function loadOpenCv(): Promise<{ cv: OpenCv }> {
  loading ??= (async () => {
    const mod = (await import('@techstark/opencv-js')) as { default?: OpenCv };
    const cv: OpenCv = mod.default ?? mod;
    if (!cv.Mat) {
      await new Promise<void>((resolve) => {
        cv.onRuntimeInitialized = () => resolve();
      });
    }
    // The Emscripten module is a "thenable" that resolves to itself: returning it from an async
    // function would make the promise machinery call .then forever. Keep it wrapped.
    return { cv };
  })();
  return loading;
}
