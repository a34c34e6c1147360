import { sessionLive, sweepIntervalMs, touchDue, touchGranularityMs } from './session-timeouts';

describe('session timeouts', () => {
  const t = { idleTimeoutSeconds: 1800, absoluteTimeoutSeconds: 12 * 3600 };
  const at = (iso: string) => new Date(iso);

  it('keeps a session used within the idle window and younger than the lifetime', () => {
    expect(sessionLive({ createdAt: at('2026-04-01T08:00Z'), lastActiveAt: at('2026-04-01T09:00Z'), revokedAt: null }, t, at('2026-04-01T09:29Z'))).toBe(true);
  });

  it('ends an idle session, an old session however busy, and a revoked one', () => {
    expect(sessionLive({ createdAt: at('2026-04-01T08:00Z'), lastActiveAt: at('2026-04-01T09:00Z'), revokedAt: null }, t, at('2026-04-01T09:30Z'))).toBe(false);
    expect(sessionLive({ createdAt: at('2026-04-01T08:00Z'), lastActiveAt: at('2026-04-01T19:59Z'), revokedAt: null }, t, at('2026-04-01T20:00Z'))).toBe(false);
    expect(sessionLive({ createdAt: at('2026-04-01T08:00Z'), lastActiveAt: at('2026-04-01T08:00Z'), revokedAt: at('2026-04-01T08:01Z') }, t, at('2026-04-01T08:02Z'))).toBe(false);
  });

  it('writes activity at most once a minute, or a tenth of a short idle timeout', () => {
    expect(touchGranularityMs(t)).toBe(60_000);
    expect(touchGranularityMs({ ...t, idleTimeoutSeconds: 5 })).toBe(500);
    expect(touchDue(at('2026-04-01T09:00:00Z'), t, at('2026-04-01T09:00:59Z'))).toBe(false);
    expect(touchDue(at('2026-04-01T09:00:00Z'), t, at('2026-04-01T09:01:00Z'))).toBe(true);
  });

  it('sweeps sockets a quarter of the idle timeout apart, between 1 s and 1 min', () => {
    expect(sweepIntervalMs(t)).toBe(60_000);
    expect(sweepIntervalMs({ ...t, idleTimeoutSeconds: 8 })).toBe(2000);
    expect(sweepIntervalMs({ ...t, idleTimeoutSeconds: 2 })).toBe(1000);
  });
});
