// Loads a photo's preview and its hidden embedded images from main. Results are cached per API
// object and path so that moving between photos does not decode them again.
import { useEffect, useState } from 'react';
import type { ExposureApi, PreviewResult } from '../../shared/api/contract.js';
import { isVideoFormat } from '../../shared/findings.js';
import type { FileReport } from '../../shared/report.js';
import { messageOf, unwrap, useApi } from '../api-context.js';
import { useVideoStills, type VideoStills } from '../video/video-stills.js';

export const PREVIEW_SIZE = 1280;

type Loaded<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; message: string };

const previewCache = new WeakMap<ExposureApi, Map<string, PreviewResult>>();
const embeddedCache = new WeakMap<ExposureApi, Map<string, string>>();

function cacheFor<T>(store: WeakMap<ExposureApi, Map<string, T>>, api: ExposureApi): Map<string, T> {
  let map = store.get(api);
  if (!map) store.set(api, (map = new Map()));
  return map;
}

/**
 * The preview of a checked file. A video's is the frame the window decoded (users have no ffmpeg):
 * the first frame, or the frame at `time` when the user points at something seen there.
 */
export function usePreview(report: FileReport, time?: number): Loaded<PreviewResult> | null {
  const video = !report.error && isVideoFormat(report.format);
  const stills = useVideoStills(video ? report.path : null);
  const photo = usePreviewOf(report.error || video ? null : report.path);
  return video ? stillPreview(stills, time) : photo;
}

/** A video's still as a preview: loading until the window has decoded it, failed with the reason. */
export function stillPreview(stills: VideoStills | undefined, time?: number): Loaded<PreviewResult> {
  const still = (time !== undefined ? stills?.frames[time] : undefined) ?? stills?.poster;
  if (still) return { status: 'ready', value: still };
  if (stills?.problem) return { status: 'failed', message: stills.problem };
  return { status: 'loading' };
}

/**
 * The preview of any picture the app may show: a photo being checked, or a safe copy just written.
 * `version` tells apart two files written to the same path (a copy saved again).
 */
export function usePreviewOf(path: string | null, version = ''): Loaded<PreviewResult> | null {
  const api = useApi();
  const key = path === null ? null : `${path}\n${version}`;
  const [state, setState] = useState<{ key: string; loaded: Loaded<PreviewResult> } | null>(null);

  useEffect(() => {
    if (path === null || key === null) return;
    const cache = cacheFor(previewCache, api);
    const hit = cache.get(key);
    if (hit) {
      setState({ key, loaded: { status: 'ready', value: hit } });
      return;
    }
    let live = true;
    setState({ key, loaded: { status: 'loading' } });
    api
      .getPreview({ path, maxSize: PREVIEW_SIZE })
      .then((r) => {
        const value = unwrap(r);
        cache.set(key, value);
        if (live) setState({ key, loaded: { status: 'ready', value } });
      })
      .catch((err: unknown) => {
        if (live) setState({ key, loaded: { status: 'failed', message: messageOf(err) } });
      });
    return () => {
      live = false;
    };
  }, [api, path, key]);

  if (key === null) return null;
  return state?.key === key ? state.loaded : { status: 'loading' };
}

/** finding id -> data: URL of the hidden image it reports (missing while loading or on failure). */
export function useEmbeddedImages(report: FileReport): Record<string, string> {
  const api = useApi();
  const [images, setImages] = useState<{ path: string; urls: Record<string, string> }>({ path: report.path, urls: {} });
  const ids = report.embeddedImages.map((e) => e.findingId).join('\n');

  useEffect(() => {
    const cache = cacheFor(embeddedCache, api);
    let live = true;
    const path = report.path;
    const wanted = ids ? ids.split('\n') : [];
    const urls: Record<string, string> = {};
    for (const id of wanted) {
      const hit = cache.get(`${path}\n${id}`);
      if (hit) urls[id] = hit;
    }
    setImages({ path, urls: { ...urls } });
    for (const id of wanted.filter((w) => !urls[w])) {
      api
        .getEmbeddedImage({ path, findingId: id })
        .then((r) => {
          const { dataUrl } = unwrap(r);
          cache.set(`${path}\n${id}`, dataUrl);
          if (live) setImages((prev) => (prev.path === path ? { path, urls: { ...prev.urls, [id]: dataUrl } } : prev));
        })
        // A hidden image that cannot be shown is still reported by its finding; nothing to add.
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, [api, report.path, ids]);

  return images.path === report.path ? images.urls : {};
}

export const THUMBNAIL_SIZE = 96;
const thumbnailCache = new WeakMap<ExposureApi, Map<string, string>>();

// Thumbnails wait their turn, two at a time, so a folder of hundreds of photos does not flood the
// file worker while it is still checking them.
const THUMBNAIL_CONCURRENCY = 2;
let thumbnailsRunning = 0;
const thumbnailQueue: Array<() => void> = [];

function nextThumbnail(): void {
  while (thumbnailsRunning < THUMBNAIL_CONCURRENCY && thumbnailQueue.length > 0) {
    thumbnailsRunning += 1;
    thumbnailQueue.shift()?.();
  }
}

function queueThumbnail<T>(job: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    thumbnailQueue.push(() => {
      job()
        .then(resolve, reject)
        .finally(() => {
          thumbnailsRunning -= 1;
          nextThumbnail();
        });
    });
    nextThumbnail();
  });
}

/** A small upright preview for the list, or null while loading, on failure, or when `skip`. */
export function useThumbnail(path: string, skip: boolean, video = false): string | null {
  const api = useApi();
  const [url, setUrl] = useState<{ path: string; url: string } | null>(null);
  // A video's thumbnail is its poster, decoded in the window.
  const poster = useVideoStills(video && !skip ? path : null)?.poster?.dataUrl ?? null;

  useEffect(() => {
    if (skip || video) return;
    const cache = cacheFor(thumbnailCache, api);
    const hit = cache.get(path);
    if (hit) {
      setUrl({ path, url: hit });
      return;
    }
    let live = true;
    queueThumbnail(async () => (live ? unwrap(await api.getPreview({ path, maxSize: THUMBNAIL_SIZE * 2 })).dataUrl : null))
      .then((dataUrl) => {
        if (!dataUrl) return;
        cache.set(path, dataUrl);
        if (live) setUrl({ path, url: dataUrl });
      })
      // No thumbnail is no loss: the verdict beside the name says what matters.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, path, skip, video]);

  if (video) return poster;
  return !skip && url?.path === path ? url.url : null;
}
