/** Error codes shared by server and web; the server maps each to an HTTP status. */
export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale_version: 409,
  invalid_state: 409,
  locked: 423,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  /** Dotted path of the field, e.g. `members.3.phone` or `row 5: 界别`. */
  path: string;
  message: string;
}

/** The body of every error response. */
export interface ErrorBody {
  error: ErrorCode;
  message: string;
  fields?: FieldError[];
}
