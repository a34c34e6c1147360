import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { randomUUID } from 'node:crypto';
import {
  DomainError,
  type DateStyle,
  type LoginResponse,
  type LoginThrottleView,
  type MeView,
  type SessionProbe,
  type SessionStatus,
  type TotpChallenge,
  type UserPreferences,
} from '@yakuba/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuditService } from '../audit/audit.service';
import { DomainEvents } from '../events/domain-events';
import { User } from '../directory/user.entity';
import { LoginAttempt, Session } from './session.entity';
import { delayAfter, throttleVerdict, type RecentFailures, type ThrottlePolicy } from './domain/login-throttle';
import { touchDue, touchGranularityMs } from './domain/session-timeouts';
import { isUuid } from '../text/ids';
import { inNetworks } from './domain/networks';
import { dummyHash, verifyPassword } from './password';
import type { Principal } from './principal';
import { LdapAccounts } from './ldap-accounts.service';
import { LdapDirectory } from './ldap-directory';
import { PasswordRules } from './password-rules.service';
import { SecuritySettingsService } from './security-settings.service';
import { liveSessionSql } from './sessions.service';
import { TotpService } from './totp.service';
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

/** A session (cookies to set), or the second step to ask for. */
export type LoginResult = (LoginResponse & { deviceToken: string; cookieMaxAgeMs: number }) | TotpChallenge;

interface TokenClaims {
  sub: string;
  sid: string;
}

/** The proof between the password and the code: who, and from which throttling source. */
interface ChallengeClaims {
  sub: string;
  src: string;
  dev: string | null;
  via: 'password' | 'ldap';
  typ: 'totp-challenge';
}
const CHALLENGE_MINUTES = 5;

type SignInUser = Pick<
  User,
  'id' | 'username' | 'displayName' | 'roles' | 'departmentId' | 'position' | 'mustChangePassword' | 'authSource'
>;

@Injectable()
export class AuthService {
  /** When each session's activity was last written by this process (socket events; HTTP uses the row it reads). */
  private readonly touched = new Map<string, number>();
  /** Socket activity not written yet, by session: when it happened (written together, see `touch`). */
  private readonly pendingTouches = new Map<string, Date>();
  private touchTimer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly settings: SecuritySettingsService,
    private readonly passwords: PasswordRules,
    private readonly totp: TotpService,
    private readonly ldapAccounts: LdapAccounts,
    private readonly apiTokens: ApiTokenService,
  ) {}

  /**
   * Signs in, throttled by source (libs/platform/src/auth/domain/login-throttle.ts). Local accounts check the
   * stored hash; others, when LDAP is on, bind to the directory (and their account follows it). An account with an
   * authenticator answers a challenge for the code instead of a session; from outside the internal networks, an
   * account without one is refused when the administrators require it. `deviceToken` is the device cookie a
   * previous successful sign-in gave this browser; a session answer carries a fresh one for the cookie.
   */
  async login(
    usernameInput: string,
    password: string,
    ip: string,
    userAgent: string | null,
    deviceToken?: string | null,
  ): Promise<LoginResult> {
    const username = usernameInput.trim().toLowerCase();
    let user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
    const device = user ? await this.deviceOf(deviceToken, user.id) : null;
    const source = device ? `device:${device}` : `ip:${ip}`;
    await this.checkThrottle(username, source, ip, device !== null);
    const settings = await this.settings.get();
    const viaDirectory = settings.ldap.enabled && (!user || user.authSource === 'ldap');
    let failure: string | null = null;
    if (viaDirectory) {
      const verdict = await new LdapDirectory(settings.ldap, this.settings.box).authenticate(username, password);
      if (verdict.kind === 'ok') user = await this.ldapAccounts.sync(username, verdict.person, settings.ldap, ip);
      else failure = `ldap_${verdict.kind}`;
      if (verdict.kind === 'error') failure = `ldap_error: ${verdict.message}`.slice(0, 300);
    } else {
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
      // A directory account while LDAP is off has no password here.
      failure = !user ? 'unknown_user' : !ok || user.authSource !== 'local' ? 'wrong_password' : null;
    }
    if (!failure && user && !user.active) failure = 'disabled';
    // A guest past its expiry is refused even before the disasters sweep has disabled the account.
    if (!failure && user && (await this.guestExpired(user.id))) failure = 'guest_expired';
    if (failure || !user) {
      await this.recordFailure(username, ip, source, device !== null, user?.id ?? null, failure ?? 'unknown_user', 'auth.login_failed');
      throw new DomainError('unauthorized', 'wrong username or password');
    }
    const via = viaDirectory ? 'ldap' : 'password';
    if (await this.totp.enrolled(user.id)) {
      const challenge = await this.jwt.signAsync(
        { sub: user.id, src: source, dev: device, via, typ: 'totp-challenge' } satisfies ChallengeClaims,
        {
          expiresIn: `${CHALLENGE_MINUTES}m`,
        },
      );
      return { totpRequired: true, challenge };
    }
    if (settings.totp.requiredOutsideInternal && !inNetworks(ip, settings.totp.internalNetworks)) {
      await this.audit.record({
        action: 'auth.login_refused_outside',
        actorId: user.id,
        targetType: 'user',
        targetId: user.id,
        ip,
        data: { reason: 'no authenticator enrolled' },
      });
      throw new DomainError(
        'forbidden',
        'totp_required: signing in from outside the town hall network needs an authenticator; enrol one on your account page from inside first',
      );
    }
    return this.startSession(user, ip, userAgent, device, source, { via, secondFactor: false });
  }

  /** The second step: the challenge from `login` and a code of the authenticator (or a recovery code). */
  async loginWithCode(challenge: string, code: string, ip: string, userAgent: string | null): Promise<LoginResult> {
    let claims: ChallengeClaims;
    try {
      claims = await this.jwt.verifyAsync<ChallengeClaims>(challenge);
    } catch {
      throw new DomainError('unauthorized', 'the sign-in took too long; enter your password again');
    }
    if (claims.typ !== 'totp-challenge' || typeof claims.sub !== 'string') throw new DomainError('unauthorized', 'sign in again');
    const user = await this.db.getRepository(User).findOneBy({ id: claims.sub, active: true });
    if (!user) throw new DomainError('unauthorized', 'sign in again');
    await this.checkThrottle(user.username, claims.src, ip, claims.dev !== null);
    const result = await this.totp.verify(user.id, user.username, code);
    if (result !== 'ok') {
      await this.recordFailure(user.username, ip, claims.src, claims.dev !== null, user.id, `totp_${result}`, 'auth.totp_failed');
      throw new DomainError('unauthorized', result === 'replayed' ? 'that code was used already; wait for the next one' : 'wrong code');
    }
    return this.startSession(user, ip, userAgent, claims.dev, claims.src, { via: claims.via, secondFactor: true });
  }

  private async checkThrottle(username: string, source: string, ip: string, trusted: boolean): Promise<void> {
    const verdict = throttleVerdict(await this.recentFailures(username, source, ip), trusted, this.throttlePolicy, new Date());
    if (verdict.allowed) return;
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

  private async recordFailure(
    username: string,
    ip: string,
    source: string,
    trusted: boolean,
    userId: string | null,
    reason: string,
    action: string,
  ) {
    await this.db.transaction(async (m) => {
      await m.insert(LoginAttempt, { username, ip, source, trusted, succeeded: false });
      await this.audit.record({ action, actorId: userId, targetType: 'user', targetId: username, ip, data: { reason } }, m);
    });
  }

  private async startSession(
    user: SignInUser,
    ip: string,
    userAgent: string | null,
    device: string | null,
    source: string,
    how: { via: 'password' | 'ldap'; secondFactor: boolean },
  ): Promise<LoginResult> {
    const { session: timeouts } = await this.settings.get();
    const lifetimeMs = timeouts.absoluteTimeoutSeconds * 1000;
    const session = await this.db.transaction(async (m) => {
      await m.insert(LoginAttempt, { username: user.username, ip, source, trusted: device !== null, succeeded: true });
      const created = await m.save(
        Session,
        m.create(Session, {
          userId: user.id,
          expiresAt: new Date(Date.now() + lifetimeMs),
          ip,
          userAgent: userAgent?.slice(0, 300) ?? null,
          revokedAt: null,
        }),
      );
      await this.audit.record({ action: 'auth.login', actorId: user.id, targetType: 'user', targetId: user.id, ip, data: how }, m);
      return created;
    });
    const accessToken = await this.jwt.signAsync({ sub: user.id, sid: session.id } satisfies TokenClaims, {
      expiresIn: Math.ceil(lifetimeMs / 1000),
    });
    const newDeviceToken = await this.jwt.signAsync({ sub: user.id, dev: device ?? randomUUID(), typ: 'device' } satisfies DeviceClaims, {
      expiresIn: `${DEVICE_COOKIE_DAYS}d`,
    });
    const preferences = await this.preferencesOf(user.id);
    return {
      accessToken,
      deviceToken: newDeviceToken,
      cookieMaxAgeMs: lifetimeMs,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        roles: user.roles,
        departmentId: user.departmentId,
        position: user.position,
        mustChangePassword: user.mustChangePassword,
        authSource: user.authSource,
        timeZone: this.config.timeZone,
        preferences,
      } as LoginResponse['user'],
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
  private async guestExpired(userId: string): Promise<boolean> {
    const found = (await this.db.query(`SELECT 1 FROM users WHERE id = $1 AND guest_expires_at <= now()`, [userId])) as unknown[];
    return found.length > 0;
  }

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

  /**
   * Resolves a bearer token or cookie value to the caller; null for anything not a live session of an active user
   * (revoked, idle longer than the idle timeout, older than the absolute timeout). A request's activity is written
   * back only when the stored time is staler than the touch granularity (domain/session-timeouts.ts), so a busy
   * user costs one write a minute; `touch: false` for checks that are no activity (the socket sweep).
   */
  async authenticate(token: string | undefined | null, options: { touch?: boolean } = {}): Promise<Principal | null> {
    if (!token || token.length > 4096) return null;
    if (token.startsWith(API_TOKEN_PREFIX)) return this.apiTokens.authenticate(token);
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      return null;
    }
    if (typeof claims.sid !== 'string' || typeof claims.sub !== 'string') return null;
    const { session: timeouts } = await this.settings.get();
    const rows = (await this.db.query(
      `SELECT u.id, u.username, u.display_name, u.roles, u.department_id, u.position, u.must_change_password, u.auth_source, s.last_active_at,
              u.guest_channel_id, u.guest_expires_at, u.date_style
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND u.id = $2 AND u.active AND ${liveSessionSql(3, 4)}
          AND (u.guest_expires_at IS NULL OR u.guest_expires_at > now())`,
      [claims.sid, claims.sub, timeouts.absoluteTimeoutSeconds, timeouts.idleTimeoutSeconds],
    )) as {
      id: string;
      username: string;
      display_name: string;
      roles: Principal['roles'];
      department_id: string | null;
      position: string | null;
      must_change_password: boolean;
      auth_source: 'local' | 'ldap';
      last_active_at: Date;
      guest_channel_id: string | null;
      guest_expires_at: Date | null;
      date_style: DateStyle | null;
    }[];
    const row = rows[0];
    if (!row) return null;
    if (options.touch !== false && touchDue(row.last_active_at, timeouts, new Date())) await this.writeActivity(claims.sid);
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
      mustChangePassword: row.must_change_password,
      authSource: row.auth_source,
      dateStyle: row.date_style,
    };
  }

  /**
   * Why the session this token names is not usable any more (or that it is): the account disabled, signed out
   * (logout, ended by the user or an administrator, a password change), expired (idle or absolute timeout, a
   * guest's end), or no session at all. Only for the token's holder: it says nothing about anyone else.
   */
  async sessionStatus(token: string | null): Promise<SessionStatus> {
    if (!token || token.length > 4096 || token.startsWith(API_TOKEN_PREFIX)) return 'none';
    let claims: TokenClaims;
    try {
      // An expired token's session has expired: the signature still says whose it was.
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { ignoreExpiration: true });
    } catch {
      return 'none';
    }
    if (typeof claims.sid !== 'string' || typeof claims.sub !== 'string') return 'none';
    const { session: timeouts } = await this.settings.get();
    const [row] = (await this.db.query(
      `SELECT u.active, s.revoked_at IS NOT NULL AS revoked, (${liveSessionSql(3, 4)}) AS live,
              (u.guest_expires_at IS NOT NULL AND u.guest_expires_at <= now()) AS guest_ended
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND u.id = $2`,
      [claims.sid, claims.sub, timeouts.absoluteTimeoutSeconds, timeouts.idleTimeoutSeconds],
    )) as { active: boolean; revoked: boolean; live: boolean; guest_ended: boolean }[];
    if (!row) return 'none';
    if (!row.active) return 'account_disabled';
    if (row.guest_ended) return 'expired';
    if (row.revoked) return 'signed_out';
    return row.live ? 'active' : 'expired';
  }

  /**
   * Socket events are activity too: noted as coarsely as requests' (at most once per granularity per process) and
   * written for every session at once, within a second or a granularity, whichever is shorter, with the time each
   * happened. After a quiet spell every user's first event is due at the same moment: one statement and one commit
   * then, not one per user in the middle of their messages.
   */
  async touch(sessionId: string): Promise<void> {
    const { session: timeouts } = await this.settings.get();
    const last = this.touched.get(sessionId);
    if (!isUuid(sessionId) || (last !== undefined && !touchDue(new Date(last), timeouts, new Date()))) return;
    this.touched.set(sessionId, Date.now());
    if (this.touched.size > 10_000) this.touched.clear();
    this.pendingTouches.set(sessionId, new Date());
    if (!this.touchTimer) {
      this.touchTimer = setTimeout(() => void this.writeTouches().catch(() => undefined), Math.min(1000, touchGranularityMs(timeouts)));
      this.touchTimer.unref();
    }
  }

  private async writeTouches(): Promise<void> {
    this.touchTimer = undefined;
    const batch = [...this.pendingTouches];
    this.pendingTouches.clear();
    if (batch.length === 0) return;
    await this.db.query(
      `UPDATE sessions s SET last_active_at = GREATEST(s.last_active_at, v.at)
         FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, at) WHERE s.id = v.id AND s.revoked_at IS NULL`,
      [batch.map(([id]) => id), batch.map(([, at]) => at)],
    );
  }

  private async writeActivity(sessionId: string): Promise<void> {
    this.touched.set(sessionId, Date.now());
    if (this.touched.size > 10_000) this.touched.clear();
    await this.db.query(`UPDATE sessions SET last_active_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
  }

  me(principal: Principal): MeView {
    return {
      id: principal.id,
      username: principal.username,
      displayName: principal.displayName,
      roles: principal.roles,
      departmentId: principal.departmentId,
      position: principal.position,
      mustChangePassword: principal.mustChangePassword ?? false,
      authSource: principal.authSource ?? 'local',
      ...(principal.guest ? { guest: principal.guest } : {}),
      timeZone: this.config.timeZone,
      preferences: { dateStyle: principal.dateStyle ?? null },
    };
  }

  /**
   * The web client's first question, answered 200 whether or not the browser is signed in (a 401 would be logged
   * in the console of every sign-in page). An API token is no browser session: `user` is null for it.
   */
  async probe(token: string | null): Promise<SessionProbe> {
    const principal = await this.authenticate(token);
    return { user: principal && !principal.apiToken ? this.me(principal) : null, timeZone: this.config.timeZone };
  }

  preferences(principal: Principal): Promise<UserPreferences> {
    return this.preferencesOf(principal.id);
  }

  private async preferencesOf(userId: string): Promise<UserPreferences> {
    const rows = (await this.db.query(`SELECT date_style FROM users WHERE id = $1`, [userId])) as { date_style: DateStyle | null }[];
    return { dateStyle: rows[0]?.date_style ?? null };
  }

  /** Replaces my display choices; the user's other open pages read them at their next load. */
  async setPreferences(principal: Principal, preferences: UserPreferences): Promise<UserPreferences> {
    await this.db.query(`UPDATE users SET date_style = $2 WHERE id = $1`, [principal.id, preferences.dateStyle]);
    return this.preferencesOf(principal.id);
  }

  async logout(principal: Principal, ip: string): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.update(Session, { id: principal.sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.audit.record({ action: 'auth.logout', actorId: principal.id, targetType: 'user', targetId: principal.id, ip }, m);
    });
    this.events.publish('sessions.revoked', { userId: principal.id, sessionIds: [principal.sessionId] });
  }

  /** Own change: the current password, then the policy (length, classes, history); ends the forced change. */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string, ip: string): Promise<void> {
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: principal.id })
      .getOne();
    if (user?.authSource === 'ldap')
      throw new DomainError('conflict', 'this account signs in with the directory; change the password there', {
        reason: 'directory_managed',
      });
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new DomainError('bad_request', 'currentPassword: does not match');
    }
    if (currentPassword === newPassword) throw new DomainError('bad_request', 'newPassword: must differ from the current password');
    const passwordHash = await this.passwords.prepare(newPassword, user.id, 'newPassword');
    await this.db.transaction(async (m) => {
      await m.update(User, { id: user.id }, { passwordHash, passwordChangedAt: new Date(), mustChangePassword: false });
      await this.passwords.remember(m, user.id, passwordHash);
      // Other devices sign in again; this one stays signed in.
      await m.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL', [
        user.id,
        principal.sessionId,
      ]);
      await this.audit.record(
        {
          action: 'auth.password_changed',
          actorId: user.id,
          targetType: 'user',
          targetId: user.id,
          ip,
          data: { forced: user.mustChangePassword },
        },
        m,
      );
    });
    this.events.publish('sessions.revoked', { userId: user.id });
  }
}
