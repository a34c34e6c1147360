/** Shapes of the chat API (libs/chat chat-views.ts; docs/realtime.md "Chat"). */
export interface Attachment {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  url: string;
}

export interface Message {
  id: string;
  channelId: string;
  seq: number;
  clientMsgId: string;
  authorId: string;
  body: string;
  createdAt: string;
  editedAt?: string;
  deletedAt?: string;
  threadRootId?: string;
  alsoInChannel: boolean;
  replyCount: number;
  lastReplyAt?: string;
  mentions: { userIds: string[]; channel: boolean; here: boolean };
  pinned: boolean;
  reactions: { emoji: string; userIds: string[] }[];
  attachments: Attachment[];
  updatedAt: string;
}

export interface Channel {
  id: string;
  type: 'public' | 'private' | 'direct';
  name: string;
  topic: string;
  departmentId: string | null;
  archived: boolean;
  createdAt: string;
  createdBy: string | null;
  lastSeq: number;
  memberCount: number;
  joined: boolean;
  role: 'owner' | 'member' | null;
  lastReadSeq: number;
  unread: number;
  mentions: number;
  broadcastMentions: number;
  memberIds?: string[];
}

export interface Member {
  userId: string;
  role: string;
  lastReadSeq: number;
  joinedAt: string;
}

export interface DirectoryUser {
  id: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  position: string | null;
}

export type PresenceStatus = 'online' | 'away' | 'offline';

/** A message written here and not yet acknowledged by the server (kept in the outbox until it is). */
export interface PendingMessage {
  channelId: string;
  clientMsgId: string;
  body: string;
  threadRootId?: string;
  alsoSendToChannel?: boolean;
  attachmentIds?: string[];
  attachments?: Attachment[];
  createdAt: string;
  failed?: string;
}

export interface SearchResult {
  message: Message;
  channel: { id: string; name: string; type: string };
  author: { id: string; displayName: string };
  highlights: { start: number; end: number }[];
}

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };
