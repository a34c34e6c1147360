import type { AttachmentView, ChatSendPayload, UserView } from '@yakuba/contracts';

/**
 * Browser-only chat shapes. Everything the server sends or receives (messages, channels, members, socket events)
 * is in libs/contracts (`@yakuba/contracts`, chat.ts).
 */

/** What the chat reads of `GET /api/users`. */
export type DirectoryUser = Pick<UserView, 'id' | 'username' | 'displayName' | 'departmentId' | 'position'>;

/** A message written here and not yet acknowledged by the server (kept in the outbox until it is). */
export interface PendingMessage extends ChatSendPayload {
  /** The uploaded files, for showing them while the message waits (only their ids are sent). */
  attachments?: AttachmentView[];
  createdAt: string;
  failed?: string;
}

/** An outside responder in one disaster channel: not in the directory, named and @mentionable in that channel only. */
export interface ChannelGuest extends DirectoryUser {
  channelId: string;
  organisation: string | null;
}
