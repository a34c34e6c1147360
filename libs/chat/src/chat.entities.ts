import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Entities mirror the committed migration; the service uses SQL for the counter, search and read-state queries. */
@Entity('chat_channels')
export class ChatChannel {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) type: 'public' | 'private' | 'direct';
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', default: '' }) topic: string;
  @Column({ type: 'uuid', name: 'department_id', nullable: true }) departmentId: string | null;
  @Column({ type: 'text', name: 'direct_key', nullable: true }) directKey: string | null;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'archived_at', nullable: true }) archivedAt: Date | null;
  @Column({ type: 'bigint', name: 'last_seq', default: 0 }) lastSeq: string;
  @Column({ type: 'text', name: 'managed_by', nullable: true }) managedBy: string | null;
  @Column({ type: 'boolean', name: 'all_staff', default: false }) allStaff: boolean;
  @Column({ type: 'boolean', name: 'members_locked', default: false }) membersLocked: boolean;
}

@Entity('chat_members')
export class ChatMember {
  @PrimaryColumn({ type: 'uuid', name: 'channel_id' }) channelId: string;
  @PrimaryColumn({ type: 'uuid', name: 'user_id' }) userId: string;
  @Column({ type: 'text', default: 'member' }) role: 'owner' | 'member';
  @Column({ type: 'timestamptz', name: 'joined_at', default: () => 'now()' }) joinedAt: Date;
  @Column({ type: 'bigint', name: 'last_read_seq', default: 0 }) lastReadSeq: string;
}

@Entity('chat_messages')
export class ChatMessage {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'channel_id' }) channelId: string;
  @Column({ type: 'bigint' }) seq: string;
  @Column({ type: 'text', name: 'client_msg_id' }) clientMsgId: string;
  @Column({ type: 'uuid', name: 'author_id' }) authorId: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'uuid', name: 'thread_root_id', nullable: true }) threadRootId: string | null;
  @Column({ type: 'boolean', name: 'also_in_channel', default: false }) alsoInChannel: boolean;
  @Column({ type: 'int', name: 'reply_count', default: 0 }) replyCount: number;
  @Column({ type: 'timestamptz', name: 'last_reply_at', nullable: true }) lastReplyAt: Date | null;
  @Column({ type: 'uuid', name: 'mentioned_user_ids', array: true, default: () => "'{}'" }) mentionedUserIds: string[];
  @Column({ type: 'boolean', name: 'mentions_channel', default: false }) mentionsChannel: boolean;
  @Column({ type: 'boolean', name: 'mentions_here', default: false }) mentionsHere: boolean;
  @Column({ type: 'timestamptz', name: 'pinned_at', nullable: true }) pinnedAt: Date | null;
  @Column({ type: 'uuid', name: 'pinned_by', nullable: true }) pinnedBy: string | null;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'edited_at', nullable: true }) editedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'deleted_at', nullable: true }) deletedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'clock_timestamp()' }) updatedAt: Date;
  @Column({ type: 'boolean', default: false }) urgent: boolean;
  @Column({ type: 'text', name: 'search_terms', array: true, default: () => "'{}'", select: false }) searchTerms: string[];
}

@Entity('chat_reactions')
export class ChatReaction {
  @PrimaryColumn({ type: 'uuid', name: 'message_id' }) messageId: string;
  @PrimaryColumn({ type: 'uuid', name: 'user_id' }) userId: string;
  @PrimaryColumn({ type: 'text' }) emoji: string;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('chat_attachments')
export class ChatAttachment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'channel_id' }) channelId: string;
  @Column({ type: 'uuid', name: 'uploader_id' }) uploaderId: string;
  @Column({ type: 'uuid', name: 'message_id', nullable: true }) messageId: string | null;
  @Column({ type: 'text', name: 'file_key' }) fileKey: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', name: 'media_type' }) mediaType: string;
  @Column({ type: 'bigint' }) size: string;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'text', name: 'content_text', default: '', select: false }) contentText: string;
  @Column({ type: 'text', name: 'search_terms', array: true, default: () => "'{}'", select: false }) searchTerms: string[];
}
