import type { ErrorCode } from './errors';

/**
 * A domain fact that ends a request: thrown anywhere below controllers and gateways, turned into the contract's
 * HTTP error body by one exception filter and into `{ ok: false, error }` by one socket acknowledgement mapper.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what = 'resource') => new DomainError('not_found', `${what} not found`);
export const forbidden = (message = 'forbidden') => new DomainError('forbidden', message);
export const conflict = (message: string) => new DomainError('conflict', message);
export const badRequest = (message: string) => new DomainError('bad_request', message);
