import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password';
import { DomainEvents } from '../events/domain-events';

export interface GuestAccountInput {
  displayName: string;
  organisation: string;
  channelId: string;
  expiresAt: Date;
}

/**
 * Guest accounts: `users` rows with no role, confined to one channel until an expiry (auth/scope.ts enforces it on
 * every route, socket event and broadcast; AuthService refuses them once expired). Only the disasters context
 * invites them; a guest signs in on the normal sign-in page with the username and password shown once.
 */
@Injectable()
export class GuestAccountsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
  ) {}

  /** Creates the account in the caller's transaction; answers its id and the credentials to hand over. */
  async create(m: EntityManager, input: GuestAccountInput): Promise<{ id: string; username: string; password: string }> {
    const username = `guest-${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('base64url');
    const [row] = (await m.query(
      `INSERT INTO users (username, display_name, roles, active, password_hash, guest_channel_id, guest_expires_at, guest_organisation)
       VALUES ($1, $2, '{}', true, $3, $4, $5, $6) RETURNING id`,
      [username, input.displayName, await hashPassword(password), input.channelId, input.expiresAt, input.organisation],
    )) as { id: string }[];
    return { id: row.id, username, password };
  }

  /** Ends guest accounts at once: disabled, sessions revoked, open sockets closed (after the caller's commit). */
  async end(userIds: string[], m: EntityManager = this.db.manager): Promise<void> {
    if (!userIds.length) return;
    await m.query(`UPDATE users SET active = false WHERE id = ANY($1::uuid[]) AND guest_channel_id IS NOT NULL`, [userIds]);
    await m.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = ANY($1::uuid[]) AND revoked_at IS NULL`, [userIds]);
  }

  /** After the commit of `end`: their sockets are closed. */
  published(userIds: string[]): void {
    for (const userId of userIds) this.events.publish('sessions.revoked', { userId });
  }

  /** Guests whose expiry has passed and who are still active. */
  async expired(): Promise<{ id: string; channelId: string }[]> {
    return (
      (await this.db.query(
        `SELECT id, guest_channel_id FROM users WHERE guest_channel_id IS NOT NULL AND active AND guest_expires_at <= now()`,
      )) as { id: string; guest_channel_id: string }[]
    ).map((r) => ({ id: r.id, channelId: r.guest_channel_id }));
  }
}
