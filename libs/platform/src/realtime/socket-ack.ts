import { Logger } from '@nestjs/common';
import type { Ack } from '@yakuba/contracts';
import { toAckError } from '../http/error-mapping';

const logger = new Logger('socket');

/** Runs a socket handler and turns its result or error into the contract's acknowledgement. */
export async function ack<T extends object>(fn: () => Promise<T> | T): Promise<Ack<T>> {
  try {
    const result = await fn();
    return { ok: true, ...result };
  } catch (error) {
    const mapped = toAckError(error);
    if (mapped.error.message === 'internal error') logger.error(error instanceof Error ? error.stack : String(error));
    return mapped;
  }
}
