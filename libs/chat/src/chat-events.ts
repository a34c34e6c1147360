import type { ChannelChange, ChannelView, MessageView, PresenceEvent, ReadReceiptEvent, TypingEvent } from '@yakuba/contracts';

/**
 * What chat publishes on DomainEvents, after the commit (ChatNotifier turns each into socket emits). Events that
 * go to a channel's members carry the member ids read at the commit: delivery follows membership at that moment.
 */
declare module '@yakuba/platform/events/domain-events' {
  interface DomainEventMap {
    'chat.message-posted': { memberIds: string[]; message: MessageView };
    /** Edited, deleted, reacted to, pinned, or a thread root whose reply count changed. */
    'chat.message-updated': { memberIds: string[]; message: MessageView };
    'chat.read-moved': { memberIds: string[]; receipt: ReadReceiptEvent };
    /** Joined, invited or added by the directory; `views` holds each new member's own view of the channel. */
    'chat.members-joined': { channelId: string; userIds: string[]; views: ReadonlyMap<string, ChannelView> };
    /** Left, removed, or taken out by the directory. */
    'chat.members-left': { channelId: string; userIds: string[] };
    'chat.channel-changed': { memberIds: string[]; channel: ChannelChange };
    /** Ephemeral: relayed to the channel's room except the typing socket. */
    'chat.typing': { typing: TypingEvent; exceptSocketId: string };
    /** A user's combined status (over all their sockets) changed. */
    'chat.presence-changed': PresenceEvent;
  }
}
