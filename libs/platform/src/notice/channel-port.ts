import type { EntityManager } from 'typeorm';
import type { MessageView } from '@yakuba/contracts';

/**
 * The channel port: how a context that runs its own channel (a disaster's) creates and steers it without importing
 * chat. Chat implements it and provides it under CHANNEL_PORT (like the notice port). Methods taking an
 * EntityManager run inside the caller's transaction; the caller then calls `announce` after its commit, so the
 * new members' sockets learn of the channel only once it exists for them.
 */
export interface ManagedChannelInput {
  /** Which context runs it, e.g. 'disasters'. */
  managedBy: string;
  name: string;
  topic?: string;
  createdBy: string | null;
}

export interface ChannelMessageInput {
  authorId: string;
  /** The system account (notices, an API token's relay): posts without membership and without a rate limit. */
  system: boolean;
  clientMsgId: string;
  body: string;
  urgent?: boolean;
  threadRootId?: string;
  /**
   * The caller's own writes that must commit with the message (e.g. the urgent row its receipts refer to): run in
   * the message's transaction, before the commit and before any client hears of the message.
   */
  alongside?: (m: EntityManager, message: MessageView) => Promise<void>;
}

export interface ChannelPort {
  /**
   * A private channel whose members are every active member of staff (guests excluded) at the commit, and every
   * one created while it stays open; leaving and removal answer `conflict`. Answers the id and the members added.
   */
  createAllStaffChannel(m: EntityManager, input: ManagedChannelInput): Promise<{ channelId: string; memberIds: string[] }>;
  /** Tells these members' sockets about the channel (after the caller's commit). */
  announce(channelId: string, userIds: string[]): Promise<void>;
  /** Archives it (readable, nothing writable) and lifts the all-staff rule and the lock; in the caller's transaction. */
  close(m: EntityManager, channelId: string): Promise<void>;
  /** Adds one person (a guest) to the channel; in the caller's transaction; announce after commit. */
  addMember(m: EntityManager, channelId: string, userId: string): Promise<void>;
  /** Takes people out (guests leaving at close or expiry), whatever the lock; their sockets leave at once. */
  removeMembers(channelId: string, userIds: string[], m?: EntityManager): Promise<string[]>;
  memberIds(channelId: string, m?: EntityManager): Promise<string[]>;
  isMember(channelId: string, userId: string): Promise<boolean>;
  /** Posts through chat's one write path (idempotent by author and clientMsgId), after commit. */
  post(channelId: string, input: ChannelMessageInput): Promise<MessageView>;
  /** Pins or unpins a message of the channel on behalf of `byUserId` (after commit); its members' sockets hear of it. */
  pin(channelId: string, messageId: string, pinned: boolean, byUserId: string): Promise<void>;
  /** Messages of the channel, ascending by seq (the disaster's record). */
  messages(channelId: string): Promise<MessageView[]>;
  /** One message of the channel, or undefined. */
  message(channelId: string, messageId: string): Promise<MessageView | undefined>;
}

export const CHANNEL_PORT = Symbol('CHANNEL_PORT');
