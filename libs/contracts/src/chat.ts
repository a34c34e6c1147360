/** Wire shapes of chat (docs/realtime.md "Chat"): what the server sends and the browser reads, over HTTP and Socket.IO. */

/** A message body's limit in characters (code points); longer: `too_large`. */
export const MAX_MESSAGE_CHARS = 10_000;

export const CHANNEL_TYPES = ['public', 'private', 'direct'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];
export type ChannelRole = 'owner' | 'member';
export type PresenceStatus = 'online' | 'away' | 'offline';

export interface AttachmentView {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  url: string;
}

export interface ReactionView {
  emoji: string;
  userIds: string[];
}

export interface MessageMentions {
  userIds: string[];
  channel: boolean;
  here: boolean;
}

/** What clients receive: the contract's message object plus reactions, attachments, thread and mention facts. */
export interface MessageView {
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
  mentions: MessageMentions;
  pinned: boolean;
  reactions: ReactionView[];
  attachments: AttachmentView[];
  updatedAt: string;
  /** An urgent message of a disaster channel (POST /api/disasters/:id/urgent): shown on top until acknowledged. */
  urgent?: boolean;
}

export interface ChannelView {
  id: string;
  type: ChannelType;
  name: string;
  topic: string;
  departmentId: string | null;
  archived: boolean;
  createdAt: string;
  createdBy: string | null;
  lastSeq: number;
  memberCount: number;
  joined: boolean;
  role: ChannelRole | null;
  lastReadSeq: number;
  unread: number;
  mentions: number;
  broadcastMentions: number;
  memberIds?: string[];
  /**
   * Outside responders (guests, platform accounts confined to this one channel), present and past, so that every
   * member can name their messages and @mention them here: they are not in the staff directory.
   */
  guests?: ChannelGuestView[];
  /** The context that runs the channel (`disasters` for a disaster's channel); absent for ordinary channels. */
  managedBy?: string;
  /** Every member of staff is a member (an organisation-wide channel); absent when false. */
  allStaff?: boolean;
}

export interface ChannelGuestView {
  id: string;
  username: string;
  displayName: string;
  organisation: string | null;
  active: boolean;
}

/** What `chat:channel-updated` carries: the fields any member may see change. */
export type ChannelChange = Pick<ChannelView, 'id' | 'name' | 'topic' | 'archived'>;

export interface ChannelMemberView {
  userId: string;
  role: string;
  lastReadSeq: number;
  joinedAt: string;
}

export interface MessageReader {
  userId: string;
  displayName: string;
}
export interface MessageReaders {
  readCount: number;
  readers: MessageReader[];
  /** Members (the author excepted) who have not read it yet (未読). */
  unreadCount: number;
  unread: MessageReader[];
}

/** A page of a channel's history; `around` pages also say whether more lies on either side. */
export interface ChatHistoryPage {
  messages: MessageView[];
  hasOlder?: boolean;
  hasNewer?: boolean;
}

export interface SearchHighlight {
  start: number;
  end: number;
}
export interface ChatSearchResult {
  message: MessageView;
  channel: { id: string; name: string; type: string };
  author: { id: string; displayName: string };
  highlights: SearchHighlight[];
  /** When the match is in an attached file (its name or a PDF's text): the file and a passage with the match. */
  attachment?: ChatSearchAttachmentMatch;
}

export interface ChatSearchAttachmentMatch {
  id: string;
  name: string;
  mediaType: string;
  /** A passage of the file's name or text around the first match; `highlights` are offsets into it. */
  excerpt: string;
  highlights: SearchHighlight[];
}

/* ---------- Socket.IO: what the browser sends (payload) and what the acknowledgement carries ---------- */

export interface ChatSendPayload {
  channelId: string;
  clientMsgId: string;
  body: string;
  threadRootId?: string;
  alsoSendToChannel?: boolean;
  attachmentIds?: string[];
}

export interface ChatSyncPayload {
  /** channelId → the last seq the client holds. */
  cursors: Record<string, number>;
  updatedSince?: string;
}

/** Messages after each cursor, changes to older ones, channels with more to fetch, and the time to sync from next. */
export interface ChatSyncResult {
  messages: MessageView[];
  updates: MessageView[];
  more: string[];
  serverTime: string;
}

export interface ChatReadResult {
  channelId: string;
  seq: number;
}

export interface ChatReadPayload {
  channelId: string;
  seq: number;
}

export interface ChatMessageRef {
  messageId: string;
}

export interface ChatEditPayload extends ChatMessageRef {
  body: string;
}

export interface ChatReactPayload extends ChatMessageRef {
  emoji: string;
  /** Without it the reaction toggles. */
  on?: boolean;
}

export interface ChatPinPayload extends ChatMessageRef {
  pinned: boolean;
}

export interface ChatTypingPayload {
  channelId: string;
  threadRootId?: string;
}

/** What one socket (a tab, a device) reports; the user's combined status is derived from all of them. */
export interface ChatPresencePayload {
  status: Exclude<PresenceStatus, 'offline'>;
}

/** userId → status of everyone connected (absent = offline). */
export type PresenceMap = Record<string, PresenceStatus>;

/** What the browser sends (event name → payload and the acknowledgement's fields besides `ok`). */
export interface ChatClientEvents {
  'chat:send': { payload: ChatSendPayload; result: { message: MessageView } };
  'chat:sync': { payload: ChatSyncPayload; result: ChatSyncResult };
  'chat:read': { payload: ChatReadPayload; result: ChatReadResult };
  'chat:edit': { payload: ChatEditPayload; result: { message: MessageView } };
  'chat:delete': { payload: ChatMessageRef; result: { message: MessageView } };
  'chat:react': { payload: ChatReactPayload; result: { message: MessageView } };
  'chat:pin': { payload: ChatPinPayload; result: { message: MessageView } };
  'chat:typing': { payload: ChatTypingPayload; result: object };
  'chat:presence': { payload: ChatPresencePayload; result: { presence: PresenceMap } };
}

/* ---------- Socket.IO: what the server emits (event name → payload) ---------- */

export interface ReadReceiptEvent {
  channelId: string;
  userId: string;
  seq: number;
}

export interface TypingEvent {
  channelId: string;
  userId: string;
  threadRootId?: string;
}

export interface PresenceEvent {
  userId: string;
  status: PresenceStatus;
}

export interface ChatServerEvents {
  'chat:message': { message: MessageView };
  'chat:update': { message: MessageView };
  'chat:read': ReadReceiptEvent;
  'chat:typing': TypingEvent;
  'chat:presence': PresenceEvent;
  'chat:channel': { channel: ChannelView };
  'chat:channel-updated': { channel: ChannelChange };
  'chat:removed': { channelId: string };
}
