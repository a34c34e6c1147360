import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin' }) @IsString() @MinLength(1) @MaxLength(100) username: string;
  @ApiProperty({ example: 'yakuba-demo' }) @IsString() @MinLength(1) @MaxLength(200) password: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MaxLength(200) currentPassword: string;
  @ApiProperty({ minLength: 8, description: 'at least 8 characters (the floor of any policy), then checked against the password policy (GET /api/auth/password-policy)' }) @IsString() @MinLength(8) @MaxLength(200) newPassword: string;
}

/** Which throttled sign-ins to release: an account (from every source), an address, or the pair. */
export class ClearThrottleDto {
  @ApiProperty({ required: false, example: 'kato.zeimu' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) username?: string;
  @ApiProperty({ required: false, example: '10.0.0.12' }) @IsOptional() @IsString() @Matches(/^[0-9a-fA-F.:]{2,45}$/, { message: 'ip must be an IPv4 or IPv6 address' }) ip?: string;
}
