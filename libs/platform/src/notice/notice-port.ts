/**
 * The notice port: how any context posts a message from the system account (SYSTEM_ACCOUNT, shown as 「Yakuba」)
 * into a chat channel or as a direct message to a user, without importing chat. Chat implements it and provides it
 * under NOTICE_PORT to every module: `@Inject(NOTICE_PORT) private readonly notices: NoticePort`.
 *
 * A notice takes chat's normal write path: it gets the channel's next seq, reaches the members' sockets
 * (`chat:message`) and their `chat:sync`, counts as unread, and moves no user's read cursor. It is answered after
 * the commit.
 */
export interface NoticeOptions {
  /**
   * Makes the notice idempotent: posting again with the same key into the same conversation answers the first
   * notice and stores nothing (e.g. `approval:<id>:waiting`). At most 100 characters. Without it each call posts.
   */
  key?: string;
}

export interface PostedNotice {
  channelId: string;
  messageId: string;
  seq: number;
}

export interface NoticePort {
  /** Posts into a channel (public, private, or a department's); refused with `conflict` if it is archived. */
  toChannel(channelId: string, body: string, options?: NoticeOptions): Promise<PostedNotice>;
  /** Posts into the direct conversation of the system account with the user, opened on first use. */
  toUser(userId: string, body: string, options?: NoticeOptions): Promise<PostedNotice>;
}

export const NOTICE_PORT = Symbol('NOTICE_PORT');
