import { QueryFailedError } from 'typeorm';
import { DomainError } from '@yakuba/contracts';
import { isDatabaseUnavailable, toAckError, toErrorBody } from './error-mapping';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const queryFailed = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('error mapping', () => {
  it('answers a database that is away with 503 unavailable, over HTTP and sockets', () => {
    for (const error of [
      queryFailed(pgError('57P01', 'terminating connection due to administrator command')),
      queryFailed(pgError('57P03', 'the database system is starting up')),
      queryFailed(pgError('08006')),
      pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      new Error('Connection terminated unexpectedly'),
      // A pooled connection that PostgreSQL closed, asked again before the pool dropped it (test/campaigns/connection-loss).
      queryFailed(new Error('Client has encountered a connection error and is not queryable')),
    ]) {
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(toErrorBody(error)).toEqual({ statusCode: 503, error: 'Service Unavailable', message: expect.stringMatching(/try again/) });
      expect(toAckError(error)).toEqual({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/try again/) } });
    }
  });

  it('keeps input errors 4xx and unknown faults 500', () => {
    expect(toErrorBody(queryFailed(pgError('22P02'))).statusCode).toBe(400);
    expect(toErrorBody(queryFailed(pgError('23505'))).statusCode).toBe(409);
    expect(toErrorBody(new DomainError('conflict', 'closed')).statusCode).toBe(409);
    expect(isDatabaseUnavailable(new TypeError('undefined is not a function'))).toBe(false);
    expect(toErrorBody(new TypeError('undefined is not a function')).statusCode).toBe(500);
  });
});
