/**
 * Who may see a channel and who may post in it: the one rule, written once. The services check it in memory with
 * `canSee` / `canPost` after loading a channel, and the SQL that must filter many channels at once (search) or decide
 * inside one statement (the send) embeds `canSeeSql` / `canPostSql`, built here from the same facts. The spec and the
 * e2e test `test/chat/channel-visibility.e2e-spec.ts` check that both forms agree on every case.
 */
export type ChannelType = 'public' | 'private' | 'direct';

export interface ChannelFacts {
  type: ChannelType;
  archived: boolean;
}

/** What the reader is to the channel: a member (any role) or not; the system account posts without joining. */
export interface Standing {
  member: boolean;
  system?: boolean;
}

/** A public channel is open to every user; a private or direct one only to its members. Archived ones stay readable. */
export function canSee(channel: ChannelFacts, standing: Standing): boolean {
  return standing.member || channel.type === 'public';
}

/**
 * Posting needs a live channel and membership; the system account (notices) may post in any live channel, as a
 * town-hall-wide announcement is not a person joining the conversation.
 */
export function canPost(channel: ChannelFacts, standing: Standing): boolean {
  return !channel.archived && (standing.member || standing.system === true);
}

/** SQL for "`userParam` is a member of channel `c`"; `c` is the alias of a `chat_channels` row. */
function memberSql(c: string, userParam: string): string {
  return `EXISTS (SELECT 1 FROM chat_members cm WHERE cm.channel_id = ${c}.id AND cm.user_id = ${userParam})`;
}

/** SQL form of `canSee`: `c` is the alias of a `chat_channels` row, `userParam` a placeholder such as `$1`. */
export function canSeeSql(c: string, userParam: string): string {
  return `(${memberSql(c, userParam)} OR ${c}.type = 'public')`;
}

/** SQL form of `canPost`; `systemParam` is a boolean placeholder: the author is the system account. */
export function canPostSql(c: string, userParam: string, systemParam: string): string {
  return `(${c}.archived_at IS NULL AND (${memberSql(c, userParam)} OR ${systemParam}::boolean))`;
}
