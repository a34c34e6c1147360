import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { LoginResponse } from '@yakuba/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuthService } from './auth.service';
import { ClientIp, CurrentUser, Public } from './decorators';
import { ChangePasswordDto, LoginDto } from './dto/auth.dto';
import { LocalAuthGuard } from './guards';
import { SESSION_COOKIE, type Principal } from './principal';

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
  login(@Req() req: Request & { user: LoginResponse }, @Res({ passthrough: true }) res: Response): LoginResponse {
    res.cookie(SESSION_COOKIE, req.user.accessToken, { httpOnly: true, sameSite: 'lax', secure: this.config.cookieSecure, path: '/', maxAge: this.auth.sessionTtlMs });
    return req.user;
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Ends this session (cookie cleared, token revoked, its sockets disconnected).' })
  async logout(@CurrentUser() user: Principal, @ClientIp() ip: string, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(user, ip);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
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
