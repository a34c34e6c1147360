import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, type SessionView } from '@yakuba/contracts';
import { AuditService } from '../audit/audit.service';
import { DomainEvents } from '../events/domain-events';
import { isUuid } from '../text/ids';
import type { Principal } from './principal';
import { SecuritySettingsService } from './security-settings.service';

/**
 * The SQL condition of a live session `s` (domain/session-timeouts.ts says the same in TypeScript): not revoked,
 * within its signed lifetime, younger than the absolute timeout and used within the idle timeout ($abs, $idle:
 * seconds, the parameters' positions given by the caller).
 */
export const liveSessionSql = (absParam: number, idleParam: number) =>
  `s.revoked_at IS NULL AND s.expires_at > now() AND s.created_at > now() - make_interval(secs => $${absParam}) AND s.last_active_at > now() - make_interval(secs => $${idleParam})`;

/** Live sessions for their owners and administrators, and ending them (audited; their sockets are closed). */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: SecuritySettingsService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  /** Every live session (administrators), or one user's; newest activity first. */
  async list(caller: Principal, userId?: string): Promise<SessionView[]> {
    const { session } = await this.settings.get();
    const rows = (await this.db.query(
      `SELECT s.id, s.user_id, u.username, u.display_name, s.created_at, s.last_active_at, s.ip, s.user_agent
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE ${liveSessionSql(1, 2)} AND u.active AND ($3::uuid IS NULL OR s.user_id = $3)
        ORDER BY s.last_active_at DESC LIMIT 2000`,
      [session.absoluteTimeoutSeconds, session.idleTimeoutSeconds, userId ?? null],
    )) as { id: string; user_id: string; username: string; display_name: string; created_at: Date; last_active_at: Date; ip: string | null; user_agent: string | null }[];
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      username: r.username,
      displayName: r.display_name,
      createdAt: r.created_at.toISOString(),
      lastActiveAt: r.last_active_at.toISOString(),
      ip: r.ip,
      userAgent: r.user_agent,
      current: r.id === caller.sessionId,
    }));
  }

  /**
   * Ends a session: an administrator any, anyone else only their own (another one's answers 404, revealing
   * nothing). Ending the current session is logout's job.
   */
  async end(caller: Principal, sessionId: string, asAdministrator: boolean, ip: string): Promise<void> {
    if (sessionId === caller.sessionId) throw new DomainError('bad_request', 'id: this is the current session; sign out instead');
    const ended = await this.db.transaction(async (m) => {
      const rows = isUuid(sessionId)
        ? ((await m.query(
            `UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL AND ($2 OR user_id = $3) RETURNING user_id`,
            [sessionId, asAdministrator, caller.id],
          )) as [{ user_id: string }[], number])[0]
        : [];
      const target = rows[0];
      if (!target) throw new DomainError('not_found', 'session not found');
      await this.audit.record(
        {
          action: target.user_id === caller.id ? 'auth.session_ended' : 'auth.session_ended_by_admin',
          actorId: caller.id,
          targetType: 'user',
          targetId: target.user_id,
          ip,
          data: { sessionId },
        },
        m,
      );
      return target.user_id;
    });
    this.events.publish('sessions.revoked', { userId: ended, sessionIds: [sessionId] });
  }

  /** Of these session ids, the ones still live (for the sweep that closes expired sessions' sockets). */
  async live(sessionIds: string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const { session } = await this.settings.get();
    const rows = (await this.db.query(`SELECT s.id FROM sessions s WHERE s.id = ANY($3::uuid[]) AND ${liveSessionSql(1, 2)}`, [
      session.absoluteTimeoutSeconds,
      session.idleTimeoutSeconds,
      sessionIds,
    ])) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }
}
