import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, RequirePermissions, type Principal } from '@yakuba/platform';
import { PushSubscriptionDto } from './dto/push.dto';
import { PushService } from './push.service';

const SUBSCRIPTION_SCHEMA = {
  type: 'object',
  description: 'PushSubscriptionView (libs/contracts/src/push.ts)',
  properties: {
    id: { type: 'string', format: 'uuid' },
    endpointHost: { type: 'string', example: 'fcm.googleapis.com' },
    userAgent: { type: 'string', nullable: true },
    createdAt: { type: 'string', format: 'date-time' },
    lastSuccessAt: { type: 'string', format: 'date-time', nullable: true },
  },
  required: ['id', 'endpointHost', 'userAgent', 'createdAt', 'lastSuccessAt'],
};

/** Web Push per device (docs/architecture.md "Web Push"): off unless the server enables it (409 then). */
@ApiTags('push')
@ApiBearerAuth()
@Controller('push')
@RequirePermissions('chat.use')
export class PushController {
  constructor(private readonly push: PushService) {}

  @Get('config')
  @ApiOperation({ summary: 'Whether Web Push is on, and the VAPID public key for pushManager.subscribe (null when off).' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: { enabled: { type: 'boolean' }, publicKey: { type: 'string', nullable: true } },
      required: ['enabled', 'publicKey'],
    },
  })
  config() {
    return this.push.settings();
  }

  @Get('subscriptions')
  @ApiOperation({ summary: 'My devices with Web Push on.' })
  @ApiOkResponse({ schema: { type: 'array', items: SUBSCRIPTION_SCHEMA } })
  mine(@CurrentUser() user: Principal) {
    return this.push.mine(user);
  }

  @Post('subscriptions')
  @ApiOperation({
    summary:
      'Switch Web Push on for this device: the browser’s PushSubscription (endpoint on an allowed push service, p256dh, auth). The same endpoint again moves to the caller. 409 when push is off.',
  })
  @ApiCreatedResponse({ schema: SUBSCRIPTION_SCHEMA })
  subscribe(@CurrentUser() user: Principal, @Body() dto: PushSubscriptionDto, @Req() req: Request) {
    return this.push.subscribe(user, dto, req.get('user-agent') ?? null);
  }

  @Delete('subscriptions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Switch Web Push off for one of my devices (404 for anyone else’s).' })
  @ApiNoContentResponse()
  remove(@CurrentUser() user: Principal, @Param('id') id: string): Promise<void> {
    return this.push.remove(user, id);
  }

  @Post('test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a test notification to my devices.' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: { sent: { type: 'integer' }, failed: { type: 'integer' }, removed: { type: 'integer' } },
      required: ['sent', 'failed', 'removed'],
    },
  })
  test(@CurrentUser() user: Principal) {
    return this.push.test(user);
  }
}
