import { DomainError } from '@yakuba/contracts';
import { ack } from './socket-ack';

describe('ack', () => {
  it('answers ok with the result', async () => {
    expect(await ack(() => ({ n: 1 }))).toEqual({ ok: true, n: 1 });
  });
  it('answers a domain error with its own code', async () => {
    expect(await ack(() => Promise.reject(new DomainError('conflict', 'stale')))).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'stale' },
    });
  });
  it('never disguises a server fault as bad input: internal_error with the request id it is logged under', async () => {
    const answer = await ack(() => Promise.reject(new TypeError('x is undefined')), 'chat:send');
    expect(answer).toEqual({
      ok: false,
      error: { code: 'internal_error', message: expect.stringMatching(/^internal error \(request [0-9a-f-]{36}\)$/) },
    });
  });
});
