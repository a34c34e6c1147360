import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CHANNEL_TYPES, type ChannelType, type ChatSendPayload, type ChatSyncPayload } from '@yakuba/contracts';

export class CreateChannelDto {
  @ApiPropertyOptional({
    description:
      'Channel name: required for public and private channels; ignored for direct conversations, which are named after their members',
    example: '防災訓練',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiProperty({
    enum: CHANNEL_TYPES,
    description: 'public: anyone may browse and join; private: invitation only; direct: 1:1 or group conversation',
  })
  @IsIn(CHANNEL_TYPES)
  type: ChannelType;

  @ApiPropertyOptional({ type: [String], description: 'Other members (user ids); the creator is always a member' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  memberIds?: string[];

  @ApiPropertyOptional({ maxLength: 250 })
  @IsOptional()
  @IsString()
  @MaxLength(250)
  topic?: string;
}

export class UpdateChannelDto {
  @ApiPropertyOptional({ description: 'Rename (owner or chat administrator)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 250 })
  @IsOptional()
  @IsString()
  @MaxLength(250)
  topic?: string;

  @ApiPropertyOptional({ description: 'Archive (read-only) or restore (owner or chat administrator)' })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

export class InviteDto {
  @ApiProperty({ type: [String], description: 'User ids to add' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  userIds: string[];
}

export class HistoryQuery {
  @ApiPropertyOptional({ description: 'Messages with seq below this (older page)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  before?: number;

  @ApiPropertyOptional({ description: 'Messages with seq above this (newer page)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({
    description:
      'The page around this seq: half the limit before it, the rest from it on (hasOlder / hasNewer say whether more lies beyond); alone, without before, after or threadRootId',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  around?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The thread of this root message instead of the channel' })
  @IsOptional()
  @IsString()
  threadRootId?: string;
}

export class SearchQueryDto {
  @ApiProperty({ description: 'Words (Japanese or English) separated by spaces; all must occur', example: '災害' })
  @IsString()
  @Length(1, 200)
  q: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  channelId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  authorId?: string;

  @ApiPropertyOptional({ description: 'ISO-8601: messages at or after' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ description: 'ISO-8601: messages before' })
  @IsOptional()
  @IsISO8601()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class PostMessageDto {
  @ApiPropertyOptional({
    description: 'Idempotency key: the same key again returns the stored message (a random one when absent)',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  clientMsgId?: string;

  @ApiProperty({ description: 'Markdown text, up to 10,000 characters (413 beyond)' })
  @IsString()
  body: string;

  @ApiPropertyOptional({ description: 'Reply in the thread of this message' })
  @IsOptional()
  @IsString()
  threadRootId?: string;

  @ApiPropertyOptional({ description: 'A thread reply also shown in the channel' })
  @IsOptional()
  @IsBoolean()
  alsoSendToChannel?: boolean;
}

/* Socket payloads (validated with validatePayload). */

export class SendMessageDto implements ChatSendPayload {
  @IsString() channelId: string;
  @IsString() @Length(1, 100) clientMsgId: string;
  @IsString() body: string;
  @IsOptional() @IsString() threadRootId?: string;
  @IsOptional() @IsBoolean() alsoSendToChannel?: boolean;
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) attachmentIds?: string[];
}

export class SyncDto implements ChatSyncPayload {
  @IsObject() cursors: Record<string, number>;
  @IsOptional() @IsString() updatedSince?: string;
}

export class ReadDto {
  @IsString() channelId: string;
  @IsInt() @Min(0) seq: number;
}

export class EditMessageDto {
  @IsString() messageId: string;
  @IsString() body: string;
}

export class MessageRefDto {
  @IsString() messageId: string;
}

export class ReactDto {
  @IsString() messageId: string;
  @IsString() emoji: string;
  @IsOptional() @IsBoolean() on?: boolean;
}

export class PinDto {
  @IsString() messageId: string;
  @IsBoolean() pinned: boolean;
}

export class TypingDto {
  @IsString() channelId: string;
  @IsOptional() @IsString() threadRootId?: string;
}

export class PresenceDto {
  @IsIn(['online', 'away']) status: 'online' | 'away';
}
