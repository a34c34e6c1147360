import { SYSTEM_ACCOUNT } from '@yakuba/contracts';
import type { AppSocket } from '../../api/socket';
import { queryClient } from '../../api/query-client';
import { usersQuery } from '../admin/directory-queries';
import { chatApi } from './chat-api';
import type {
  Ack,
  AttachmentView,
  ClientEventName,
  ClientEventPayload,
  ClientEventResult,
  ChannelMemberView,
  ChannelView,
  ChatServerEvents,
  ChatSyncPayload,
  MessageView,
  PresenceStatus,
} from '@yakuba/contracts';
import { SocketStore, type SocketHandler } from '../../shared/socket-store';
import type { ChannelGuest, DirectoryUser, PendingMessage } from './chat-types';
import { MessageCache } from './message-cache';
import { showNotification } from './notifications';
import { newClientMsgId, Outbox } from './outbox';

const NON_RETRYABLE = new Set(['bad_request', 'forbidden', 'not_found', 'too_large', 'conflict']);

/**
 * The browser's view of chat: channels, the messages it holds (by id, ordered by seq), the outbox, presence and
 * typing. It listens to the socket, syncs on every (re)connect from the last seq it holds, and resends the outbox
 * until each message is acknowledged. Components read it through useChat() (useSyncExternalStore).
 */
export class ChatStore extends SocketStore {
  readonly outbox: Outbox;
  channels = new Map<string, ChannelView>();
  users = new Map<string, DirectoryUser>();
  /** Guests of disaster channels (filled by the disaster page): kept apart so that no picker outside their channel offers them. */
  readonly guests = new Map<string, ChannelGuest>();
  presence = new Map<string, PresenceStatus>();
  members = new Map<string, ChannelMemberView[]>();
  typing = new Map<string, Map<string, number>>();
  activeChannelId: string | null = null;
  /** channelId → the read cursor when the channel was opened: messages after it are marked 新着. */
  readonly unreadFrom = new Map<string, number>();
  private readonly messages = new MessageCache();
  /** Channels whose latest page has been loaded: they are kept current by events and sync. */
  private readonly loaded = new Set<string>();
  /**
   * Channels showing a window of older history without the latest messages (a search result deep in it): live
   * messages are counted but not held (they would leave a hole), and the window grows newer page by page until it
   * meets the latest, when the channel is loaded again.
   */
  private readonly detached = new Set<string>();
  private readonly oldestLoaded = new Map<string, boolean>();
  private serverTime: string | undefined;

  constructor(
    readonly me: { id: string; username: string; displayName: string },
    socket: AppSocket,
  ) {
    // Resend what is still pending every 4 s (an ack lost with the network is retried with the same id).
    super(socket, 4000);
    this.outbox = new Outbox(me.id);
  }

  protected socketHandlers(): SocketHandler[] {
    return [
      ['chat:message', this.onMessage],
      ['chat:update', this.onUpdate],
      ['chat:read', this.onRead],
      ['chat:typing', this.onTyping],
      ['chat:presence', this.onPresence],
      ['chat:channel', this.onChannel],
      ['chat:channel-updated', this.onChannelUpdated],
      ['chat:removed', this.onRemoved],
    ];
  }

  protected override onStart(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
    // The directory from the shared query cache: fetched once for the admin pages, the meeting form and chat.
    void queryClient.fetchQuery(usersQuery()).then((list: DirectoryUser[]) => {
      list.forEach((u) => this.users.set(u.id, u));
      this.changed();
    });
  }

  protected override onStop(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  /* ---------- reading ---------- */

  userName(id: string): string {
    // The author of notices is no member of staff, so it is not in the directory: it has a fixed id and name.
    if (id === SYSTEM_ACCOUNT.id) return SYSTEM_ACCOUNT.displayName;
    return (this.users.get(id) ?? this.guests.get(id))?.displayName ?? '…';
  }

  isGuest(id: string): boolean {
    return this.guests.has(id);
  }

  /** Whom `@` may complete in a channel: the directory (usernames known) and the guests of that channel only. */
  mentionable(channelId: string): (DirectoryUser | ChannelGuest)[] {
    const guests = [...this.guests.values()].filter((g) => g.channelId === channelId);
    const staff = [...this.users.values()].filter((u) => !this.guests.has(u.id));
    return [...staff, ...guests].filter((u) => u.id !== this.me.id && u.username !== '');
  }

  channelTitle(c: ChannelView): string {
    if (c.type !== 'direct') return c.name;
    const others = (c.memberIds ?? []).filter((id) => id !== this.me.id);
    return others.length ? others.map((id) => this.userName(id)).join('、') : c.name;
  }

  isLoaded(channelId: string): boolean {
    return this.loaded.has(channelId);
  }

  hasOlder(channelId: string): boolean {
    return !this.oldestLoaded.get(channelId);
  }

  /** A window of older history is shown: newer messages are still to load (MessageList loads them at the bottom). */
  isDetached(channelId: string): boolean {
    return this.detached.has(channelId);
  }

  /** Channel messages (not thread-only replies) in seq order. */
  channelMessages(channelId: string): MessageView[] {
    return this.messages.channel(channelId);
  }

  threadMessages(channelId: string, rootId: string): MessageView[] {
    return this.messages.thread(channelId, rootId);
  }

  message(channelId: string, id: string): MessageView | undefined {
    return this.messages.get(channelId, id);
  }

  pending(channelId: string, threadRootId?: string): PendingMessage[] {
    return this.outbox
      .all()
      .filter(
        (p) => p.channelId === channelId && (threadRootId ? p.threadRootId === threadRootId : !p.threadRootId || p.alsoSendToChannel),
      );
  }

  typingIn(channelId: string): string[] {
    const now = Date.now();
    return [...(this.typing.get(channelId)?.entries() ?? [])].filter(([, until]) => until > now).map(([id]) => id);
  }

  /** 既読 N: members other than the author whose cursor reached the message (channels of up to 50 members). */
  readCount(m: MessageView): number | null {
    const members = this.members.get(m.channelId);
    if (!members) return null;
    return members.filter((x) => x.userId !== m.authorId && x.lastReadSeq >= m.seq).length;
  }

  /* ---------- loading ---------- */

  async loadChannels(): Promise<void> {
    // Presence is a nicety: a guest (one disaster channel) may not read it, and the channels load without it.
    const [list, presence] = await Promise.all([chatApi.channels(), chatApi.presence().catch(() => ({}))]);
    this.channels = new Map(list.map((c) => [c.id, c]));
    for (const c of list) this.learnGuests(c);
    this.presence = new Map(Object.entries(presence));
    this.changed();
  }

  /**
   * Shows a channel: its latest page, or with `at` (a seq: a search result, a link to a message) the page around that
   * message, however deep in history, unless the messages held already include it.
   */
  async openChannel(channelId: string, at?: number): Promise<void> {
    this.activeChannelId = channelId;
    this.changed();
    // A deep link may open a channel before the channel list has arrived: membership decides what follows.
    if (!this.channels.size) await this.loadChannels();
    // Where the reader left off, for the 新着 divider (kept while the channel is open).
    const before = this.channels.get(channelId);
    if (before?.joined && before.unread > 0) this.unreadFrom.set(channelId, before.lastReadSeq);
    else this.unreadFrom.delete(channelId);
    if (at !== undefined && !this.holds(channelId, at)) await this.loadAround(channelId, at);
    else if (at === undefined && this.detached.has(channelId)) this.forget(channelId);
    if (!this.loaded.has(channelId) && !this.detached.has(channelId)) {
      const page = await chatApi.messages(channelId, { limit: 50 });
      this.insert(page.messages);
      this.loaded.add(channelId);
      if (page.messages.length < 50) this.oldestLoaded.set(channelId, true);
      // A gap between this page and what arrived live meanwhile is closed by a sync.
      await this.syncChannels([channelId]);
    }
    const channel = this.channels.get(channelId);
    if (channel && channel.joined && channel.memberCount <= 50) {
      const members = await chatApi.members(channelId);
      this.members.set(channelId, members);
    }
    this.markRead(channelId);
    this.changed();
  }

  /** Whether the messages held run without a hole through channel message `seq`. */
  private holds(channelId: string, seq: number): boolean {
    const list = this.channelMessages(channelId);
    if (!list.length || list[0].seq > seq) return false;
    return this.loaded.has(channelId) || seq <= list[list.length - 1].seq;
  }

  private forget(channelId: string): void {
    this.messages.drop(channelId);
    this.loaded.delete(channelId);
    this.detached.delete(channelId);
    this.oldestLoaded.delete(channelId);
  }

  /** The page around `seq`: joined to what is held when they meet, else shown alone (detached) in its place. */
  private async loadAround(channelId: string, seq: number): Promise<void> {
    const page = await chatApi.messages(channelId, { around: seq, limit: 100 });
    const held = this.channelMessages(channelId);
    const newest = page.messages[page.messages.length - 1];
    const meets = this.loaded.has(channelId) && !!newest && held.length > 0 && newest.seq >= held[0].seq;
    if (!meets) this.forget(channelId);
    this.insert(page.messages);
    this.oldestLoaded.set(channelId, !page.hasOlder);
    if (meets) return;
    if (page.hasNewer) this.detached.add(channelId);
    else {
      // The window reaches the latest message: the channel is loaded as usual.
      this.loaded.add(channelId);
      await this.syncChannels([channelId]);
    }
  }

  /** The next newer page of a detached window; when it reaches the latest, the channel is live again. */
  async loadNewer(channelId: string): Promise<number> {
    const list = this.channelMessages(channelId);
    const newest = list[list.length - 1];
    if (!this.detached.has(channelId) || !newest) return 0;
    const page = await chatApi.messages(channelId, { after: newest.seq, limit: 100 });
    if (!this.detached.has(channelId)) return 0;
    this.insert(page.messages);
    if (page.messages.length < 100) {
      this.detached.delete(channelId);
      this.loaded.add(channelId);
      await this.syncChannels([channelId]);
    }
    this.changed();
    return page.messages.length;
  }

  /** Leaves a window of older history for the channel's latest messages. */
  async jumpToLatest(channelId: string): Promise<void> {
    if (!this.detached.has(channelId)) return;
    this.forget(channelId);
    this.changed();
    await this.openChannel(channelId);
  }

  async loadOlder(channelId: string): Promise<number> {
    const oldest = this.channelMessages(channelId)[0];
    if (!oldest || this.oldestLoaded.get(channelId)) return 0;
    const page = await chatApi.messages(channelId, { limit: 100, before: oldest.seq });
    if (page.messages.length < 100) this.oldestLoaded.set(channelId, true);
    this.insert(page.messages);
    this.changed();
    return page.messages.length;
  }

  async loadThread(channelId: string, rootId: string): Promise<void> {
    const page = await chatApi.messages(channelId, { threadRootId: rootId });
    this.insert(page.messages);
    this.changed();
  }

  private insert(list: MessageView[]): void {
    this.messages.insert(list);
    for (const m of list) if (m.authorId === this.me.id) this.outbox.remove(m.clientMsgId);
  }

  private maxSeq(channelId: string): number {
    return this.messages.maxSeq(channelId);
  }

  /** Everything missed since the last seq held (and changes to older messages since the last sync). */
  async syncChannels(ids: string[] = [...this.loaded]): Promise<void> {
    const targets = ids.filter((id) => this.channels.get(id)?.joined);
    if (!targets.length) return;
    const cursors = Object.fromEntries(targets.map((id) => [id, this.maxSeq(id)]));
    const payload: ChatSyncPayload = { cursors, updatedSince: this.serverTime };
    const res = await this.socket.timeout(15000).emitWithAck('chat:sync', payload);
    if (!res.ok) return;
    this.insert([...res.messages, ...res.updates]);
    if (ids.length === this.loaded.size) this.serverTime = res.serverTime;
    this.changed();
    if (res.more.length) await this.syncChannels(res.more);
  }

  /* ---------- writing ---------- */

  send(
    channelId: string,
    body: string,
    options: { threadRootId?: string; alsoSendToChannel?: boolean; attachments?: AttachmentView[] } = {},
  ): void {
    // Writing from a window of older history: the new message is shown where it goes, after the latest.
    if (this.detached.has(channelId)) void this.jumpToLatest(channelId);
    const item: PendingMessage = {
      channelId,
      clientMsgId: newClientMsgId(),
      body,
      threadRootId: options.threadRootId,
      alsoSendToChannel: options.alsoSendToChannel,
      attachmentIds: options.attachments?.map((a) => a.id),
      attachments: options.attachments,
      createdAt: new Date().toISOString(),
    };
    this.outbox.add(item);
    this.changed();
    void this.deliver(item);
  }

  private async deliver(item: PendingMessage): Promise<void> {
    if (!this.socket.connected || item.failed) return;
    try {
      const { attachments: _ignored, failed: _f, createdAt: _c, ...payload } = item;
      const res = await this.socket.timeout(10000).emitWithAck('chat:send', payload);
      if (res.ok) {
        if (!this.detached.has(item.channelId)) this.insert([res.message]);
        this.outbox.remove(item.clientMsgId);
      } else if (NON_RETRYABLE.has(res.error.code)) {
        // The code, not the server's English text: the pending message shows it translated.
        this.outbox.markFailed(item.clientMsgId, res.error.code);
      }
      // rate_limited and the like: left in the outbox, retried on the next flush.
    } catch {
      /* no ack in time (network gone): stays pending, resent with the same clientMsgId */
    }
    this.changed();
  }

  protected hasWaiting(): boolean {
    return this.outbox.all().some((i) => !i.failed);
  }

  protected async flushEntries(): Promise<void> {
    for (const item of this.outbox.all()) if (!item.failed) await this.deliver(item);
  }

  discard(clientMsgId: string): void {
    this.outbox.remove(clientMsgId);
    this.changed();
  }

  async emit<K extends ClientEventName>(event: K, payload: ClientEventPayload<K>): Promise<Ack<ClientEventResult<K>>> {
    // socket.io's parameter types cannot follow a generic event name; this method's signature is the contract's.
    const socket = this.socket.timeout(10000) as unknown as {
      emitWithAck(event: K, payload: ClientEventPayload<K>): Promise<Ack<ClientEventResult<K>>>;
    };
    return socket.emitWithAck(event, payload);
  }

  markRead(channelId: string): void {
    const channel = this.channels.get(channelId);
    // A window of older history is not the latest: reading it reads nothing new.
    if (!channel?.joined || document.hidden || this.detached.has(channelId)) return;
    const seq = this.maxSeq(channelId);
    if (seq <= channel.lastReadSeq && channel.unread === 0) return;
    this.channels.set(channelId, {
      ...channel,
      lastReadSeq: Math.max(seq, channel.lastReadSeq),
      unread: 0,
      mentions: 0,
      broadcastMentions: 0,
    });
    this.changed();
    if (this.socket.connected) void this.emit('chat:read', { channelId, seq: Math.max(seq, channel.lastReadSeq) }).catch(() => undefined);
  }

  lastTypingSent = 0;
  sendTyping(channelId: string, threadRootId?: string): void {
    if (Date.now() - this.lastTypingSent < 3000 || !this.socket.connected) return;
    this.lastTypingSent = Date.now();
    this.socket.emit('chat:typing', threadRootId ? { channelId, threadRootId } : { channelId }, () => undefined);
  }

  /* ---------- events ---------- */

  /** connect → channels → sync → flush. */
  protected afterConnect(): void {
    void (async () => {
      await this.loadChannels().catch(() => undefined);
      await this.syncChannels().catch(() => undefined);
      await this.flush();
      if (this.activeChannelId) this.markRead(this.activeChannelId);
    })();
  }

  private readonly onMessage = ({ message }: ChatServerEvents['chat:message']) => {
    const channel = this.channels.get(message.channelId);
    const held = this.loaded.has(message.channelId);
    const gap = held && message.seq > this.maxSeq(message.channelId) + 1;
    const isNew = !this.messages.has(message.channelId, message.id);
    // A detached window (older history) counts the message but does not hold it: it would leave a hole.
    if (!this.detached.has(message.channelId)) this.insert([message]);
    if (gap) void this.syncChannels([message.channelId]);
    if (!this.users.has(message.authorId) && !this.guests.has(message.authorId)) this.learnAuthorOf(message.channelId);
    if (channel && isNew && message.authorId !== this.me.id && message.seq > channel.lastReadSeq) {
      const inChannel = !message.threadRootId || message.alsoInChannel;
      const mentionsMe = message.mentions.userIds.includes(this.me.id);
      const broadcast = !mentionsMe && (message.mentions.channel || message.mentions.here);
      this.channels.set(channel.id, {
        ...channel,
        lastSeq: Math.max(channel.lastSeq, message.seq),
        unread: channel.unread + (inChannel ? 1 : 0),
        mentions: channel.mentions + (mentionsMe ? 1 : 0),
        broadcastMentions: channel.broadcastMentions + (broadcast ? 1 : 0),
      });
      if (mentionsMe || broadcast || channel.type === 'direct') this.notify(channel, message);
      if (this.activeChannelId === channel.id) this.markRead(channel.id);
    } else if (channel) {
      this.channels.set(channel.id, { ...channel, lastSeq: Math.max(channel.lastSeq, message.seq) });
    }
    this.typing.get(message.channelId)?.delete(message.authorId);
    // The server moves an author's read cursor to their own message: 既読 counts follow without a chat:read.
    const members = this.members.get(message.channelId);
    if (members)
      this.members.set(
        message.channelId,
        members.map((m) => (m.userId === message.authorId ? { ...m, lastReadSeq: Math.max(m.lastReadSeq, message.seq) } : m)),
      );
    this.changed();
  };

  private notify(channel: ChannelView, message: MessageView): void {
    if (!document.hidden && this.activeChannelId === channel.id) return;
    showNotification(`${this.userName(message.authorId)} — ${this.channelTitle(channel)}`, message.body, message.id, `/chat/${channel.id}`);
  }

  private readonly onUpdate = ({ message }: ChatServerEvents['chat:update']) => {
    if (this.messages.has(message.channelId, message.id) || this.loaded.has(message.channelId)) {
      this.insert([message]);
      this.changed();
    }
  };

  private readonly onRead = ({ channelId, userId, seq }: ChatServerEvents['chat:read']) => {
    const members = this.members.get(channelId);
    if (members)
      this.members.set(
        channelId,
        members.map((m) => (m.userId === userId ? { ...m, lastReadSeq: Math.max(m.lastReadSeq, seq) } : m)),
      );
    const channel = this.channels.get(channelId);
    if (userId === this.me.id && channel && seq >= channel.lastSeq)
      this.channels.set(channelId, { ...channel, lastReadSeq: seq, unread: 0, mentions: 0, broadcastMentions: 0 });
    this.changed();
  };

  private readonly onTyping = ({ channelId, userId }: ChatServerEvents['chat:typing']) => {
    const map = this.typing.get(channelId) ?? new Map<string, number>();
    map.set(userId, Date.now() + 5000);
    this.typing.set(channelId, map);
    this.changed();
    setTimeout(() => this.changed(), 5100);
  };

  private readonly onPresence = ({ userId, status }: ChatServerEvents['chat:presence']) => {
    this.presence.set(userId, status);
    this.changed();
  };

  private readonly askedFor = new Set<string>();

  /** An author nobody knows (a guest invited since the channels loaded): the channel's view names its guests. */
  private learnAuthorOf(channelId: string): void {
    if (this.askedFor.has(channelId)) return;
    this.askedFor.add(channelId);
    void chatApi
      .channel(channelId)
      .then((c) => {
        this.learnGuests(c);
        this.changed();
      })
      .catch(() => undefined)
      .finally(() => this.askedFor.delete(channelId));
  }

  /** A channel's guests are named and @mentionable in it (they are not in the directory). */
  private learnGuests(channel: ChannelView): void {
    for (const g of channel.guests ?? [])
      this.guests.set(g.id, { id: g.id, username: g.username, displayName: g.displayName, departmentId: null, position: null, channelId: channel.id, organisation: g.organisation });
  }

  private readonly onChannel = ({ channel }: ChatServerEvents['chat:channel']) => {
    this.channels.set(channel.id, channel);
    this.learnGuests(channel);
    this.changed();
  };

  private readonly onChannelUpdated = ({ channel }: ChatServerEvents['chat:channel-updated']) => {
    const had = this.channels.get(channel.id);
    if (had) this.channels.set(channel.id, { ...had, ...channel });
    this.changed();
  };

  private readonly onRemoved = ({ channelId }: ChatServerEvents['chat:removed']) => {
    this.channels.delete(channelId);
    this.forget(channelId);
    this.changed();
  };

  private readonly onVisibility = () => {
    if (this.socket.connected) this.socket.emit('chat:presence', { status: document.hidden ? 'away' : 'online' }, () => undefined);
    if (!document.hidden && this.activeChannelId) this.markRead(this.activeChannelId);
  };
}
