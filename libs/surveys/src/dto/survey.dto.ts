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
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import {
  SURVEY_BREAKDOWNS,
  SURVEY_KPI_KEYS,
  SURVEY_QUESTION_TYPES,
  type SurveyAnswers,
  type SurveyBreakdown,
  type SurveyKpiKey,
  type SurveyQuestionType,
} from '@yakuba/contracts';
import { ArrayOf, Nullable } from '@yakuba/platform';

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** Each element a string (≤ 200) or a whole number: the answers a condition or a KPI's "agree" names. */
function IsChoiceList(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isChoiceList',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must list strings or whole numbers`, ...options },
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) &&
          value.length <= 30 &&
          value.every((v) => (typeof v === 'string' && v.length <= 200) || (typeof v === 'number' && Number.isInteger(v))),
      },
    });
}

export class SectionDto {
  @ApiProperty({ example: 'workload' }) @Matches(KEY) key: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) description?: string;
}

export class MatrixItemDto {
  @ApiProperty() @Matches(KEY) key: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) text: string;
}

export class ShowIfDto {
  @ApiProperty() @Matches(KEY) questionKey: string;
  @ApiProperty({ type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'integer' }] } }) @IsChoiceList() anyOf: (string | number)[];
}

export class QuestionKpiDto {
  @ApiPropertyOptional({ enum: SURVEY_KPI_KEYS }) @IsOptional() @IsIn(SURVEY_KPI_KEYS) key?: SurveyKpiKey;
  @ApiProperty({ example: 0.7, minimum: 0, maximum: 1 }) @IsNumber() @Min(0.01) @Max(1) target: number;
  @ApiPropertyOptional({
    type: 'array',
    items: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
    description: 'default: top two boxes [4, 5]',
  })
  @IsOptional()
  @IsChoiceList()
  agree?: (string | number)[];
}

export class QuestionDto {
  @ApiProperty({ example: 'workload_reduced' }) @Matches(KEY) key: string;
  @ApiProperty({ enum: SURVEY_QUESTION_TYPES }) @IsIn(SURVEY_QUESTION_TYPES) type: SurveyQuestionType;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000) text: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(KEY) section?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  options?: string[];
  @ArrayOf(() => MatrixItemDto, { max: 30, optional: true })
  items?: MatrixItemDto[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() required?: boolean;
  @ApiPropertyOptional({ type: ShowIfDto }) @IsOptional() @ValidateNested() @Type(() => ShowIfDto) showIf?: ShowIfDto;
  @ApiPropertyOptional({ type: QuestionKpiDto }) @IsOptional() @ValidateNested() @Type(() => QuestionKpiDto) kpi?: QuestionKpiDto;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(30) maxChoices?: number;
}

export class AudienceDto {
  @ApiPropertyOptional({ description: 'everyone active' }) @IsOptional() @IsIn([true]) all?: true;
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  departmentIds?: string[];
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true })
  userIds?: string[];
}

export class SurveyDraftDto {
  @ApiProperty({ example: 'DX推進に関する職員意識調査' }) @IsString() @MinLength(1) @MaxLength(200) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @ApiProperty() @IsBoolean() anonymous: boolean;
  @ApiProperty({ type: AudienceDto, description: '{"all": true} | {"departmentIds": [...]} | {"userIds": [...]}' })
  @ValidateNested()
  @Type(() => AudienceDto)
  audience: AudienceDto;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @Nullable()
  @IsOptional()
  @IsISO8601({ strict: true })
  opensAt?: string | null;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) closesAt: string;
  @ArrayOf(() => QuestionDto, { min: 1, max: 100 })
  questions: QuestionDto[];
  @ArrayOf(() => SectionDto, { max: 30, optional: true })
  sections?: SectionDto[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() allowEdit?: boolean;
  @ApiPropertyOptional({ minimum: 3, maximum: 10, default: 5 }) @IsOptional() @IsInt() @Min(3) @Max(10) threshold?: number;
  @ApiPropertyOptional({ enum: SURVEY_BREAKDOWNS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2)
  @IsIn(SURVEY_BREAKDOWNS, { each: true })
  breakdowns?: SurveyBreakdown[];
}

export class UpdateSurveyDto extends SurveyDraftDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
}

export class OpenSurveyDto {
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) opensAt?: string;
}

export class DuplicateSurveyDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @Nullable()
  @IsOptional()
  @IsISO8601({ strict: true })
  opensAt?: string | null;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) closesAt?: string;
}

export class FromTemplateDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) closesAt?: string;
  @ApiPropertyOptional({ type: AudienceDto }) @IsOptional() @ValidateNested() @Type(() => AudienceDto) audience?: AudienceDto;
}

const SECRET = /^[A-Za-z0-9_-]{43,128}$/;

export class SubmitResponseDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'question key → answer (likert5 1..5, single an option, multi options, text, matrix item → 1..5); omit unanswered questions',
  })
  @IsObject()
  answers: SurveyAnswers;
  @ApiPropertyOptional({
    description:
      'browser-generated secret (base64url, ≥ 32 random bytes); only its hash is stored. Without it an anonymous answer is final (editable: false)',
  })
  @IsOptional()
  @Matches(SECRET, { message: 'editSecret must be base64url of at least 32 bytes (43..128 characters)' })
  editSecret?: string;
}

export class MyResponseDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(SECRET, { message: 'editSecret must be base64url of at least 32 bytes (43..128 characters)' })
  editSecret?: string;
}

export class ResultsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'only this department’s respondents (empty string: その他)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  departmentId?: string;
  @ApiPropertyOptional({ description: 'only this position’s respondents (empty string: その他)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  position?: string;
}
