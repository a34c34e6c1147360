import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type LoginResponse, type LoginThrottleView, type MeView, type SessionStatusView, type TotpChallenge } from '@yakuba/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuthService, type LoginResult } from './auth.service';
import { AllowedBeforePasswordChange, ClientIp, CurrentUser, Public, RequirePermissions } from './decorators';
import { GuestRoute } from './scope';
import { ChangePasswordDto, ClearThrottleDto, LoginDto } from './dto/auth.dto';
import { TotpLoginDto } from './dto/security.dto';
import { extractToken } from './token';
import { LocalAuthGuard } from './guards';
import { DEVICE_COOKIE, SESSION_COOKIE, type Principal } from './principal';
import { anyOf, ApiNoContent, ApiResult } from '../http/api-result';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiResult(anyOf('LoginResponse', 'TotpChallenge'))
  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in; returns a bearer token and sets the httpOnly session cookie. An account with an authenticator answers { totpRequired, challenge } instead (then POST /api/auth/login/totp). Failed attempts are throttled (429); from outside the internal networks without an authenticator, 403 when administrators require one.',
  })
  @ApiBody({ type: LoginDto })
  login(@Req() req: Request & { user: LoginResult }, @Res({ passthrough: true }) res: Response): LoginResponse | TotpChallenge {
    return this.answer(req.user, res);
  }

  @ApiResult(anyOf('LoginResponse', 'TotpChallenge'))
  @Public()
  @Post('login/totp')
  @HttpCode(200)
  @ApiOperation({ summary: 'The second step of signing in: the challenge and a 6-digit code (or a recovery code). Wrong and replayed codes are throttled like passwords.' })
  async loginTotp(@Body() dto: TotpLoginDto, @Req() req: Request, @ClientIp() ip: string, @Res({ passthrough: true }) res: Response): Promise<LoginResponse | TotpChallenge> {
    return this.answer(await this.auth.loginWithCode(dto.challenge, dto.code, ip, req.get('user-agent') ?? null), res);
  }

  private answer(result: LoginResult, res: Response): LoginResponse | TotpChallenge {
    if ('totpRequired' in result) return result;
    const { deviceToken, cookieMaxAgeMs, ...answer } = result;
    res.cookie(SESSION_COOKIE, answer.accessToken, { httpOnly: true, sameSite: 'lax', secure: this.config.cookieSecure, path: '/', maxAge: cookieMaxAgeMs });
    // Spares this browser from the throttling that others' failures cause (libs/platform/src/auth/domain/login-throttle.ts).
    res.cookie(DEVICE_COOKIE, deviceToken, { httpOnly: true, sameSite: 'strict', secure: this.config.cookieSecure, path: '/api/auth', maxAge: 365 * 86_400_000 });
    return answer;
  }

  @ApiResult(['LoginThrottleView'])
  @Get('throttles')
  @RequirePermissions('directory.manage')
  @ApiOperation({ summary: 'Sign-in sources with recent failures and until when each is delayed (administrators).' })
  throttles(): Promise<LoginThrottleView[]> {
    return this.auth.throttled();
  }

  @ApiResult({ cleared: 'integer' })
  @Post('throttles/clear')
  @HttpCode(200)
  @RequirePermissions('directory.manage')
  @ApiOperation({ summary: 'Release throttled sign-ins of an account, an address, or the pair (administrators; audited).' })
  clearThrottle(@CurrentUser() user: Principal, @Body() dto: ClearThrottleDto, @ClientIp() ip: string): Promise<{ cleared: number }> {
    return this.auth.clearThrottle(user, dto, ip);
  }

  @ApiNoContent()
  @Post('logout')
  @AllowedBeforePasswordChange()
  @GuestRoute()
  @HttpCode(204)
  @ApiOperation({ summary: 'Ends this session (cookie cleared, token revoked, its sockets disconnected).' })
  async logout(@CurrentUser() user: Principal, @ClientIp() ip: string, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(user, ip);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @ApiResult('SessionStatusView')
  @Public()
  @Get('session-status')
  @ApiOperation({
    summary:
      'Why this request’s session no longer works (account_disabled, signed_out, expired), or active, or none: an open page shows the reason on the sign-in page.',
  })
  async sessionStatus(@Req() req: Request): Promise<SessionStatusView> {
    return { status: await this.auth.sessionStatus(extractToken(req.headers)) };
  }

  @ApiResult('MeView')
  @Get('me')
  @AllowedBeforePasswordChange()
  @GuestRoute()
  @ApiOperation({ summary: 'The signed-in user, and whether the password must be changed before anything else.' })
  me(@CurrentUser() user: Principal): MeView {
    return this.auth.me(user);
  }

  @ApiNoContent()
  @Post('password')
  @AllowedBeforePasswordChange()
  @HttpCode(204)
  @ApiOperation({ summary: 'Change my password (the policy: length, character classes, history); signs out my other sessions.' })
  changePassword(@CurrentUser() user: Principal, @Body() dto: ChangePasswordDto, @ClientIp() ip: string): Promise<void> {
    return this.auth.changePassword(user, dto.currentPassword, dto.newPassword, ip);
  }
}
