import type { BoundedContext } from '@yakuba/platform';
import { PushSubscriptions1796080000000 } from './migrations/1796080000000-push-subscriptions';
import { PushModule } from './push.module';

export { PushModule };
/** Web Push (VAPID) to staff devices, off by default (docs/architecture.md "Web Push"). */
export const PUSH_CONTEXT: BoundedContext = {
  name: 'push',
  module: PushModule,
  entities: [],
  migrations: [PushSubscriptions1796080000000],
};
