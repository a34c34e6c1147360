import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { POSITIONS, ROLES, type Role } from '@yakuba/contracts';
import { USERNAME_PATTERN } from '../domain/staff-row';
import { Nullable } from '../../http/nullable';

export class CreateUserDto {
  @ApiProperty({ example: 'sato.taro' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString() @Matches(USERNAME_PATTERN, { message: 'username must be 2-63 of a-z, 0-9, . _ -' })
  username: string;

  @ApiProperty({ example: '佐藤 太郎' }) @IsString() @MinLength(1) @MaxLength(100) displayName: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) displayNameKana?: string;
  @ApiProperty({ minLength: 8, description: 'at least 8 characters (the floor of any policy), then checked against the password policy (GET /api/auth/password-policy)' }) @IsString() @MinLength(8) @MaxLength(200) password: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() departmentId: string;
  @ApiPropertyOptional({ enum: POSITIONS }) @IsOptional() @IsIn(POSITIONS) position?: string;
  @ApiPropertyOptional({ enum: ROLES, isArray: true }) @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ROLES.length) @IsIn(ROLES, { each: true }) roles?: Role[];
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) displayName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) displayNameKana?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @Nullable() @IsOptional() @IsUUID() departmentId?: string | null;
  @ApiPropertyOptional({ enum: POSITIONS, nullable: true }) @Nullable() @IsOptional() @IsIn([...POSITIONS, null]) position?: string | null;
  @ApiPropertyOptional({ enum: ROLES, isArray: true }) @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ROLES.length) @IsIn(ROLES, { each: true }) roles?: Role[];
  @ApiPropertyOptional({ description: 'false disables the account and ends its sessions' }) @IsOptional() @IsBoolean() active?: boolean;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 8, description: 'at least 8 characters (the floor of any policy), then checked against the password policy (GET /api/auth/password-policy)' }) @IsString() @MinLength(8) @MaxLength(200) password: string;
}

export class ListUsersQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional({ description: 'include disabled accounts' })
  @IsOptional() @Transform(({ value }) => value === 'true' || value === true) @IsBoolean() includeDisabled?: boolean;
}
