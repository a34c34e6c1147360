import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Length,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  DAMAGE_CATEGORIES,
  DAMAGE_STATUSES,
  DISASTER_KINDS,
  DISASTER_STATUSES,
  DUTY_GROUPS,
  ROLL_CALL_ATTENDANCE,
  ROLL_CALL_SAFETY,
  type DamageCategory,
  type DamageStatus,
  type DisasterKind,
  type DisasterStatus,
  type DutyGroup,
  type RollCallAttendance,
  type RollCallSafety,
} from '@yakuba/contracts';
import { Nullable } from '@yakuba/platform';

export class DeclareDisasterDto {
  @ApiProperty({ example: '台風10号' }) @IsString() @MinLength(1) @MaxLength(200) title: string;
  @ApiProperty({ enum: DISASTER_KINDS }) @IsIn(DISASTER_KINDS) kind: DisasterKind;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @IsInt() @Min(1) @Max(5) level?: number;
  @ApiProperty({ description: '訓練: labelled as a drill everywhere and kept out of KPIs' }) @IsBoolean() drill: boolean;
}

export class UpdateDisasterDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @IsInt() @Min(1) @Max(5) level?: number;
}

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListDisastersQuery {
  @ApiPropertyOptional({ enum: DISASTER_STATUSES }) @IsOptional() @IsIn(DISASTER_STATUSES) status?: DisasterStatus;
  @ApiPropertyOptional({ type: Boolean }) @IsOptional() @Transform(toBool) @IsBoolean() drill?: boolean;
}

export class StatsQuery {
  @ApiPropertyOptional({ example: '2026-04-01T00:00:00+09:00' }) @IsOptional() @IsISO8601({ strict: true }) since?: string;
}

export class UrgentMessageDto {
  @ApiProperty({ example: '直ちに安否を回答してください。' }) @IsString() @MinLength(1) @MaxLength(4000) body: string;
}

export class AckDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) clientAckId?: string;
}

export class RollCallAnswerDto {
  @ApiProperty({ enum: ROLL_CALL_SAFETY }) @IsIn(ROLL_CALL_SAFETY) safety: RollCallSafety;
  @ApiProperty({ enum: ROLL_CALL_ATTENDANCE }) @IsIn(ROLL_CALL_ATTENDANCE) attendance: RollCallAttendance;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-09-01T09:30:00+09:00' })
  @IsOptional()
  @Nullable()
  @IsISO8601({ strict: true })
  eta?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Nullable() @IsString() @MaxLength(200) location?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Nullable() @IsString() @MaxLength(1000) note?: string | null;
  @ApiPropertyOptional({ description: 'idempotency key of an offline outbox entry' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  clientAnswerId?: string;
}

export class DutyRoleDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) level: number;
  @ApiProperty({ enum: DUTY_GROUPS }) @IsIn(DUTY_GROUPS) group: DutyGroup;
  @ApiProperty({ example: '災害対策本部 本部長' }) @IsString() @MinLength(1) @MaxLength(200) title: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Nullable() @IsString() @MaxLength(200) place?: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) @Nullable() @IsUUID() assigneeId: string | null;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10000) sortOrder?: number;
}

export class DutyRolePatchDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @IsInt() @Min(1) @Max(5) level?: number;
  @ApiPropertyOptional({ enum: DUTY_GROUPS }) @IsOptional() @IsIn(DUTY_GROUPS) group?: DutyGroup;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Nullable() @IsString() @MaxLength(200) place?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) @IsOptional() @Nullable() @IsUUID() assigneeId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10000) sortOrder?: number;
}

export class DutyResponseDto {
  @ApiProperty({ enum: ['confirmed', 'unavailable'] }) @IsIn(['confirmed', 'unavailable']) state: 'confirmed' | 'unavailable';
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Nullable() @IsString() @MaxLength(1000) note?: string | null;
}

export class DutyReassignDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() assigneeId: string;
}

/** Multipart sends every field as text: numbers are read from their digits (anything else stays invalid). */
const toNumber = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;

export class DamageReportDto {
  @ApiProperty({ example: '町道 役場前交差点' }) @IsString() @MinLength(1) @MaxLength(200) place: string;
  @ApiProperty({ enum: DAMAGE_CATEGORIES }) @IsIn(DAMAGE_CATEGORIES) category: DamageCategory;
  @ApiProperty({ minimum: 1, maximum: 3 }) @Transform(toNumber) @IsInt() @Min(1) @Max(3) severity: number;
  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @Nullable()
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @Nullable()
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lng?: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Nullable() @IsString() @MaxLength(2000) note?: string | null;
  @ApiPropertyOptional({ description: "the client's idempotency key: the same reporter and key again answer the stored report" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  clientReportId?: string;
}

export class DamagePatchDto {
  @ApiPropertyOptional({ enum: DAMAGE_STATUSES }) @IsOptional() @IsIn(DAMAGE_STATUSES) status?: DamageStatus;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) @IsOptional() @Nullable() @IsUUID() assigneeId?: string | null;
}

export class DamageListQuery {
  @ApiPropertyOptional({ enum: DAMAGE_STATUSES }) @IsOptional() @IsIn(DAMAGE_STATUSES) status?: DamageStatus;
  @ApiPropertyOptional({ enum: DAMAGE_CATEGORIES }) @IsOptional() @IsIn(DAMAGE_CATEGORIES) category?: DamageCategory;
}

export class SituationDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(10000) body: string;
  @ApiProperty({ description: 'the version being replaced (0 when none)' }) @Type(() => Number) @IsInt() @Min(0) version: number;
}

export class GuestInviteDto {
  @ApiProperty({ example: '山田 医師' }) @IsString() @MinLength(1) @MaxLength(100) displayName: string;
  @ApiProperty({ example: 'DMAT 県立病院' }) @IsString() @MinLength(1) @MaxLength(100) organisation: string;
  @ApiProperty({ example: '2026-09-03T18:00:00+09:00' }) @IsISO8601({ strict: true }) expiresAt: string;
}

/* ---------- socket payloads ---------- */

export class DisasterAckDto {
  @IsUUID() messageId: string;
  @IsOptional() @IsString() @MaxLength(100) clientAckId?: string;
}

export class DisasterDeliveredDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsUUID('all', { each: true }) messageIds: string[];
}

export class DisasterOpenedDto {
  @IsUUID() messageId: string;
}

export class DisasterRefDto {
  @IsUUID() disasterId: string;
}

export class DisasterRollCallDto extends RollCallAnswerDto {
  @IsUUID() disasterId: string;
}
