import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { DomainError, type LoginResponse } from '@yakuba/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuditService } from '../audit/audit.service';
import { DomainEvents } from '../events/domain-events';
import { User } from '../directory/user.entity';
import { LoginAttempt, Session } from './session.entity';
import { throttleVerdict } from './domain/login-throttle';
import { dummyHash, hashPassword, verifyPassword } from './password';
import type { Principal } from './principal';

const THROTTLE_WINDOW_MINUTES = 15;

interface TokenClaims {
  sub: string;
  sid: string;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  get sessionTtlMs(): number {
    return this.config.sessionTtlHours * 3600_000;
  }

  async login(usernameInput: string, password: string, ip: string, userAgent: string | null): Promise<LoginResponse> {
    const username = usernameInput.trim().toLowerCase();
    const [counts] = (await this.db.query(
      `SELECT count(*) FILTER (WHERE username = $1)::int AS account, count(*) FILTER (WHERE ip = $2)::int AS address
         FROM login_attempts WHERE NOT succeeded AND at > now() - make_interval(mins => $3)`,
      [username, ip, THROTTLE_WINDOW_MINUTES],
    )) as { account: number; address: number }[];
    const verdict = throttleVerdict(counts, {
      maxFailuresPerAccount: this.config.loginMaxFailuresPerAccount,
      maxFailuresPerAddress: this.config.loginMaxFailuresPerAddress,
      windowMinutes: THROTTLE_WINDOW_MINUTES,
    });
    if (!verdict.allowed) {
      await this.audit.record({ action: 'auth.login_throttled', targetType: 'user', targetId: username, ip, data: { reason: verdict.reason } });
      throw new DomainError('rate_limited', 'too many failed sign-in attempts; try again later');
    }
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !ok || !user.active) {
      await this.db.transaction(async (m) => {
        await m.insert(LoginAttempt, { username, ip, succeeded: false });
        await this.audit.record(
          { action: 'auth.login_failed', actorId: user?.id ?? null, targetType: 'user', targetId: username, ip, data: { reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled' } },
          m,
        );
      });
      throw new DomainError('unauthorized', 'wrong username or password');
    }
    const session = await this.db.transaction(async (m) => {
      await m.insert(LoginAttempt, { username, ip, succeeded: true });
      const created = await m.save(Session, m.create(Session, { userId: user.id, expiresAt: new Date(Date.now() + this.sessionTtlMs), ip, userAgent: userAgent?.slice(0, 300) ?? null, revokedAt: null }));
      await this.audit.record({ action: 'auth.login', actorId: user.id, targetType: 'user', targetId: user.id, ip }, m);
      return created;
    });
    const accessToken = await this.jwt.signAsync({ sub: user.id, sid: session.id } satisfies TokenClaims, { expiresIn: `${this.config.sessionTtlHours}h` });
    return {
      accessToken,
      user: { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, departmentId: user.departmentId, position: user.position },
    };
  }

  /** Resolves a bearer token or cookie value to the caller; null for anything not a live session of an active user. */
  async authenticate(token: string | undefined | null): Promise<Principal | null> {
    if (!token || token.length > 4096) return null;
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      return null;
    }
    if (typeof claims.sid !== 'string' || typeof claims.sub !== 'string') return null;
    const rows = (await this.db.query(
      `SELECT u.id, u.username, u.display_name, u.roles, u.department_id, u.position
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND u.id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      [claims.sid, claims.sub],
    )) as { id: string; username: string; display_name: string; roles: Principal['roles']; department_id: string | null; position: string | null }[];
    const row = rows[0];
    if (!row) return null;
    return { id: row.id, username: row.username, displayName: row.display_name, roles: row.roles, departmentId: row.department_id, position: row.position, sessionId: claims.sid };
  }

  async logout(principal: Principal, ip: string): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.update(Session, { id: principal.sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.audit.record({ action: 'auth.logout', actorId: principal.id, targetType: 'user', targetId: principal.id, ip }, m);
    });
    this.events.publish('sessions.revoked', { userId: principal.id, sessionIds: [principal.sessionId] });
  }

  async changePassword(principal: Principal, currentPassword: string, newPassword: string, ip: string): Promise<void> {
    const user = await this.db.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: principal.id }).getOne();
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new DomainError('bad_request', 'currentPassword: does not match');
    }
    if (currentPassword === newPassword) throw new DomainError('bad_request', 'newPassword: must differ from the current password');
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction(async (m) => {
      await m.update(User, { id: user.id }, { passwordHash, passwordChangedAt: new Date() });
      // Other devices sign in again; this one stays signed in.
      await m.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL', [user.id, principal.sessionId]);
      await this.audit.record({ action: 'auth.password_changed', actorId: user.id, targetType: 'user', targetId: user.id, ip }, m);
    });
    this.events.publish('sessions.revoked', { userId: user.id });
  }
}
