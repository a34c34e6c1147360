import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { LoginResponse, LoginThrottleView } from '@yakuba/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuthService, type LoginResult } from './auth.service';
import { ClientIp, CurrentUser, Public, RequirePermissions } from './decorators';
import { GuestRoute } from './scope';
import { ChangePasswordDto, ClearThrottleDto, LoginDto } from './dto/auth.dto';
import { LocalAuthGuard } from './guards';
import { DEVICE_COOKIE, SESSION_COOKIE, type Principal } from './principal';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; returns a bearer token and sets the httpOnly session cookie. Failed attempts are throttled (429).' })
  @ApiBody({ type: LoginDto })
  login(@Req() req: Request & { user: LoginResult }, @Res({ passthrough: true }) res: Response): LoginResponse {
    const { deviceToken, ...answer } = req.user;
    res.cookie(SESSION_COOKIE, answer.accessToken, { httpOnly: true, sameSite: 'lax', secure: this.config.cookieSecure, path: '/', maxAge: this.auth.sessionTtlMs });
    // Spares this browser from the throttling that others' failures cause (libs/platform/src/auth/domain/login-throttle.ts).
    res.cookie(DEVICE_COOKIE, deviceToken, { httpOnly: true, sameSite: 'strict', secure: this.config.cookieSecure, path: '/api/auth', maxAge: 365 * 86_400_000 });
    return answer;
  }

  @Get('throttles')
  @RequirePermissions('directory.manage')
  @ApiOperation({ summary: 'Sign-in sources with recent failures and until when each is delayed (administrators).' })
  @ApiOkResponse({ description: '[{ username, ip, device, failures, lastFailureAt, delayedUntil }]' })
  throttles(): Promise<LoginThrottleView[]> {
    return this.auth.throttled();
  }

  @Post('throttles/clear')
  @HttpCode(200)
  @RequirePermissions('directory.manage')
  @ApiOperation({ summary: 'Release throttled sign-ins of an account, an address, or the pair (administrators; audited).' })
  @ApiOkResponse({ description: '{ cleared: number of failures no longer counted }' })
  clearThrottle(@CurrentUser() user: Principal, @Body() dto: ClearThrottleDto, @ClientIp() ip: string): Promise<{ cleared: number }> {
    return this.auth.clearThrottle(user, dto, ip);
  }

  @Post('logout')
  @GuestRoute()
  @HttpCode(204)
  @ApiOperation({ summary: 'Ends this session (cookie cleared, token revoked, its sockets disconnected).' })
  async logout(@CurrentUser() user: Principal, @ClientIp() ip: string, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(user, ip);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @GuestRoute()
  @ApiOperation({ summary: 'The signed-in user.' })
  @ApiOkResponse({ description: '{ id, username, displayName, roles, departmentId, position }' })
  me(@CurrentUser() user: Principal) {
    const { sessionId: _sessionId, ...rest } = user;
    return rest;
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change my password; signs out my other sessions.' })
  changePassword(@CurrentUser() user: Principal, @Body() dto: ChangePasswordDto, @ClientIp() ip: string): Promise<void> {
    return this.auth.changePassword(user, dto.currentPassword, dto.newPassword, ip);
  }
}
