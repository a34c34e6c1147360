import type { SessionTimeoutsView } from '@yakuba/contracts';

export interface SessionTimes {
  createdAt: Date;
  lastActiveAt: Date;
  revokedAt: Date | null;
}

/** Whether a session is live now: not revoked, used within the idle timeout, younger than the absolute lifetime. */
export function sessionLive(s: SessionTimes, t: SessionTimeoutsView, now: Date): boolean {
  return (
    s.revokedAt === null &&
    now.getTime() - s.lastActiveAt.getTime() < t.idleTimeoutSeconds * 1000 &&
    now.getTime() - s.createdAt.getTime() < t.absoluteTimeoutSeconds * 1000
  );
}

/**
 * How stale `last_active_at` may get before a request writes it again: a tenth of the idle timeout, at most a
 * minute. A session is then never ended more than 10% early, and a busy user costs one write a minute, not one per
 * request.
 */
export const touchGranularityMs = (t: SessionTimeoutsView): number => Math.min(60_000, (t.idleTimeoutSeconds * 1000) / 10);

export const touchDue = (lastActiveAt: Date, t: SessionTimeoutsView, now: Date): boolean =>
  now.getTime() - lastActiveAt.getTime() >= touchGranularityMs(t);

/** How often open sockets are checked for sessions that expired without a request: a quarter of the idle timeout, 1 s to 1 min. */
export const sweepIntervalMs = (t: SessionTimeoutsView): number => Math.max(1000, Math.min(60_000, (t.idleTimeoutSeconds * 1000) / 4));
