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
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { APPROVAL_ACTIONS, APPROVAL_STATUSES, POSITIONS, RETENTION_PERIODS, STAGE_KINDS, STAGE_MODES } from '@yakuba/contracts';
import type {
  ApproverSpec,
  DocumentTypeInput,
  ApprovalActionName,
  ApprovalStatus,
  Position,
  RetentionPeriod,
  StageKind,
  StageMode,
} from '@yakuba/contracts';
import { ArrayOf, Nullable, OffsetPagingQuery } from '@yakuba/platform';

/** Amounts in whole yen: up to a trillion (far beyond any town budget, within JavaScript's exact integers). */
const MAX_AMOUNT = 1_000_000_000_000;

export class ExtraStageDto {
  @ApiProperty({ example: '企画財政課 合議' }) @IsString() @MinLength(1) @MaxLength(100) label: string;
  @ApiProperty({ enum: ['all', 'any'] }) @IsIn(['all', 'any']) mode: 'all' | 'any';
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  approverIds: string[];
}

class RouteInputDto {
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, description: 'integer yen' })
  @IsOptional()
  @Nullable()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  amount?: number | null;
  @ApiPropertyOptional({ description: '重要: the head decides, no 代決' }) @IsOptional() @IsBoolean() important?: boolean;
  @ApiPropertyOptional({ description: '異例: the head decides, no 代決' }) @IsOptional() @IsBoolean() unusual?: boolean;
  @ArrayOf(() => ExtraStageDto, { max: 10, optional: true, description: '合議 stages the drafter adds before the decision' })
  extraStages?: ExtraStageDto[];
}

export class RoutePreviewDto extends RouteInputDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() typeId: string;
}

export class CreateApprovalDto extends RouteInputDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() typeId: string;
  @ApiProperty({ example: '町道補修工事の契約について' }) @IsString() @MinLength(1) @MaxLength(200) @Matches(/\S/) title: string;
  @ApiProperty({ example: '標記について、下記のとおり契約してよろしいか伺います。' }) @IsString() @MaxLength(50000) body: string;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'a chat message the drafter may read; from a disaster channel: 事後決裁',
  })
  @IsOptional()
  @Nullable()
  @IsUUID()
  sourceMessageId?: string | null;
}

export class UpdateApprovalDto extends RouteInputDto {
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() typeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) @Matches(/\S/) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50000) body?: string;
}

export class VersionDto {
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) version: number;
}

export class ApprovalActionDto {
  @ApiProperty({ enum: APPROVAL_ACTIONS }) @IsIn(APPROVAL_ACTIONS) action: ApprovalActionName;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Nullable() @IsString() @MaxLength(2000) comment?: string | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    description: 'send_back: an earlier stage (0-based); null = the drafter',
  })
  @IsOptional()
  @Nullable()
  @IsInt()
  @Min(0)
  @Max(100)
  toStage?: number | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2026-11-27',
    description: '遡及: the stated decision date (final decision only)',
  })
  @IsOptional()
  @Nullable()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  statedDate?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'required with a statedDate other than today' })
  @IsOptional()
  @Nullable()
  @IsString()
  @MaxLength(500)
  statedReason?: string | null;
}

export class BulkItemDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) version: number;
}

export class BulkApproveDto {
  @ArrayOf(() => BulkItemDto, { min: 1, max: 100 })
  items: BulkItemDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Nullable() @IsString() @MaxLength(2000) comment?: string | null;
}

export class ApproverSpecDto {
  @ApiProperty({ enum: ['user', 'drafter_department_position', 'department_position'] })
  @IsIn(['user', 'drafter_department_position', 'department_position'])
  kind: 'user' | 'drafter_department_position' | 'department_position';
  @ApiPropertyOptional({ format: 'uuid', description: 'kind user' })
  @ValidateIf((o: ApproverSpecDto) => o.kind === 'user')
  @IsUUID()
  userId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'kind department_position' })
  @ValidateIf((o: ApproverSpecDto) => o.kind === 'department_position')
  @IsUUID()
  departmentId?: string;
  @ApiPropertyOptional({ enum: POSITIONS, description: 'kinds by position' })
  @ValidateIf((o: ApproverSpecDto) => o.kind !== 'user')
  @IsIn(POSITIONS)
  position?: Position;
}

export class StageDefinitionDto {
  @ApiProperty({ example: 'kacho' }) @IsString() @Matches(/^[A-Za-z0-9_-]{1,40}$/) key: string;
  @ApiProperty({ example: '課長' }) @IsString() @MinLength(1) @MaxLength(100) label: string;
  @ApiProperty({ enum: STAGE_KINDS }) @IsIn(STAGE_KINDS) kind: StageKind;
  @ApiProperty({ enum: STAGE_MODES }) @IsIn(STAGE_MODES) mode: StageMode;
  @ArrayOf(() => ApproverSpecDto, { min: 1, max: 30 })
  approvers: ApproverSpecDto[];
  @ApiProperty({ enum: POSITIONS, nullable: true })
  @Nullable()
  @ValidateIf((o: StageDefinitionDto) => o.rank !== null)
  @IsIn(POSITIONS)
  rank: Position | null;
  @ApiProperty({ type: Number, nullable: true, minimum: 0 })
  @Nullable()
  @ValidateIf((o: StageDefinitionDto) => o.minAmount !== null)
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  minAmount: number | null;
  @ApiProperty() @IsBoolean() afterDecision: boolean;
}

export class AuthorityRowDto {
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(MAX_AMOUNT) minAmount: number;
  @ApiProperty({ type: Number, nullable: true })
  @Nullable()
  @ValidateIf((o: AuthorityRowDto) => o.maxAmount !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  maxAmount: number | null;
  @ApiProperty({ enum: POSITIONS }) @IsIn(POSITIONS) decider: Position;
}

export class DocumentTypeDto {
  @ApiProperty({ example: 'shishutsu' }) @IsString() @Matches(/^[a-z0-9_-]{1,40}$/) code: string;
  @ApiProperty({ example: '支出負担行為' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) nameEn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiProperty({ enum: RETENTION_PERIODS, description: '1, 3, 5, 10, 30 or "permanent" (永年)' })
  @IsIn(RETENTION_PERIODS)
  retentionYears: RetentionPeriod;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() routine?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() hasAmount?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ArrayOf(() => StageDefinitionDto, { min: 1, max: 30 })
  stages: StageDefinitionDto[];
  @ArrayOf(() => AuthorityRowDto, { max: 20 })
  authority: AuthorityRowDto[];
  @ApiPropertyOptional({ enum: POSITIONS }) @IsOptional() @IsIn(POSITIONS) headRank?: Position;
}

export class UpdateDocumentTypeDto extends DocumentTypeDto {
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) version: number;
}

export class PrefixDto {
  @ApiProperty({ example: '住総' }) @IsString() @MinLength(1) @MaxLength(8) prefix: string;
}

export class AbsenceDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'defaults to the caller' }) @IsOptional() @IsUUID() userId?: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() proxyId: string;
  @ApiProperty({ example: '2026-12-01T08:30:00+09:00' }) @IsISO8601({ strict: true }) startsAt: string;
  @ApiProperty({ example: '2026-12-03T17:15:00+09:00' }) @IsISO8601({ strict: true }) endsAt: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class PaperDecisionsDto {
  @ApiProperty({ example: '2026-04' }) @Matches(/^\d{4}-(0[1-9]|1[0-2])$/) month: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() departmentId: string;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(1_000_000) count: number;
}

export class SearchApprovalsQuery extends OffsetPagingQuery {
  @ApiPropertyOptional({ description: 'full text (title, body, number); Japanese of one or two characters works' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ example: '住総第12号' }) @IsOptional() @IsString() @MaxLength(50) number?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) title?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() typeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() drafterId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional({ enum: APPROVAL_STATUSES }) @IsOptional() @IsIn(APPROVAL_STATUSES) status?: ApprovalStatus;
  @ApiPropertyOptional({ example: '2026-04-01' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) from?: string;
  @ApiPropertyOptional({ example: '2027-03-31' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) to?: string;
}

/** GET /approvals/inbox/acted: what I acted on (処理済), newest first; default limit 50. */
export class ActedApprovalsQuery extends OffsetPagingQuery {}

export class RetentionQuery {
  @ApiPropertyOptional({ example: 2026, description: 'fiscal year (April to March); default the current one' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(2200)
  fiscalYear?: number;
}

export class KpiQuery {
  @ApiPropertyOptional({ example: '2026-04' }) @IsOptional() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/) from?: string;
  @ApiPropertyOptional({ example: '2027-03' }) @IsOptional() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/) to?: string;
}

export class AttachmentVersionDto {
  // Optional to the validator so that someone who may not change the draft hears 403/404 first; the service then
  // requires it (400 without, 409 when stale).
  @ApiProperty({ minimum: 1, description: 'the approval version the change is made to (required; 409 when stale)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class AttachmentUploadDto extends AttachmentVersionDto {
  @ApiPropertyOptional({ description: 'defaults to the file name' }) @IsOptional() @IsString() @MaxLength(200) title?: string;
}

/** The validated DTO as the contract's input: each approver keeps only the fields of its kind. */
export function toTypeInput(dto: DocumentTypeDto): DocumentTypeInput {
  const approver = (a: ApproverSpecDto): ApproverSpec =>
    a.kind === 'user'
      ? { kind: 'user', userId: a.userId! }
      : a.kind === 'drafter_department_position'
        ? { kind: 'drafter_department_position', position: a.position! }
        : { kind: 'department_position', departmentId: a.departmentId!, position: a.position! };
  return {
    code: dto.code,
    name: dto.name,
    nameEn: dto.nameEn,
    description: dto.description,
    retentionYears: dto.retentionYears,
    routine: dto.routine,
    hasAmount: dto.hasAmount,
    active: dto.active,
    headRank: dto.headRank,
    authority: dto.authority.map((r) => ({ minAmount: r.minAmount, maxAmount: r.maxAmount, decider: r.decider })),
    stages: dto.stages.map((st) => ({
      key: st.key,
      label: st.label,
      kind: st.kind,
      mode: st.mode,
      approvers: st.approvers.map(approver),
      rank: st.rank,
      minAmount: st.minAmount,
      afterDecision: st.afterDecision,
    })),
  };
}
