import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { PASSWORD_CLASSES, ROLES, type PasswordClass, type Role } from '@yakuba/contracts';
import { parseCidr } from '../domain/networks';

@ValidatorConstraint({ name: 'cidr' })
class IsCidr implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && parseCidr(value) !== null;
  }
  defaultMessage(): string {
    return 'each internal network must be a CIDR such as 10.0.0.0/8 or a single address';
  }
}

export class SessionTimeoutsDto {
  /** Seconds; at least 2 so that tests can use short ones, the screen offers minutes. */
  @ApiProperty({ example: 1800, minimum: 2, maximum: 86400 }) @IsInt() @Min(2) @Max(86_400) idleTimeoutSeconds: number;
  @ApiProperty({ example: 43200, minimum: 60, maximum: 2592000 }) @IsInt() @Min(60) @Max(30 * 86_400) absoluteTimeoutSeconds: number;
}

export class PasswordPolicyDto {
  @ApiProperty({ example: 10, minimum: 8, maximum: 128 }) @IsInt() @Min(8) @Max(128) minLength: number;
  @ApiProperty({ enum: PASSWORD_CLASSES, isArray: true }) @IsArray() @ArrayMaxSize(4) @IsIn(PASSWORD_CLASSES, { each: true }) requiredClasses: PasswordClass[];
  @ApiProperty({ example: 5, minimum: 0, maximum: 24 }) @IsInt() @Min(0) @Max(24) historyCount: number;
  @ApiProperty() @IsBoolean() changeAtFirstSignIn: boolean;
}

export class TotpPolicyDto {
  @ApiProperty() @IsBoolean() requiredOutsideInternal: boolean;
  @ApiProperty({ type: [String], example: ['10.0.0.0/8'] }) @IsArray() @ArrayMaxSize(100) @Validate(IsCidr, { each: true }) internalNetworks: string[];
}

export class LdapGroupRoleDto {
  @ApiProperty({ example: 'yakuba-admins' }) @IsString() @MinLength(1) @MaxLength(500) group: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
}

export class LdapGroupDepartmentDto {
  @ApiProperty({ example: 'somu' }) @IsString() @MinLength(1) @MaxLength(500) group: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() departmentId: string;
}

export class LdapSettingsDto {
  @ApiProperty() @IsBoolean() enabled: boolean;
  @ApiProperty({ example: 'ldap://ad.town.lg.jp:389' }) @Matches(/^ldaps?:\/\/[^\s/]+\/?$/, { message: 'url must be ldap://host:port or ldaps://host:port' }) url: string;
  @ApiProperty({ example: 'cn=yakuba,ou=services,dc=town,dc=lg,dc=jp' }) @IsString() @MaxLength(500) bindDn: string;
  /** Write-only: absent keeps the stored one, '' clears it. */
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(500) bindPassword?: string;
  @ApiProperty({ example: 'dc=town,dc=lg,dc=jp' }) @IsString() @MinLength(1) @MaxLength(500) baseDn: string;
  @ApiProperty({ example: '(sAMAccountName={username})' })
  @Matches(/^\(.*\{username\}.*\)$/s, { message: 'userFilter must be a filter in parentheses containing {username}' })
  @MaxLength(500)
  userFilter: string;
  @ApiProperty() @IsString() @MaxLength(500) groupBaseDn: string;
  @ApiProperty({ example: '(member={dn})' }) @Matches(/^$|^\(.*\)$/s, { message: 'groupFilter must be empty or a filter in parentheses' }) @MaxLength(500) groupFilter: string;
  @ApiProperty({ example: 'displayName' }) @Matches(/^[A-Za-z][\w-]{0,63}$/, { message: 'displayNameAttribute must be an attribute name' }) displayNameAttribute: string;
  @ApiProperty({ example: '' }) @Matches(/^$|^[A-Za-z][\w-]{0,63}$/, { message: 'kanaAttribute must be empty or an attribute name' }) kanaAttribute: string;
  @ApiProperty({ type: [LdapGroupRoleDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => LdapGroupRoleDto) roleMappings: LdapGroupRoleDto[];
  @ApiProperty({ type: [LdapGroupDepartmentDto] }) @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => LdapGroupDepartmentDto) departmentMappings: LdapGroupDepartmentDto[];
  @ApiProperty() @IsBoolean() startTls: boolean;
  @ApiProperty() @IsBoolean() tlsRejectUnauthorized: boolean;
  @ApiProperty() @IsString() @MaxLength(20_000) tlsCaCertificate: string;
  @ApiProperty({ minimum: 1, maximum: 60 }) @IsInt() @Min(1) @Max(60) timeoutSeconds: number;
}

export class SecuritySettingsDto {
  @ApiProperty({ type: SessionTimeoutsDto, required: false }) @IsOptional() @ValidateNested() @Type(() => SessionTimeoutsDto) session?: SessionTimeoutsDto;
  @ApiProperty({ type: PasswordPolicyDto, required: false }) @IsOptional() @ValidateNested() @Type(() => PasswordPolicyDto) password?: PasswordPolicyDto;
  @ApiProperty({ type: TotpPolicyDto, required: false }) @IsOptional() @ValidateNested() @Type(() => TotpPolicyDto) totp?: TotpPolicyDto;
  @ApiProperty({ type: LdapSettingsDto, required: false }) @IsOptional() @ValidateNested() @Type(() => LdapSettingsDto) ldap?: LdapSettingsDto;
}

export class LdapTestDto {
  /** Unsaved settings to try (the stored search password is used when none is given). */
  @ApiProperty({ type: LdapSettingsDto }) @ValidateNested() @Type(() => LdapSettingsDto) ldap: LdapSettingsDto;
  @ApiProperty({ required: false, example: 'tanaka' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) username?: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456', description: 'a 6-digit code, or a recovery code' }) @IsString() @MinLength(6) @MaxLength(40) code: string;
}

export class TotpLoginDto extends TotpCodeDto {
  @ApiProperty({ description: 'the challenge from POST /api/auth/login' }) @IsString() @MinLength(1) @MaxLength(4096) challenge: string;
}
