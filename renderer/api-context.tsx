// The renderer reaches main only through an ExposureApi: `window.exposure` in the app (the
// preload) and in E2E (the bridge client); tests pass a fake built from real reports.
import { createContext, useContext, type ReactNode } from 'react';
import type { ExposureApi, Result } from '../shared/api/contract.js';

const ApiContext = createContext<ExposureApi | null>(null);

export function ApiProvider({ api, children }: { api: ExposureApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): ExposureApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('ApiProvider is missing');
  return api;
}

/** Thrown by `unwrap`; its message is already written for the user. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error.code, result.error.message);
}

/** A message fit to show, whatever was thrown (a transport failure has no user message). */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Something went wrong talking to the app. Please try again.';
}

declare global {
  interface Window {
    exposure?: ExposureApi;
  }
}
