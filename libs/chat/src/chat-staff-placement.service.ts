import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainEvents, type PlacementChanges, type StaffPlacementPort } from '@yakuba/platform';
import { rows } from './chat-views';
import { LEAVES_SQL } from './department-channels.service';
import { MembershipService } from './membership.service';

type Pair = { channel_id: string; user_id: string };
const pairs = (list: Pair[]) => list.map((r) => ({ channelId: r.channel_id, userId: r.user_id }));

/**
 * Chat's side of the staff placement port (libs/platform/src/directory/staff-placement-port.ts): in the directory's
 * own transaction, the people named join their department's channel (made if the department has none yet) and every
 * open all-staff channel (全庁連絡, a disaster's), and leave the channels that are no longer theirs (LEAVES_SQL). The
 * directory-wide `DepartmentChannelsService.syncDepartmentChannels` stays as the safety net after any change.
 */
@Injectable()
export class ChatStaffPlacementService implements StaffPlacementPort {
  constructor(
    private readonly membership: MembershipService,
    private readonly events: DomainEvents,
  ) {}

  async place(m: EntityManager, userIds: string[]): Promise<PlacementChanges> {
    if (userIds.length === 0) return { joined: [], left: [] };
    await m.query(
      `INSERT INTO chat_channels (type, name, topic, department_id)
       SELECT 'private', d.name, d.name || 'の連絡用チャンネル', d.id FROM departments d
        WHERE d.id IN (SELECT department_id FROM users WHERE id = ANY($1::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM chat_channels c WHERE c.department_id = d.id)
       ON CONFLICT DO NOTHING`,
      [userIds],
    );
    const left = await rows<Pair>(
      m,
      `DELETE FROM chat_members cm USING chat_channels c, users u
        WHERE cm.channel_id = c.id AND u.id = cm.user_id AND u.id = ANY($1::uuid[]) AND ${LEAVES_SQL}
       RETURNING cm.channel_id, cm.user_id`,
      [userIds],
    );
    const joined = await rows<Pair>(
      m,
      `INSERT INTO chat_members (channel_id, user_id)
       SELECT c.id, u.id FROM users u JOIN chat_channels c ON c.department_id = u.department_id
        WHERE u.id = ANY($1::uuid[]) AND u.active AND NOT u.system AND u.guest_channel_id IS NULL
       UNION ALL
       SELECT c.id, u.id FROM users u CROSS JOIN chat_channels c
        WHERE u.id = ANY($1::uuid[]) AND c.all_staff AND c.archived_at IS NULL AND u.active AND NOT u.system AND u.guest_channel_id IS NULL
       ON CONFLICT DO NOTHING RETURNING channel_id, user_id`,
      [userIds],
    );
    return { joined: pairs(joined), left: pairs(left) };
  }

  async announce(changes: PlacementChanges): Promise<void> {
    for (const { channelId, userId } of changes.left) this.events.publish('chat.members-left', { channelId, userIds: [userId] });
    for (const { channelId, userId } of changes.joined) await this.membership.announceJoined(channelId, [userId]);
  }
}
