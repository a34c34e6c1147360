import { Module } from '@nestjs/common';
import { PushController } from './push.controller';
import { PushNotifier } from './push.notifier';
import { PushService } from './push.service';

/** Web Push to staff devices: subscriptions, VAPID sending, and pushes for urgent messages and @mentions. */
@Module({
  controllers: [PushController],
  providers: [PushService, PushNotifier],
})
export class PushModule {}
