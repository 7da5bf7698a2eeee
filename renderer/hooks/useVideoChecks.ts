// Starts the window's part of each video's check as its report arrives: the poster, and the frames
// when the report waits for them. Results come back as reducer actions.
import { useEffect, useRef, type Dispatch } from 'react';
import type { ExposureApi } from '../../shared/api/contract.js';
import { isVideoFormat } from '../../shared/findings.js';
import type { FileReport } from '../../shared/report.js';
import type { AppAction, AppState } from '../state/app-state.js';
import { queueVideoJob } from '../video/check-video.js';
import { stillsOf } from '../video/video-stills.js';

export function useVideoChecks(api: ExposureApi, state: AppState, dispatch: Dispatch<AppAction>): void {
  // Reports a job was started for: a new scan of the same video brings a new report and a new job.
  const started = useRef(new WeakSet<FileReport>());
  useEffect(() => {
    for (const path of state.order) {
      const report = state.photos[path]?.report;
      if (!report || report.error || !isVideoFormat(report.format) || started.current.has(report)) continue;
      const checkFrames = report.coverage?.pending === true;
      if (!checkFrames && stillsOf(path)) continue;
      started.current.add(report);
      queueVideoJob(api, {
        path,
        checkFrames,
        onReport: (next) => {
          started.current.add(next);
          dispatch({ type: 'report-updated', report: next });
        },
        onProgress: (done, total) => dispatch({ type: 'video-progress', path, done, total }),
      });
    }
  }, [api, state.order, state.photos, dispatch]);
}
