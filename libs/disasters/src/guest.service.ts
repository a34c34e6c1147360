import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, type GuestInvitation, type GuestView } from '@yakuba/contracts';
import { AuditService, GuestAccountsService, isUuid, type Principal } from '@yakuba/platform';
import { actorOf, rows, DisasterStore, type Actor, type DisasterRow } from './disaster-store';
import { assertActive, checkGuestExpiry, guestDisplayName } from './domain/disaster-rules';
import type { GuestInviteDto } from './dto/disasters.dto';

interface GuestRow {
  user_id: string;
  username: string;
  display_name: string;
  organisation: string;
  disaster_id: string;
  channel_id: string;
  expires_at: Date;
  invited_by: string;
  created_at: Date;
  removed_at: Date | null;
  active: boolean;
}

const GUEST_SQL = `SELECT g.user_id, u.username, u.display_name, g.organisation, g.disaster_id, u.guest_channel_id AS channel_id,
  u.guest_expires_at AS expires_at, g.invited_by, g.created_at, g.removed_at, u.active
  FROM disaster_guests g JOIN users u ON u.id = g.user_id`;

const view = (r: GuestRow): GuestView => ({
  id: r.user_id,
  username: r.username,
  displayName: r.display_name,
  organisation: r.organisation,
  disasterId: r.disaster_id,
  channelId: r.channel_id,
  expiresAt: r.expires_at.toISOString(),
  invitedBy: r.invited_by,
  createdAt: r.created_at.toISOString(),
  active: r.active && r.removed_at === null && r.expires_at.getTime() > Date.now(),
});

/** How often expired guests are taken out of their channel. */
const SWEEP_MS = 30_000;

/** Outside responders in one disaster channel until an expiry, the close, or removal. */
@Injectable()
export class GuestService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('disasters');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: DisasterStore,
    private readonly accounts: GuestAccountsService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep().catch((e: unknown) => this.logger.warn(`guest sweep failed: ${String(e)}`)), SWEEP_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async invite(user: Principal, disasterId: string, dto: GuestInviteDto): Promise<GuestInvitation> {
    const disaster = await this.store.load(user, disasterId, 'run');
    assertActive(disaster);
    const expiresAt = new Date(dto.expiresAt);
    checkGuestExpiry(expiresAt, new Date());
    const actor = actorOf(user);
    const created = await this.store.db.transaction(async (m) => {
      const account = await this.accounts.create(m, {
        displayName: guestDisplayName(dto.displayName, dto.organisation),
        organisation: dto.organisation.trim(),
        channelId: disaster.channel_id,
        expiresAt,
      });
      await m.query(`INSERT INTO disaster_guests (user_id, disaster_id, organisation, invited_by) VALUES ($1, $2, $3, $4)`, [
        account.id,
        disaster.id,
        dto.organisation.trim(),
        actor.id,
      ]);
      await this.store.channels.addMember(m, disaster.channel_id, account.id);
      await this.store.record(m, disaster.id, 'guest_invited', actor, `ゲスト招待：${dto.displayName}（${dto.organisation}）`, account.id);
      await this.audit.record(
        { action: 'disaster.guest.invited', actorId: actor.id, targetType: 'user', targetId: account.id, data: { disasterId } },
        m,
      );
      return account;
    });
    await this.store.channels.announce(disaster.channel_id, [created.id]);
    const [row] = await rows<GuestRow>(this.store.db.manager, `${GUEST_SQL} WHERE g.user_id = $1`, [created.id]);
    return { guest: view(row), username: created.username, password: created.password };
  }

  async list(user: Principal, disasterId: string): Promise<GuestView[]> {
    await this.store.load(user, disasterId, 'run');
    return (await rows<GuestRow>(this.store.db.manager, `${GUEST_SQL} WHERE g.disaster_id = $1 ORDER BY g.created_at`, [disasterId])).map(
      view,
    );
  }

  async remove(user: Principal, disasterId: string, guestId: string): Promise<void> {
    const disaster = await this.store.load(user, disasterId, 'run');
    if (!isUuid(guestId)) throw new DomainError('not_found', 'guest not found');
    const ended = await this.store.db.transaction(async (m) => {
      const [row] = await rows<{ user_id: string }>(
        m,
        `UPDATE disaster_guests SET removed_at = now() WHERE user_id = $1 AND disaster_id = $2 AND removed_at IS NULL RETURNING user_id`,
        [guestId, disaster.id],
      );
      if (!row) throw new DomainError('not_found', 'guest not found');
      await this.accounts.end([guestId], m);
      await this.store.record(
        m,
        disaster.id,
        'guest_removed',
        actorOf(user),
        `ゲスト退出：${await this.store.displayName(guestId)}`,
        guestId,
      );
      return [guestId];
    });
    await this.afterEnd(disaster, ended);
  }

  /** At close: every guest of the disaster is ended in the closing transaction. */
  async endAll(m: EntityManager, disaster: DisasterRow, actor: Actor): Promise<string[]> {
    const ended = await rows<{ user_id: string }>(
      m,
      `UPDATE disaster_guests SET removed_at = now() WHERE disaster_id = $1 AND removed_at IS NULL RETURNING user_id`,
      [disaster.id],
    );
    const ids = ended.map((r) => r.user_id);
    await this.accounts.end(ids, m);
    if (ids.length) await this.store.record(m, disaster.id, 'guest_removed', actor, `終了によりゲスト${ids.length}名が退出`, null);
    return ids;
  }

  /** After the commit: out of the channel, sockets closed. */
  async afterEnd(disaster: DisasterRow, ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.store.channels.removeMembers(disaster.channel_id, ids);
    this.accounts.published(ids);
  }

  /** Guests past their expiry leave their channel. */
  async sweep(): Promise<number> {
    const expired = await this.accounts.expired();
    for (const guest of expired) {
      const [link] = await rows<DisasterRow>(
        this.store.db.manager,
        `SELECT d.* FROM disasters d JOIN disaster_guests g ON g.disaster_id = d.id WHERE g.user_id = $1`,
        [guest.id],
      );
      // Claimed in the transaction (the row lock makes another node's sweep wait, then find it ended): with several
      // server nodes each sweeps, and an expiry is still recorded and announced once.
      const claimed = await this.store.db.transaction(async (m) => {
        const [still] = await rows<{ id: string }>(m, `SELECT id FROM users WHERE id = $1 AND active FOR UPDATE`, [guest.id]);
        if (!still) return false;
        await m.query(`UPDATE disaster_guests SET removed_at = COALESCE(removed_at, now()) WHERE user_id = $1`, [guest.id]);
        await this.accounts.end([guest.id], m);
        if (link)
          await this.store.record(
            m,
            link.id,
            'guest_removed',
            null,
            `期限切れによりゲスト退出：${await this.store.displayName(guest.id)}`,
            guest.id,
          );
        return true;
      });
      if (claimed && link) await this.afterEnd(link, [guest.id]);
    }
    return expired.length;
  }
}
