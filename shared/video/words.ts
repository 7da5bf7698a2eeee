// A video's findings speak of a video: the wording written once for photos ("The exact place this
// photo was taken", "Someone else is in the photo") names the video instead. Only the singular
// "photo" is the user's own file; plural "photos" are other people's (hotel listing photos,
// street photos) and stay, as does a "motion photo" (a kind of file).
import type { Finding } from '../findings.js';

export function forVideo(text: string): string {
  return text.replace(/(?<!motion )\b([Pp])hoto\b(?!s)/g, (_, p: string) => (p === 'P' ? 'Video' : 'video'));
}

export function findingForVideo(f: Finding): Finding {
  return { ...f, title: forVideo(f.title), explanation: forVideo(f.explanation), action: forVideo(f.action) };
}
