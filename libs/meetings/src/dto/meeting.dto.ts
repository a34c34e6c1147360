import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ArrayOf, Nullable } from '@yakuba/platform';

export class AgendaItemDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'an existing item (its minutes stay); omit for a new item' })
  @IsOptional()
  @IsUUID()
  id?: string;
  @ApiProperty({ example: '電子決裁の導入について' }) @IsString() @MinLength(1) @MaxLength(200) title: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 600 }) @IsOptional() @IsInt() @Min(1) @Max(600) durationMinutes?: number;
}

export class CreateMeetingDto {
  @ApiProperty({ example: '令和6年度 第1回 庁議' }) @IsString() @MinLength(1) @MaxLength(200) title: string;
  @ApiProperty({ example: '2026-04-08T10:00:00+09:00' }) @IsISO8601({ strict: true }) startsAt: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) endsAt?: string;
  @ApiPropertyOptional({ example: '本庁舎 3階 第1会議室' }) @IsOptional() @IsString() @MaxLength(200) place?: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'people invited; the creator is added as organiser' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  participantIds: string[];
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'whole departments: their active staff are invited' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  departmentIds?: string[];
  @ArrayOf(() => AgendaItemDto, { max: 100, optional: true })
  agenda?: AgendaItemDto[];
}

export class UpdateMeetingDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) startsAt?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @Nullable()
  @IsOptional()
  @IsISO8601({ strict: true })
  endsAt?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Nullable() @IsOptional() @IsString() @MaxLength(200) place?: string | null;
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  participantIds?: string[];
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  departmentIds?: string[];
  @ApiPropertyOptional({ description: 'paper copies were handed out as well (the meeting then saves no paper)' })
  @IsOptional()
  @IsBoolean()
  paperDistributed?: boolean;
}

export class MeetingStatusDto {
  @ApiProperty({ enum: ['live', 'ended'] }) @IsIn(['live', 'ended']) status: 'live' | 'ended';
}

export class AgendaDto {
  @ArrayOf(() => AgendaItemDto, { max: 100, description: 'the whole agenda in its new order' })
  items: AgendaItemDto[];
}

export class MinutesDto {
  @ApiProperty({ description: '議事録: what was said' }) @IsString() @MaxLength(20000) minutes: string;
  @ApiProperty({ description: '決定事項: what was decided' }) @IsString() @MaxLength(5000) decisions: string;
}

export class PresenterDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId: string;
}

export class ListMeetingsQuery {
  @ApiPropertyOptional({ enum: ['scheduled', 'live', 'ended'] }) @IsOptional() @IsIn(['scheduled', 'live', 'ended']) status?: string;
}

export class UploadDocumentDto {
  @ApiPropertyOptional({ description: 'defaults to the file name' }) @IsOptional() @IsString() @MaxLength(200) title?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() agendaItemId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'watermarked in the viewer; only the organiser may download it' })
  @IsOptional()
  @IsIn(['true', 'false'])
  confidential?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: keep it from participants until published' })
  @IsOptional()
  @IsIn(['true', 'false'])
  draft?: string;
}

export class SearchQuery {
  @ApiProperty({ minLength: 1 }) @IsString() @MinLength(1) @MaxLength(100) q: string;
}

export class PageImageQuery {
  @ApiPropertyOptional({ description: 'image width in pixels; clamped to 120–2000', minimum: 1, maximum: 10000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  width?: number;
}
