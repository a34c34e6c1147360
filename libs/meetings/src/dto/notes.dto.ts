import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsHexColor, IsIn, IsNumber, IsString, Max, MaxLength, Min } from 'class-validator';
import { ArrayOf } from '@yakuba/platform';
import type { NoteMemo, NoteStroke } from '@yakuba/contracts';

export class StrokeDto implements NoteStroke {
  @ApiProperty({ enum: ['pen', 'highlighter'] }) @IsIn(['pen', 'highlighter']) tool: 'pen' | 'highlighter';
  @ApiProperty({ example: '#d0021b' }) @IsHexColor() color: string;
  @ApiProperty({ description: 'line width as a share of the page width', example: 0.004 }) @IsNumber() @Min(0.0005) @Max(0.1) width: number;
  @ApiProperty({ type: [Number], description: 'x0, y0, x1, y1, ... as shares (0..1) of the page width and height, from the top left' })
  @IsArray()
  @ArrayMaxSize(4000)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  @Min(0, { each: true })
  @Max(1, { each: true })
  points: number[];
}

export class MemoDto implements NoteMemo {
  @ApiProperty() @IsNumber() @Min(0) @Max(1) x: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(1) y: number;
  @ApiProperty() @IsString() @MaxLength(2000) text: string;
}

export class NotePageDto {
  @ArrayOf(() => StrokeDto, { max: 500 })
  strokes: StrokeDto[];
  @ArrayOf(() => MemoDto, { max: 50 }) memos: MemoDto[];
}
