import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiNoContent, ApiResult, CurrentUser, RequirePermissions, type Principal } from '@yakuba/platform';
import { PushSubscriptionDto } from './dto/push.dto';
import { PushService } from './push.service';

/** Web Push per device (docs/architecture.md "Web Push"): off unless the server enables it (409 then). */
@ApiTags('push')
@ApiBearerAuth()
@Controller('push')
@RequirePermissions('chat.use')
export class PushController {
  constructor(private readonly push: PushService) {}

  @ApiResult('PushConfigView')
  @Get('config')
  @ApiOperation({ summary: 'Whether Web Push is on, and the VAPID public key for pushManager.subscribe (null when off).' })
  config() {
    return this.push.settings();
  }

  @ApiResult(['PushSubscriptionView'])
  @Get('subscriptions')
  @ApiOperation({ summary: 'My devices with Web Push on.' })
  mine(@CurrentUser() user: Principal) {
    return this.push.mine(user);
  }

  @ApiResult('PushSubscriptionView')
  @Post('subscriptions')
  @ApiOperation({
    summary:
      'Switch Web Push on for this device: the browser’s PushSubscription (endpoint on an allowed push service, p256dh, auth). The same endpoint again moves to the caller. 409 when push is off.',
  })
  subscribe(@CurrentUser() user: Principal, @Body() dto: PushSubscriptionDto, @Req() req: Request) {
    return this.push.subscribe(user, dto, req.get('user-agent') ?? null);
  }

  @ApiNoContent()
  @Delete('subscriptions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Switch Web Push off for one of my devices (404 for anyone else’s).' })
  remove(@CurrentUser() user: Principal, @Param('id') id: string): Promise<void> {
    return this.push.remove(user, id);
  }

  @ApiResult({ sent: 'integer', failed: 'integer', removed: 'integer' })
  @Post('test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a test notification to my devices.' })
  test(@CurrentUser() user: Principal) {
    return this.push.test(user);
  }
}
