import { canPost, canPostSql, canSee, canSeeSql, type ChannelType } from './channel-access';

const types: ChannelType[] = ['public', 'private', 'direct'];

describe('channel access', () => {
  it('lets everyone see public channels and only members see private and direct ones, archived or not', () => {
    for (const archived of [false, true]) {
      expect(canSee({ type: 'public', archived }, { member: false })).toBe(true);
      expect(canSee({ type: 'private', archived }, { member: false })).toBe(false);
      expect(canSee({ type: 'direct', archived }, { member: false })).toBe(false);
      for (const type of types) expect(canSee({ type, archived }, { member: true })).toBe(true);
    }
  });

  it('lets members post in live channels only; the system account posts without joining', () => {
    for (const type of types) {
      expect(canPost({ type, archived: false }, { member: true })).toBe(true);
      expect(canPost({ type, archived: true }, { member: true })).toBe(false);
      expect(canPost({ type, archived: false }, { member: false })).toBe(false);
      expect(canPost({ type, archived: false }, { member: false, system: true })).toBe(true);
      expect(canPost({ type, archived: true }, { member: false, system: true })).toBe(false);
    }
  });

  it('writes the same rule as SQL over a chat_channels alias', () => {
    expect(canSeeSql('c', '$1')).toBe(
      `(EXISTS (SELECT 1 FROM chat_members cm WHERE cm.channel_id = c.id AND cm.user_id = $1) OR c.type = 'public')`,
    );
    expect(canPostSql('c', '$3', '$12')).toBe(
      `(c.archived_at IS NULL AND (EXISTS (SELECT 1 FROM chat_members cm WHERE cm.channel_id = c.id AND cm.user_id = $3) OR $12::boolean))`,
    );
  });
});
