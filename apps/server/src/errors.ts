import { ERRORS, type ErrorCode } from '@chiso/contracts';

/** An error the user should see: a stable code from the catalogue, its HTTP status and Vietnamese message. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERRORS[code].vi);
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details;
  }
}
