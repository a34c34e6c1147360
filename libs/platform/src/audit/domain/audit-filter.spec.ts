import { auditFilter, parseBound } from './audit-filter';

describe('audit filter', () => {
  it('reads a date alone as midnight in Tokyo, a full time as given', () => {
    expect(parseBound('2026-04-01').toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect(parseBound('2026-04-01T09:30:00Z').toISOString()).toBe('2026-04-01T09:30:00.000Z');
  });

  it('passes the fields through and wants `to` after `from`', () => {
    expect(auditFilter({ action: 'auth.', actor: 'u1' })).toEqual({ action: 'auth.', actorId: 'u1', from: undefined, to: undefined });
    expect(auditFilter({ from: '2026-04-01', to: '2026-04-02' }).to?.toISOString()).toBe('2026-04-01T15:00:00.000Z');
    expect(() => auditFilter({ from: '2026-04-02', to: '2026-04-01' })).toThrow(/^to: must be after from$/);
    expect(() => auditFilter({ from: '2026-04-01', to: '2026-04-01' })).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });
});
