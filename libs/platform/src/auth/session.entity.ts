import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A signed-in session; the JWT names it (`sid`) so that logout, password changes and disabling revoke it. */
@Entity('sessions')
export class Session {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'user_id' }) userId: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'expires_at' }) expiresAt: Date;
  /** Written at most once a minute (domain/session-timeouts.ts): the idle timeout counts from here. */
  @Column({ type: 'timestamptz', name: 'last_active_at', default: () => 'now()' }) lastActiveAt: Date;
  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  @Column({ type: 'text', nullable: true }) ip: string | null;
  @Column({ type: 'text', name: 'user_agent', nullable: true }) userAgent: string | null;
}

/** Every sign-in attempt, successful or not; throttling counts the failed, uncleared ones only. */
@Entity('login_attempts')
export class LoginAttempt {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ type: 'text' }) username: string;
  @Column({ type: 'text' }) ip: string;
  @Column({ type: 'boolean' }) succeeded: boolean;
  /** `ip:<address>`, or `device:<id>` when the browser showed a device cookie of this account. */
  @Column({ type: 'text' }) source: string;
  @Column({ type: 'boolean', default: false }) trusted: boolean;
  @Column({ type: 'timestamptz', name: 'cleared_at', nullable: true }) clearedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) at: Date;
}
