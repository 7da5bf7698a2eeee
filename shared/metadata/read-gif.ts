// GIF: comment extensions and XMP / ICC application extensions.
import { ExposureError } from '../errors.js';
import { latin1, utf8 } from '../bytes.js';
import type { FindingCollector } from './collector.js';
import { gifSubBlockData, listGifBlocks } from './containers/gif.js';
import { reportIcc } from './icc.js';
import type { FormatResult } from './read-result.js';
import { reportXmp } from './xmp.js';

export async function readGif(b: Uint8Array, out: FindingCollector): Promise<FormatResult> {
  const layout = listGifBlocks(b);
  if (!layout.blocks.some((x) => x.kind === 'image')) {
    throw new ExposureError('truncated', 'This GIF file is cut short or damaged: it holds no picture.');
  }
  for (const block of layout.blocks) {
    try {
      if (block.kind === 'comment') out.add('text.description', 'GIF comment', 'GIF comment', latin1(gifSubBlockData(b, block)));
      else if (block.kind === 'application' && block.appId === 'XMP DataXMP') {
        // XMP is stored raw (its bytes double as sub-block lengths), followed by a "magic trailer".
        const text = utf8(b, block.dataOffset, block.end);
        const end = text.indexOf('<?xpacket end');
        reportXmp(end === -1 ? text : text.slice(0, end), 'GIF XMP', out);
      } else if (block.kind === 'application' && block.appId === 'ICCRGBG1012') reportIcc(gifSubBlockData(b, block), 'ICC profile', out);
      else if (block.kind === 'application' && !/^(NETSCAPE2\.0|ANIMEXTS1\.0)$/.test(block.appId ?? '')) {
        out.add('metadata.other', 'GIF application extension', block.appId ?? 'unknown', 'present');
      }
    } catch (err) {
      out.markDamaged('GIF extension', err);
    }
  }
  return { width: layout.width, height: layout.height };
}
