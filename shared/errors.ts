// Errors a user can see. Every message is one plain sentence that says what is wrong with the
// file and, where there is one, what to do; the code is for programs (CLI JSON, IPC, tests).

export const ERROR_CODES = [
  'empty',
  'not-an-image',
  'unsupported',
  'truncated',
  'corrupt',
  'too-large',
  'unreadable',
  'not-found',
  'exists',
  'verify-failed',
  'write-failed',
  'disk-full',
  'cancelled',
  'invalid-input',
  'internal',
  // The exposure checklist (the encrypted store).
  'wrong-passphrase',
  'locked',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class ExposureError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExposureError';
    this.code = code;
  }
}

export interface UserError {
  code: ErrorCode;
  message: string;
}

/** Turns anything thrown into a message fit for a person, never a stack trace. */
export function toUserError(err: unknown): UserError {
  if (err instanceof ExposureError) return { code: err.code, message: err.message };
  const e = err as { code?: string; message?: string } | undefined;
  switch (e?.code) {
    case 'ENOENT':
      return { code: 'not-found', message: 'The file could not be found. It may have been moved or deleted.' };
    case 'EACCES':
    case 'EPERM':
      return { code: 'unreadable', message: 'You do not have permission to open this file or folder.' };
    case 'EISDIR':
      return { code: 'unreadable', message: 'This is a folder, not a file.' };
    case 'ENOSPC':
      return { code: 'disk-full', message: 'The disk is full: free some space and try again.' };
    case 'EEXIST':
      return { code: 'exists', message: 'A file with that name already exists and was left as it is.' };
    case 'ELOOP':
      return { code: 'unreadable', message: 'This path is a loop of shortcuts (symbolic links) and was skipped.' };
  }
  const detail = e?.message ? `: ${e.message.replace(/[.\s]+$/, '')}` : '';
  return { code: 'internal', message: `Something went wrong while reading this file${detail}.` };
}
