import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsHexColor,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { SharedStroke } from '@yakuba/contracts';

export class MeetingRefDto {
  @IsUUID() meetingId: string;
}

export class PresentDto {
  @IsUUID() meetingId: string;
  // Any string: an id that is not a document of this meeting answers not_found (CONTRACT.md), not bad_request.
  @IsString() @MaxLength(100) documentId: string;
  @IsInt() page: number;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) zoom?: number;
}

export class PointerDto {
  @IsUUID() meetingId: string;
  @IsInt() @Min(1) page: number;
  @IsNumber() @Min(0) @Max(1) x: number;
  @IsNumber() @Min(0) @Max(1) y: number;
  @IsOptional() @IsBoolean() visible?: boolean;
}

export class SharedStrokeDto implements SharedStroke {
  @IsHexColor() color: string;
  @IsArray()
  @ArrayMaxSize(2000)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  @Min(0, { each: true })
  @Max(1, { each: true })
  points: number[];
}

export class HighlightDto {
  @IsUUID() meetingId: string;
  @IsInt() @Min(1) page: number;
  /** Omitted to clear the shared highlight. */
  @IsOptional() @ValidateNested() @Type(() => SharedStrokeDto) stroke?: SharedStrokeDto;
}

export class HandOverDto {
  @IsUUID() meetingId: string;
  @IsUUID() userId: string;
}

export class FollowDto {
  @IsUUID() meetingId: string;
  @IsBoolean() following: boolean;
  @IsOptional() @IsUUID() documentId?: string;
  @IsOptional() @IsInt() @Min(1) @Max(100000) page?: number;
}
