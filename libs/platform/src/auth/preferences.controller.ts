import { Body, Controller, Get, Put, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { SessionProbe, UserPreferences } from '@yakuba/contracts';
import { AuthService } from './auth.service';
import { CurrentUser, Public } from './decorators';
import { ApiResult } from '../http/api-result';
import { PreferencesDto } from './dto/preferences.dto';
import type { Principal } from './principal';
import { extractToken } from './token';

/** The web client's session probe and each account's display choices (they follow the user to another device). */
@ApiTags('auth')
@Controller('auth')
export class PreferencesController {
  constructor(private readonly auth: AuthService) {}

  @ApiResult('SessionProbe')
  @Public()
  @Get('session')
  @ApiOperation({
    summary:
      "Who this browser is signed in as (user: null when nobody; always 200, so a signed-out page logs no error) and the organisation's time zone.",
  })
  session(@Req() req: Request): Promise<SessionProbe> {
    return this.auth.probe(extractToken(req.headers));
  }

  @ApiResult('UserPreferences')
  @Get('preferences')
  @ApiOperation({ summary: 'My display choices: dateStyle (和暦 or Western dates), null when never chosen.' })
  preferences(@CurrentUser() user: Principal): Promise<UserPreferences> {
    return this.auth.preferences(user);
  }

  @ApiResult('UserPreferences')
  @Put('preferences')
  @ApiOperation({ summary: 'Replace my display choices (stored with the account, so every device shows dates the same way).' })
  setPreferences(@CurrentUser() user: Principal, @Body() dto: PreferencesDto): Promise<UserPreferences> {
    return this.auth.setPreferences(user, { dateStyle: dto.dateStyle });
  }
}
