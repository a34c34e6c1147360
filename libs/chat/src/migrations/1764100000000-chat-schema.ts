import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Chat: channels with a per-channel message counter (`last_seq`, bumped in the sending transaction so seq is
 * gap-free), members with read cursors, messages (unique seq per channel, unique client id per author and
 * channel), reactions, attachments, and a text[] of search terms (unigrams + bigrams) under a GIN index.
 */
export class ChatSchema1764100000000 implements MigrationInterface {
  name = 'ChatSchema1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE chat_channels (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      type text NOT NULL CHECK (type IN ('public','private','direct')),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      topic text NOT NULL DEFAULT '' CHECK (length(topic) <= 250),
      department_id uuid UNIQUE REFERENCES departments(id) ON DELETE SET NULL,
      direct_key text UNIQUE,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
      CHECK ((type = 'direct') = (direct_key IS NOT NULL)),
      CHECK (department_id IS NULL OR type = 'private')
    )`);
    await q.query(`CREATE TABLE chat_members (
      channel_id uuid NOT NULL REFERENCES chat_channels(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role text NOT NULL DEFAULT 'member' CHECK (role IN ('owner','member')),
      joined_at timestamptz NOT NULL DEFAULT now(),
      last_read_seq bigint NOT NULL DEFAULT 0 CHECK (last_read_seq >= 0),
      PRIMARY KEY (channel_id, user_id)
    )`);
    await q.query(`CREATE INDEX chat_members_user_idx ON chat_members (user_id)`);
    await q.query(`CREATE TABLE chat_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      channel_id uuid NOT NULL REFERENCES chat_channels(id) ON DELETE CASCADE,
      seq bigint NOT NULL CHECK (seq > 0),
      client_msg_id text NOT NULL CHECK (length(client_msg_id) BETWEEN 1 AND 100),
      author_id uuid NOT NULL REFERENCES users(id),
      body text NOT NULL CHECK (length(body) <= 10000),
      thread_root_id uuid REFERENCES chat_messages(id),
      also_in_channel boolean NOT NULL DEFAULT false,
      reply_count int NOT NULL DEFAULT 0 CHECK (reply_count >= 0),
      last_reply_at timestamptz,
      mentioned_user_ids uuid[] NOT NULL DEFAULT '{}',
      mentions_channel boolean NOT NULL DEFAULT false,
      mentions_here boolean NOT NULL DEFAULT false,
      pinned_at timestamptz,
      pinned_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      edited_at timestamptz,
      deleted_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      search_terms text[] NOT NULL DEFAULT '{}',
      CONSTRAINT chat_messages_channel_seq_key UNIQUE (channel_id, seq),
      CONSTRAINT chat_messages_client_key UNIQUE (author_id, channel_id, client_msg_id),
      CHECK (deleted_at IS NULL OR body = ''),
      CHECK (thread_root_id IS NULL OR thread_root_id <> id)
    )`);
    await q.query(`CREATE INDEX chat_messages_updated_idx ON chat_messages (channel_id, updated_at)`);
    await q.query(`CREATE INDEX chat_messages_thread_idx ON chat_messages (thread_root_id, seq) WHERE thread_root_id IS NOT NULL`);
    await q.query(`CREATE INDEX chat_messages_pinned_idx ON chat_messages (channel_id) WHERE pinned_at IS NOT NULL`);
    await q.query(`CREATE INDEX chat_messages_search_idx ON chat_messages USING gin (search_terms) WITH (fastupdate = on)`);
    await q.query(`CREATE INDEX chat_messages_author_idx ON chat_messages (author_id, created_at)`);
    await q.query(`CREATE INDEX chat_messages_created_idx ON chat_messages (created_at)`);
    await q.query(`CREATE TABLE chat_reactions (
      message_id uuid NOT NULL REFERENCES chat_messages(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      emoji text NOT NULL CHECK (length(emoji) BETWEEN 1 AND 64),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (message_id, user_id, emoji)
    )`);
    await q.query(`CREATE TABLE chat_attachments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      channel_id uuid NOT NULL REFERENCES chat_channels(id) ON DELETE CASCADE,
      uploader_id uuid NOT NULL REFERENCES users(id),
      message_id uuid REFERENCES chat_messages(id) ON DELETE SET NULL,
      file_key text NOT NULL CHECK (file_key ~ '^[0-9a-f]{64}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
      media_type text NOT NULL CHECK (media_type IN ('image/png','image/jpeg','image/gif','image/webp','application/pdf')),
      size bigint NOT NULL CHECK (size > 0),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX chat_attachments_message_idx ON chat_attachments (message_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE chat_attachments`);
    await q.query(`DROP TABLE chat_reactions`);
    await q.query(`DROP TABLE chat_messages`);
    await q.query(`DROP TABLE chat_members`);
    await q.query(`DROP TABLE chat_channels`);
  }
}
