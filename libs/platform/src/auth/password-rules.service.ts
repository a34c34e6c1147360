import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '@yakuba/contracts';
import { historyDepth, passwordProblems } from './domain/password-policy';
import { hashPassword, verifyPassword } from './password';
import { SecuritySettingsService } from './security-settings.service';

/** The most hashes kept per account: enough for any history setting the screen allows (24). */
const HISTORY_KEPT = 24;

/**
 * The one place a new password is checked against the administrators' policy (length, classes, history) and
 * hashed: own change, administrator's create and reset, CSV import. Every caller goes through `prepare`.
 */
@Injectable()
export class PasswordRules {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: SecuritySettingsService,
  ) {}

  /** Problems of a password under the policy, history aside (for the import's per-row report). */
  async problems(password: string): Promise<string[]> {
    return passwordProblems(password, (await this.settings.get()).password);
  }

  /**
   * Checks a new password (for `userId`'s history when given) and returns its hash, or throws bad_request naming
   * `field` with every problem.
   */
  async prepare(password: string, userId: string | null, field = 'password'): Promise<string> {
    const policy = (await this.settings.get()).password;
    let problems = passwordProblems(password, policy);
    if (problems.length === 0 && userId && (await this.reused(userId, password, historyDepth(policy)))) {
      problems = passwordProblems(password, policy, true);
    }
    if (problems.length > 0) throw new DomainError('bad_request', `${field}: ${problems.join('; ')}`);
    return hashPassword(password);
  }

  /** Remembers a password just set (inside the caller's transaction) and forgets the oldest beyond HISTORY_KEPT. */
  async remember(m: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await m.query(`INSERT INTO password_history (user_id, password_hash) VALUES ($1, $2)`, [userId, passwordHash]);
    await m.query(
      `DELETE FROM password_history WHERE user_id = $1 AND id NOT IN (SELECT id FROM password_history WHERE user_id = $1 ORDER BY id DESC LIMIT $2)`,
      [userId, HISTORY_KEPT],
    );
  }

  /** Whether the password is the current one or one of the last `depth` set (the current counts as one). */
  private async reused(userId: string, password: string, depth: number): Promise<boolean> {
    const rows = (await this.db.query(
      `(SELECT password_hash FROM users WHERE id = $1)
       UNION ALL
       (SELECT password_hash FROM password_history WHERE user_id = $1 ORDER BY id DESC LIMIT $2)`,
      [userId, depth],
    )) as { password_hash: string }[];
    const hashes = [...new Set(rows.map((r) => r.password_hash))].slice(0, depth);
    for (const hash of hashes) if (await verifyPassword(hash, password)) return true;
    return false;
  }
}
