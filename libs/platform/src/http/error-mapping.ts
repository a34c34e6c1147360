import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, ERROR_REASONS, HTTP_STATUS_BY_CODE, type AckError, type ErrorCode, type ErrorReason } from '@yakuba/contracts';
import { QueryFailedError } from 'typeorm';

export interface ErrorBody {
  statusCode: number;
  error: string;
  /** For people reading logs and for integrations, in English; the web client never shows it. */
  message: string;
  /**
   * Present when the refusal has a name of its own (`pdf_encrypted`, `username_taken`, ...): the web client shows a
   * sentence in the reader's language for it, with `params` (numbers, names) filled in. See libs/contracts errors.ts.
   */
  reason?: ErrorReason;
  params?: Record<string, string | number>;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = Object.fromEntries(
  Object.entries(HTTP_STATUS_BY_CODE).map(([code, status]) => [status, code as ErrorCode]),
);

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function body(status: number, message: string): ErrorBody {
  return { statusCode: status, error: REASON[status] ?? HttpStatus[status] ?? 'Error', message };
}

/**
 * The named refusals (details.reason) add `reason` and their simple values as `params`; every other error body keeps
 * the contract's three fields only.
 */
function explained(error: DomainError): Pick<ErrorBody, 'reason' | 'params'> {
  const { reason, ...rest } = error.details ?? {};
  const out: Pick<ErrorBody, 'reason' | 'params'> = {};
  if (typeof reason === 'string' && (ERROR_REASONS as readonly string[]).includes(reason)) {
    out.reason = reason as ErrorReason;
    const params = Object.entries(rest).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number');
    if (params.length) out.params = Object.fromEntries(params);
  }
  return out;
}

/** Errors raised by body parsers, multer and the like carry an HTTP status or a well-known type. */
function statusOfLibraryError(error: Record<string, unknown>): number | undefined {
  if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) return error.status;
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) return error.statusCode;
  if (error.code === 'LIMIT_FILE_SIZE' || error.code === 'LIMIT_FIELD_VALUE') return 413;
  if (typeof error.code === 'string' && error.code.startsWith('LIMIT_')) return 400;
  return undefined;
}

/** Postgres errors that can only come from bad input (invalid uuid, out-of-range number, a foreign key to nothing). */
function statusOfQueryError(error: QueryFailedError): { status: number; message: string } | undefined {
  const code = (error.driverError as { code?: string } | undefined)?.code ?? '';
  switch (code) {
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
    case '22001':
    case '22021':
      return { status: 400, message: 'invalid value' };
    case '23503':
      return { status: 400, message: 'a referenced record does not exist' };
    case '23505':
      return { status: 409, message: 'already exists' };
    case '23514':
      return { status: 400, message: 'a value breaks a rule of the record' };
    case '40001':
    case '40P01':
      return { status: 409, message: 'concurrent change, try again' };
    default:
      return undefined;
  }
}

/**
 * The database is unreachable for a moment (restarting, failing over, out of connection slots): the request wrote
 * nothing and may be retried. SQLSTATE classes 08 (connection exception) and 57P01–57P03 (shutdown, cannot connect
 * now), 53300 (too many connections), and the socket errors of a connection that went away.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
export function isDatabaseUnavailable(error: unknown): boolean {
  const candidates = [error, (error as { driverError?: unknown } | null)?.driverError].filter(
    (e): e is Record<string, unknown> => !!e && typeof e === 'object',
  );
  return candidates.some((e) => {
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    return (
      UNAVAILABLE_SQLSTATES.has(code) ||
      code.startsWith('08') ||
      UNAVAILABLE_ERRNOS.has(code) ||
      /Connection terminated|connection timeout|terminating connection due to administrator command|the database system is (starting up|shutting down)|is not queryable|Query read timeout/i.test(
        message,
      )
    );
  });
}

/** One mapping from anything thrown to the contract's error body; unknown errors are the only 500s. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) return { ...body(HTTP_STATUS_BY_CODE[error.code], error.message), ...explained(error) };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : Array.isArray((response as { message?: unknown }).message)
          ? (response as { message: string[] }).message.join('; ')
          : String((response as { message?: unknown }).message ?? error.message);
    return body(status, message);
  }
  if (error instanceof QueryFailedError) {
    const mapped = statusOfQueryError(error);
    if (mapped) return body(mapped.status, mapped.message);
  }
  if (error instanceof SyntaxError && 'body' in error) return body(400, 'request body is not valid JSON');
  if (isDatabaseUnavailable(error)) return body(503, 'the database is unavailable for a moment: try again');
  if (error && typeof error === 'object') {
    const status = statusOfLibraryError(error as Record<string, unknown>);
    if (status) return body(status, (error as { message?: string }).message ?? REASON[status] ?? 'Bad Request');
  }
  return body(500, 'internal error');
}

export function toAckError(error: unknown): AckError {
  const mapped = toErrorBody(error);
  const code: ErrorCode = CODE_BY_STATUS[mapped.statusCode] ?? (mapped.statusCode >= 500 ? 'internal_error' : 'bad_request');
  return { ok: false, error: { code, message: mapped.statusCode === 500 ? 'internal error' : mapped.message } };
}
