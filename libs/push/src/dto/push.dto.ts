import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsNumber, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Nullable } from '@yakuba/platform';

export class PushKeysDto {
  @ApiProperty({ description: 'The browser’s P-256 public key, base64url (65 bytes)' }) @IsString() @MaxLength(100) p256dh: string;
  @ApiProperty({ description: 'The authentication secret, base64url (16 bytes)' }) @IsString() @MaxLength(30) auth: string;
}

/** `PushSubscription.toJSON()` as the browser gives it. */
export class PushSubscriptionDto {
  @ApiProperty({ example: 'https://fcm.googleapis.com/fcm/send/…' }) @IsString() @MaxLength(2048) endpoint: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @Nullable() @IsNumber() expirationTime?: number | null;
  @ApiProperty({ type: PushKeysDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => PushKeysDto) keys: PushKeysDto;
}
