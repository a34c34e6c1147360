import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { DomainError, type LoginResponse, type LoginThrottleView } from '@yakuba/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuditService } from '../audit/audit.service';
import { DomainEvents } from '../events/domain-events';
import { User } from '../directory/user.entity';
import { LoginAttempt, Session } from './session.entity';
import { delayAfter, throttleVerdict, type RecentFailures, type ThrottlePolicy } from './domain/login-throttle';
import { dummyHash, hashPassword, verifyPassword } from './password';
import type { Principal } from './principal';
import { API_TOKEN_PREFIX, ApiTokenService } from './api-tokens';

const THROTTLE_WINDOW_MINUTES = 15;
/** The first delay after a source's free failures; it doubles with each further failure, up to the window. */
const THROTTLE_BASE_DELAY_SECONDS = 30;
const DEVICE_COOKIE_DAYS = 365;

interface DeviceClaims {
  sub: string;
  dev: string;
  typ: 'device';
}

export type LoginResult = LoginResponse & { deviceToken: string };

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
    private readonly apiTokens: ApiTokenService,
  ) {}

  get sessionTtlMs(): number {
    return this.config.sessionTtlHours * 3600_000;
  }

  /**
   * Signs in, throttled by source (libs/platform/src/auth/domain/login-throttle.ts). `deviceToken` is the device
   * cookie a previous successful sign-in gave this browser; the answer carries a fresh one for the cookie.
   */
  async login(
    usernameInput: string,
    password: string,
    ip: string,
    userAgent: string | null,
    deviceToken?: string | null,
  ): Promise<LoginResult> {
    const username = usernameInput.trim().toLowerCase();
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
    const device = user ? await this.deviceOf(deviceToken, user.id) : null;
    const source = device ? `device:${device}` : `ip:${ip}`;
    const verdict = throttleVerdict(await this.recentFailures(username, source, ip), device !== null, this.throttlePolicy, new Date());
    if (!verdict.allowed) {
      await this.audit.record({
        action: 'auth.login_throttled',
        targetType: 'user',
        targetId: username,
        ip,
        data: { reason: verdict.reason, retryAfterSeconds: verdict.retryAfterSeconds },
      });
      throw new DomainError('rate_limited', `too many failed sign-in attempts; try again in ${verdict.retryAfterSeconds} s`, {
        retryAfterSeconds: verdict.retryAfterSeconds,
      });
    }
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !ok || !user.active) {
      await this.db.transaction(async (m) => {
        await m.insert(LoginAttempt, { username, ip, source, trusted: device !== null, succeeded: false });
        await this.audit.record(
          {
            action: 'auth.login_failed',
            actorId: user?.id ?? null,
            targetType: 'user',
            targetId: username,
            ip,
            data: { reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled' },
          },
          m,
        );
      });
      throw new DomainError('unauthorized', 'wrong username or password');
    }
    const session = await this.db.transaction(async (m) => {
      await m.insert(LoginAttempt, { username, ip, source, trusted: device !== null, succeeded: true });
      const created = await m.save(
        Session,
        m.create(Session, {
          userId: user.id,
          expiresAt: new Date(Date.now() + this.sessionTtlMs),
          ip,
          userAgent: userAgent?.slice(0, 300) ?? null,
          revokedAt: null,
        }),
      );
      await this.audit.record({ action: 'auth.login', actorId: user.id, targetType: 'user', targetId: user.id, ip }, m);
      return created;
    });
    const accessToken = await this.jwt.signAsync({ sub: user.id, sid: session.id } satisfies TokenClaims, {
      expiresIn: `${this.config.sessionTtlHours}h`,
    });
    const newDeviceToken = await this.jwt.signAsync({ sub: user.id, dev: device ?? randomUUID(), typ: 'device' } satisfies DeviceClaims, {
      expiresIn: `${DEVICE_COOKIE_DAYS}d`,
    });
    return {
      accessToken,
      deviceToken: newDeviceToken,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        roles: user.roles,
        departmentId: user.departmentId,
        position: user.position,
      },
    };
  }

  private get throttlePolicy(): ThrottlePolicy {
    return {
      freeFailuresPerSource: this.config.loginMaxFailuresPerAccount,
      // From anywhere without a device cookie, an account gets four times a source's free failures.
      freeFailuresPerAccount: this.config.loginMaxFailuresPerAccount * 4,
      freeFailuresPerAddress: this.config.loginMaxFailuresPerAddress,
      baseDelaySeconds: THROTTLE_BASE_DELAY_SECONDS,
      maxDelaySeconds: THROTTLE_WINDOW_MINUTES * 60,
      windowMinutes: THROTTLE_WINDOW_MINUTES,
    };
  }

  /** The device id of a device cookie that a sign-in to this user gave; null for anything else. */
  private async deviceOf(token: string | null | undefined, userId: string): Promise<string | null> {
    if (!token || token.length > 2048) return null;
    try {
      const claims = await this.jwt.verifyAsync<DeviceClaims>(token);
      return claims.typ === 'device' && claims.sub === userId && typeof claims.dev === 'string' ? claims.dev : null;
    } catch {
      return null;
    }
  }

  private async recentFailures(username: string, source: string, ip: string): Promise<RecentFailures> {
    const [row] = (await this.db.query(
      `SELECT count(*) FILTER (WHERE username = $1 AND source = $2)::int AS source_n, max(at) FILTER (WHERE username = $1 AND source = $2) AS source_last,
              count(*) FILTER (WHERE username = $1 AND NOT trusted)::int AS account_n, max(at) FILTER (WHERE username = $1 AND NOT trusted) AS account_last,
              count(*) FILTER (WHERE ip = $3 AND NOT trusted)::int AS address_n, max(at) FILTER (WHERE ip = $3 AND NOT trusted) AS address_last
         FROM login_attempts
        WHERE NOT succeeded AND cleared_at IS NULL AND at > now() - make_interval(mins => $4) AND (username = $1 OR ip = $3)`,
      [username, source, ip, THROTTLE_WINDOW_MINUTES],
    )) as {
      source_n: number;
      source_last: Date | null;
      account_n: number;
      account_last: Date | null;
      address_n: number;
      address_last: Date | null;
    }[];
    return {
      source: { count: row.source_n, last: row.source_last },
      account: { count: row.account_n, last: row.account_last },
      address: { count: row.address_n, last: row.address_last },
    };
  }

  /** Sources whose sign-ins are being delayed now, for administrators (newest first). */
  async throttled(): Promise<LoginThrottleView[]> {
    const rows = (await this.db.query(
      `SELECT username, source, ip, trusted, count(*)::int AS failures, max(at) AS last
         FROM login_attempts
        WHERE NOT succeeded AND cleared_at IS NULL AND at > now() - make_interval(mins => $1)
        GROUP BY username, source, ip, trusted ORDER BY last DESC LIMIT 500`,
      [THROTTLE_WINDOW_MINUTES],
    )) as { username: string; source: string; ip: string; trusted: boolean; failures: number; last: Date }[];
    const now = Date.now();
    const policy = this.throttlePolicy;
    return rows.map((r) => {
      const delay = delayAfter(r.failures, policy.freeFailuresPerSource, policy);
      const until = new Date(r.last.getTime() + delay * 1000);
      return {
        username: r.username,
        ip: r.ip,
        device: r.trusted,
        failures: r.failures,
        lastFailureAt: r.last.toISOString(),
        delayedUntil: until.getTime() > now ? until.toISOString() : null,
      };
    });
  }

  /** Clears the failures of an account (all sources), of an address, or of both together; audited. */
  async clearThrottle(actor: Principal, target: { username?: string; ip?: string }, ip: string): Promise<{ cleared: number }> {
    if (!target.username && !target.ip) throw new DomainError('bad_request', 'username or ip: name what to clear');
    return this.db.transaction(async (m) => {
      const [, cleared] = (await m.query(
        `UPDATE login_attempts SET cleared_at = now()
          WHERE NOT succeeded AND cleared_at IS NULL AND ($1::text IS NULL OR username = $1) AND ($2::text IS NULL OR ip = $2)`,
        [target.username?.trim().toLowerCase() ?? null, target.ip ?? null],
      )) as [unknown[], number];
      await this.audit.record(
        {
          action: 'auth.throttle_cleared',
          actorId: actor.id,
          targetType: 'user',
          targetId: target.username ?? null,
          ip,
          data: { address: target.ip ?? null, cleared },
        },
        m,
      );
      return { cleared };
    });
  }

  /** Resolves a bearer token or cookie value to the caller; null for anything not a live session of an active user. */
  async authenticate(token: string | undefined | null): Promise<Principal | null> {
    if (!token || token.length > 4096) return null;
    if (token.startsWith(API_TOKEN_PREFIX)) return this.apiTokens.authenticate(token);
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      return null;
    }
    if (typeof claims.sid !== 'string' || typeof claims.sub !== 'string') return null;
    const rows = (await this.db.query(
      `SELECT u.id, u.username, u.display_name, u.roles, u.department_id, u.position, u.guest_channel_id, u.guest_expires_at
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND u.id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active
          AND (u.guest_expires_at IS NULL OR u.guest_expires_at > now())`,
      [claims.sid, claims.sub],
    )) as {
      id: string;
      username: string;
      display_name: string;
      roles: Principal['roles'];
      department_id: string | null;
      position: string | null;
      guest_channel_id: string | null;
      guest_expires_at: Date | null;
    }[];
    const row = rows[0];
    if (!row) return null;
    const guest =
      row.guest_channel_id && row.guest_expires_at
        ? { channelId: row.guest_channel_id, expiresAt: row.guest_expires_at.toISOString() }
        : undefined;
    return {
      ...(guest ? { guest } : {}),
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles,
      departmentId: row.department_id,
      position: row.position,
      sessionId: claims.sid,
    };
  }

  async logout(principal: Principal, ip: string): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.update(Session, { id: principal.sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.audit.record({ action: 'auth.logout', actorId: principal.id, targetType: 'user', targetId: principal.id, ip }, m);
    });
    this.events.publish('sessions.revoked', { userId: principal.id, sessionIds: [principal.sessionId] });
  }

  async changePassword(principal: Principal, currentPassword: string, newPassword: string, ip: string): Promise<void> {
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: principal.id })
      .getOne();
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new DomainError('bad_request', 'currentPassword: does not match');
    }
    if (currentPassword === newPassword) throw new DomainError('bad_request', 'newPassword: must differ from the current password');
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction(async (m) => {
      await m.update(User, { id: user.id }, { passwordHash, passwordChangedAt: new Date() });
      // Other devices sign in again; this one stays signed in.
      await m.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL', [
        user.id,
        principal.sessionId,
      ]);
      await this.audit.record({ action: 'auth.password_changed', actorId: user.id, targetType: 'user', targetId: user.id, ip }, m);
    });
    this.events.publish('sessions.revoked', { userId: user.id });
  }
}
