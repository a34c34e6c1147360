import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainEvents } from '@yakuba/platform';
import { rows } from './chat-views';
import { MembershipService } from './membership.service';

/**
 * Which memberships (cm) of user u in channel c the directory ends: a department channel that is no longer the user's
 * or whose user is disabled, and an open all-staff channel (全庁連絡, a disaster's) of a disabled member of staff, who
 * would otherwise stay among a disaster's pending and unanswered people. Re-enabled, they join again.
 */
export const LEAVES_SQL = `((c.department_id IS NOT NULL AND (u.department_id IS DISTINCT FROM c.department_id OR NOT u.active))
  OR (c.all_staff AND c.archived_at IS NULL AND NOT u.active AND NOT u.system AND u.guest_channel_id IS NULL))`;

/**
 * Keeps department channels in step with the directory: one private channel per department whose members are
 * exactly the active staff of that department. Runs for everyone at seeding and when the directory changes.
 */
@Injectable()
export class DepartmentChannelsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly membership: MembershipService,
    private readonly events: DomainEvents,
  ) {}

  async syncDepartmentChannels(): Promise<void> {
    const { added, removed } = await this.db.transaction(async (m) => {
      await m.query(`INSERT INTO chat_channels (type, name, topic, department_id)
        SELECT 'private', d.name, d.name || 'の連絡用チャンネル', d.id FROM departments d
        WHERE NOT EXISTS (SELECT 1 FROM chat_channels c WHERE c.department_id = d.id)`);
      const added = await rows<{ channel_id: string; user_id: string }>(
        m,
        `INSERT INTO chat_members (channel_id, user_id) SELECT c.id, u.id FROM users u JOIN chat_channels c ON c.department_id = u.department_id
         WHERE u.active ON CONFLICT DO NOTHING RETURNING channel_id, user_id`,
      );
      // Channels for all staff (a disaster's, while it is open) take in whoever joins the staff.
      added.push(
        ...(await rows<{ channel_id: string; user_id: string }>(
          m,
          `INSERT INTO chat_members (channel_id, user_id) SELECT c.id, u.id FROM users u CROSS JOIN chat_channels c
           WHERE c.all_staff AND c.archived_at IS NULL AND u.active AND NOT u.system AND u.guest_channel_id IS NULL
           ON CONFLICT DO NOTHING RETURNING channel_id, user_id`,
        )),
      );
      const removed = await rows<{ channel_id: string; user_id: string }>(
        m,
        `DELETE FROM chat_members cm USING chat_channels c, users u WHERE cm.channel_id = c.id AND u.id = cm.user_id
         AND ${LEAVES_SQL} RETURNING cm.channel_id, cm.user_id`,
      );
      return { added, removed };
    });
    for (const r of removed) this.events.publish('chat.members-left', { channelId: r.channel_id, userIds: [r.user_id] });
    for (const r of added) await this.membership.announceJoined(r.channel_id, [r.user_id]);
  }
}
