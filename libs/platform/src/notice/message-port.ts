import type { EntityManager } from 'typeorm';
import type { MessageView } from '@yakuba/contracts';
import type { Principal } from '../auth/principal';

/**
 * The message-access port: how a context that refers to a chat message (an approval drafted from one) reads it
 * under chat's own visibility rule, without importing chat or reading its tables. Chat implements it and provides it
 * under MESSAGE_PORT (like the notice and channel ports).
 */
export interface ReadableMessage {
  message: MessageView;
  channel: {
    id: string;
    /** The channel's name ('' for a direct conversation). */
    name: string;
    type: 'public' | 'private' | 'direct';
    /** The context that runs the channel (e.g. 'disasters'), or null for chat's own. */
    managedBy: string | null;
  };
}

export interface MessagePort {
  /**
   * The message with its channel when `reader` may read it (chat's rule: a public channel, or one the reader is a
   * member of; a guest only its own channel); undefined when it does not exist, is deleted, or may not be read
   * (the caller answers `not_found` either way and reveals nothing). Runs in the caller's transaction when given one.
   */
  readableMessage(reader: Pick<Principal, 'id' | 'guest'>, messageId: string, m?: EntityManager): Promise<ReadableMessage | undefined>;
  /** The oldest `limit` messages (not deleted) of the channels of this exact name that `reader` may read (demo data). */
  readableMessagesIn(reader: Pick<Principal, 'id' | 'guest'>, channelName: string, limit: number): Promise<ReadableMessage[]>;
}

export const MESSAGE_PORT = Symbol('MESSAGE_PORT');
