import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DATE_STYLES, type DateStyle } from '@yakuba/contracts';
import { Nullable } from '../../http/nullable';

/** PUT /api/auth/preferences: the whole set of my display choices (null clears one). */
export class PreferencesDto {
  @ApiProperty({
    enum: DATE_STYLES,
    nullable: true,
    type: String,
    description: '和暦 (wareki) or Western (gregorian) dates in the Japanese UI; null: not chosen',
  })
  @Nullable()
  @IsIn(DATE_STYLES)
  dateStyle: DateStyle | null;
}
