import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { toString as qrToString } from 'qrcode';
import { DomainError, type TotpEnrolment, type TotpStatus } from '@yakuba/contracts';
import { AuditService } from '../audit/audit.service';
import type { Principal } from './principal';
import { SecuritySettingsService } from './security-settings.service';

const PERIOD = 30;
const RECOVERY_CODES = 10;
const ISSUER = 'Yakuba';

const totpFor = (username: string, secret: string) =>
  new TOTP({ issuer: ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });

/** Recovery codes are long random strings: a plain SHA-256 is enough (no guessing to slow down), unlike passwords. */
const hashCode = (code: string) => createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');

/** What a second-factor check found. */
export type SecondFactorResult = 'ok' | 'wrong' | 'replayed';

/**
 * TOTP authenticators (RFC 6238: 6 digits, 30 s, SHA-1, what every authenticator app reads) with single-use
 * recovery codes. The seed is stored sealed (secret-box.ts); each accepted code's time step is remembered so the
 * same code (or an earlier one) is refused afterwards.
 */
@Injectable()
export class TotpService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: SecuritySettingsService,
    private readonly audit: AuditService,
  ) {}

  async status(userId: string): Promise<TotpStatus> {
    const [row] = (await this.db.query(
      `SELECT t.confirmed_at, (SELECT count(*)::int FROM totp_recovery_codes r WHERE r.user_id = t.user_id AND r.used_at IS NULL) AS left
         FROM totp_authenticators t WHERE t.user_id = $1 AND t.confirmed_at IS NOT NULL`,
      [userId],
    )) as { confirmed_at: Date; left: number }[];
    return {
      enrolled: !!row,
      enrolledAt: row?.confirmed_at.toISOString() ?? null,
      recoveryCodesLeft: row?.left ?? 0,
      requiredOutsideInternal: (await this.settings.get()).totp.requiredOutsideInternal,
    };
  }

  async enrolled(userId: string): Promise<boolean> {
    const [row] = (await this.db.query(`SELECT 1 FROM totp_authenticators WHERE user_id = $1 AND confirmed_at IS NOT NULL`, [userId])) as unknown[];
    return !!row;
  }

  /** A new secret to scan; replaces an unconfirmed one. An enrolled authenticator must be disabled first. */
  async start(user: Principal): Promise<TotpEnrolment> {
    if (await this.enrolled(user.id)) throw new DomainError('conflict', 'an authenticator is already enrolled; disable it first');
    const secret = new Secret({ size: 20 }).base32;
    await this.db.query(
      `INSERT INTO totp_authenticators (user_id, secret) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, confirmed_at = NULL, last_step = NULL, created_at = now()`,
      [user.id, this.settings.box.seal(secret)],
    );
    const otpauthUrl = totpFor(user.username, secret).toString();
    const qrSvg = await qrToString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret, otpauthUrl, qrSvg };
  }

  /** Confirms the pending secret with a code from the app; answers the recovery codes (shown once, stored hashed). */
  async confirm(user: Principal, code: string, ip: string): Promise<{ recoveryCodes: string[] }> {
    const [row] = (await this.db.query(`SELECT secret FROM totp_authenticators WHERE user_id = $1 AND confirmed_at IS NULL`, [user.id])) as {
      secret: string;
    }[];
    if (!row) throw new DomainError('conflict', 'start the enrolment first');
    const step = this.stepOf(user.username, this.settings.box.open(row.secret), code);
    if (step === null) throw new DomainError('bad_request', 'code: does not match the authenticator');
    const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () => {
      const raw = randomBytes(8).toString('hex');
      return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
    });
    await this.db.transaction(async (m) => {
      await m.query(`UPDATE totp_authenticators SET confirmed_at = now(), last_step = $2 WHERE user_id = $1`, [user.id, step]);
      await m.query(`DELETE FROM totp_recovery_codes WHERE user_id = $1`, [user.id]);
      for (const c of recoveryCodes) await m.query(`INSERT INTO totp_recovery_codes (user_id, code_hash) VALUES ($1, $2)`, [user.id, hashCode(c)]);
      await this.audit.record({ action: 'auth.totp_enrolled', actorId: user.id, targetType: 'user', targetId: user.id, ip }, m);
    });
    return { recoveryCodes };
  }

  /** Removes the authenticator: by its owner (with a current code) or by an administrator (lost phone). */
  async disable(actor: Principal, userId: string, ip: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const [, removed] = (await m.query(`DELETE FROM totp_authenticators WHERE user_id = $1`, [userId])) as [unknown, number];
      await m.query(`DELETE FROM totp_recovery_codes WHERE user_id = $1`, [userId]);
      if (!removed) throw new DomainError('not_found', 'no authenticator enrolled');
      await this.audit.record(
        { action: 'auth.totp_disabled', actorId: actor.id, targetType: 'user', targetId: userId, ip, data: { byAdministrator: actor.id !== userId } },
        m,
      );
    });
  }

  /**
   * Checks a second factor at sign-in (or before disabling): a 6-digit code of the enrolled authenticator, not used
   * before (its step must be later than the last accepted one, written atomically), or an unused recovery code.
   */
  async verify(userId: string, username: string, code: string): Promise<SecondFactorResult> {
    const trimmed = code.replace(/\s/g, '');
    if (/^\d{6}$/.test(trimmed)) {
      const [row] = (await this.db.query(`SELECT secret FROM totp_authenticators WHERE user_id = $1 AND confirmed_at IS NOT NULL`, [userId])) as {
        secret: string;
      }[];
      if (!row) return 'wrong';
      const step = this.stepOf(username, this.settings.box.open(row.secret), trimmed);
      if (step === null) return 'wrong';
      const [, updated] = (await this.db.query(
        `UPDATE totp_authenticators SET last_step = $2 WHERE user_id = $1 AND (last_step IS NULL OR last_step < $2)`,
        [userId, step],
      )) as [unknown, number];
      return updated ? 'ok' : 'replayed';
    }
    const [, used] = (await this.db.query(
      `UPDATE totp_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL`,
      [userId, hashCode(trimmed)],
    )) as [unknown, number];
    return used ? 'ok' : 'wrong';
  }

  /** The time step a code belongs to (one step of clock drift either way), or null when it matches none. */
  private stepOf(username: string, secret: string, code: string): number | null {
    const now = Date.now();
    const delta = totpFor(username, secret).validate({ token: code.replace(/\s/g, ''), timestamp: now, window: 1 });
    return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
  }
}
