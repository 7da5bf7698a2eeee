// The messages between the engine and the readers' thread. Pictures travel as plain
// { data, width, height }; `data` is over a SharedArrayBuffer when the engine shares the photo, so
// several reads of one photo copy nothing.
import type { Box } from '../../../boxes.js';
import type { TextLine } from './paddle-ocr.js';
import type { ZxingResult } from './zxing.js';

export interface PlainImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export type ReaderRequest =
  | { id: number; op: 'load' }
  | { id: number; op: 'text'; image: PlainImage; region?: Box; maxSide?: number }
  | { id: number; op: 'codes'; image: PlainImage };

export interface ReaderOutputs {
  load: null;
  text: TextLine[];
  codes: ZxingResult[];
}

export type ReaderResponse = { id: number; value: ReaderOutputs[keyof ReaderOutputs] } | { id: number; error: string };
