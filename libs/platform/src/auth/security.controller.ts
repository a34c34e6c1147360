import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LdapTestResult, PasswordPolicyView, SecuritySettingsView, SessionView, TotpEnrolment, TotpStatus } from '@yakuba/contracts';
import { DomainError, hasPermission } from '@yakuba/contracts';
import { AllowedBeforePasswordChange, ClientIp, CurrentUser, RequirePermissions } from './decorators';
import { LdapTestDto, SecuritySettingsDto, TotpCodeDto } from './dto/security.dto';
import { LdapDirectory } from './ldap-directory';
import type { Principal } from './principal';
import { SecuritySettingsService } from './security-settings.service';
import { SessionsService } from './sessions.service';
import { TotpService } from './totp.service';
import { isUuid } from '../text/ids';
import { ApiNoContent, ApiResult } from '../http/api-result';

/** Administrators' security settings and sessions; everyone's own sessions and authenticator. */
@ApiTags('auth')
@Controller('auth')
export class SecurityController {
  constructor(
    private readonly settings: SecuritySettingsService,
    private readonly sessions: SessionsService,
    private readonly totp: TotpService,
  ) {}

  @ApiResult('SecuritySettingsView')
  @Get('security')
  @RequirePermissions('directory.manage')
  @ApiOperation({ summary: 'Session timeouts, password policy, TOTP requirement and LDAP settings (administrators; the LDAP password is never sent).' })
  getSettings(): Promise<SecuritySettingsView> {
    return this.settings.view();
  }

  @ApiResult('SecuritySettingsView')
  @Put('security')
  @RequirePermissions('directory.manage')
  @ApiOperation({ summary: 'Change the security settings, any section at a time (administrators; audited). Shorter timeouts end sessions at once.' })
  putSettings(@CurrentUser() user: Principal, @Body() dto: SecuritySettingsDto, @ClientIp() ip: string): Promise<SecuritySettingsView> {
    return this.settings.update(user, dto, ip);
  }

  @ApiResult('LdapTestResult')
  @Post('security/ldap-test')
  @HttpCode(200)
  @RequirePermissions('directory.manage')
  @ApiOperation({ summary: 'Try LDAP settings before saving them: connect, bind as the search account, and look a user up if named.' })
  async testLdap(@Body() dto: LdapTestDto): Promise<LdapTestResult> {
    const merged = await this.settings.merged({ ldap: dto.ldap });
    return new LdapDirectory(merged.ldap, this.settings.box).test(dto.username);
  }

  @ApiResult('PasswordPolicyView')
  @Get('password-policy')
  @AllowedBeforePasswordChange()
  @ApiOperation({ summary: 'The password policy, for the screens where a password is chosen.' })
  async passwordPolicy(): Promise<PasswordPolicyView> {
    return (await this.settings.get()).password;
  }

  @ApiResult(['SessionView'])
  @Get('sessions')
  @RequirePermissions('directory.manage')
  @ApiOperation({ summary: 'Every live session: user, sign-in time, last activity, address, browser (administrators).' })
  allSessions(@CurrentUser() user: Principal): Promise<SessionView[]> {
    return this.sessions.list(user);
  }

  @ApiResult(['SessionView'])
  @Get('sessions/mine')
  @ApiOperation({ summary: 'My live sessions (this one is marked current).' })
  mySessions(@CurrentUser() user: Principal): Promise<SessionView[]> {
    return this.sessions.list(user, user.id);
  }

  @ApiNoContent()
  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'End a session: my own other ones, or anyone’s for administrators (audited; its sockets are closed).' })
  endSession(@CurrentUser() user: Principal, @Param('id') id: string, @ClientIp() ip: string): Promise<void> {
    return this.sessions.end(user, id, hasManage(user), ip);
  }

  @ApiResult('TotpStatus')
  @Get('totp')
  @ApiOperation({ summary: 'Whether I have an authenticator, and how many recovery codes are left.' })
  totpStatus(@CurrentUser() user: Principal): Promise<TotpStatus> {
    return this.totp.status(user.id);
  }

  @ApiResult('TotpEnrolment')
  @Post('totp/enrol')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start enrolling an authenticator: a new secret as text, otpauth URL and QR code (SVG).' })
  enrol(@CurrentUser() user: Principal): Promise<TotpEnrolment> {
    return this.totp.start(user);
  }

  @ApiResult({ recoveryCodes: ['string'] })
  @Post('totp/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the authenticator with a code; answers ten recovery codes, shown this once (audited).' })
  confirm(@CurrentUser() user: Principal, @Body() dto: TotpCodeDto, @ClientIp() ip: string): Promise<{ recoveryCodes: string[] }> {
    return this.totp.confirm(user, dto.code, ip);
  }

  @ApiNoContent()
  @Post('totp/disable')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove my authenticator, proven with a current code or a recovery code (audited).' })
  async disable(@CurrentUser() user: Principal, @Body() dto: TotpCodeDto, @ClientIp() ip: string): Promise<void> {
    if ((await this.totp.verify(user.id, user.username, dto.code)) !== 'ok') throw new DomainError('bad_request', 'code: does not match the authenticator');
    await this.totp.disable(user, user.id, ip);
  }

  @ApiNoContent()
  @Post('totp/reset/:userId')
  @HttpCode(204)
  @RequirePermissions('directory.manage')
  @ApiOperation({ summary: 'Remove a user’s authenticator (a lost phone), so they can enrol again (administrators; audited).' })
  async reset(@CurrentUser() user: Principal, @Param('userId') userId: string, @ClientIp() ip: string): Promise<void> {
    if (!isUuid(userId)) throw new DomainError('not_found', 'no authenticator enrolled');
    await this.totp.disable(user, userId, ip);
  }
}

const hasManage = (user: Principal) => hasPermission(user.roles, 'directory.manage');
