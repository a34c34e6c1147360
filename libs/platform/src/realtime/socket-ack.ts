import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Ack } from '@yakuba/contracts';
import { toAckError } from '../http/error-mapping';

const logger = new Logger('socket');

/**
 * Runs a socket handler and turns its result or error into the contract's acknowledgement. A fault of the server is
 * never disguised as bad input: it answers `internal_error` with a request id, under which the fault is logged.
 */
export async function ack<T extends object>(fn: () => Promise<T> | T, event = 'socket event'): Promise<Ack<T>> {
  try {
    const result = await fn();
    return { ok: true, ...result };
  } catch (error) {
    const mapped = toAckError(error);
    if (mapped.error.code !== 'internal_error') return mapped;
    const requestId = randomUUID();
    logger.error(
      { requestId, event, err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) },
      `${event} failed`,
    );
    return { ok: false, error: { code: 'internal_error', message: `internal error (request ${requestId})` } };
  }
}
