// Limits that protect the user's machine from hostile or absurd files.

/** Same ceiling as sharp's default (16383 x 16383): a 200-megapixel phone photo still fits. */
export const MAX_PIXELS = 268_402_689;

/** Files larger than this are refused before being read into memory. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

export const CLEAN_SUFFIX = '.clean';
