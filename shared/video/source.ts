// Where a video's bytes come from. Videos are often gigabytes, so the readers never need the whole
// file: they read the box headers, the movie header (moov) and the small metadata boxes, and leave
// the media data (mdat) on disk. The file-backed source lives in shared/node; tests and the app's
// in-memory paths use `bytesSource`.

export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes from `offset` (fewer at the end of the file). */
  read(offset: number, length: number): Uint8Array;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => bytes.subarray(Math.max(0, offset), Math.min(bytes.length, offset + Math.max(0, length))),
  };
}
