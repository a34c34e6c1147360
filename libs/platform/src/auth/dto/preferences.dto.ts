import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
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

/** Response schemas (OpenAPI only). */
export class PreferencesView {
  @ApiProperty({ enum: DATE_STYLES, nullable: true, type: String }) dateStyle: DateStyle | null;
}

class SessionGuestView {
  @ApiProperty({ format: 'uuid' }) channelId: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class MeViewSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [String] }) roles: string[];
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) departmentId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) position?: string | null;
  @ApiProperty() mustChangePassword: boolean;
  @ApiProperty({ enum: ['local', 'ldap'] }) authSource: string;
  @ApiPropertyOptional({ type: SessionGuestView }) guest?: SessionGuestView;
  @ApiProperty({ example: 'Asia/Tokyo', description: "the organisation's time zone (TIME_ZONE)" }) timeZone: string;
  @ApiProperty({ type: PreferencesView }) preferences: PreferencesView;
}

@ApiExtraModels(MeViewSchema)
export class SessionProbeView {
  // A nullable reference: OpenAPI 3.0 writes it as allOf [ref] + nullable (a bare `type: object` would say nothing).
  @ApiProperty({ allOf: [{ $ref: getSchemaPath(MeViewSchema) }], nullable: true, description: 'null when the browser is not signed in' })
  user: MeViewSchema | null;
  @ApiProperty({ example: 'Asia/Tokyo', description: "the organisation's time zone: dates are shown in it whatever the device's" })
  timeZone: string;
}
