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
export type Ack<T extends object = object> = ({ ok: true } & T) | AckError;
