/** Error codes shared by the HTTP error body mapping and socket acknowledgements (CONTRACT.md). */
export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'too_large',
  'unsupported_media_type',
  'unprocessable',
  /** A fault of the server, never of the input: logged with the request id the message names. */
  'internal_error',
  /** The server cannot reach its database for a moment (a restart, a failover): retry; nothing was written. */
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
};

export interface AckError {
  ok: false;
  error: { code: ErrorCode; message: string };
}

/**
 * What an HTTP error body adds, beside the contract's three fields, when the refusal has a name of its own: the web
 * client turns `reason` (with `params`) into a sentence in the reader's language. Absent from every other error.
 */
export interface ErrorExplanation {
  reason?: ErrorReason;
  params?: Record<string, string | number>;
}

/** The refusals that have a name (DomainError details.reason); the web client has a sentence for each. */
export const ERROR_REASONS = [
  'not_pdf',
  'file_too_large',
  'pdf_truncated',
  'pdf_encrypted',
  'pdf_no_pages',
  'pdf_too_many_pages',
  'username_taken',
  'directory_managed',
  'own_account_disabled',
  'own_admin_role_removed',
  'last_admin',
  'csv_unreadable',
  'csv_empty',
  'csv_missing_column',
  'csv_too_many_rows',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];
export type Ack<T extends object = object> = ({ ok: true } & T) | AckError;
