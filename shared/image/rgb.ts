// The picture in memory that every check reads: plain data, no library types.

/** Upright (orientation applied), 8-bit RGB, row-major, no alpha. */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3;
}
