import type { BoundedContext } from '@yakuba/platform';
import './disasters-events';
import { DisastersModule } from './disasters.module';
import { DisastersSchema1796060200000 } from './migrations/1796060200000-disasters-schema';
import { SituationMessage1796309900000 } from './migrations/1796309900000-situation-message';
import { DamageClientKey1796309900100 } from './migrations/1796309900100-damage-client-key';

export { DisastersModule };
export const DISASTERS_MIGRATIONS: Function[] = [DisastersSchema1796060200000, SituationMessage1796309900000, DamageClientKey1796309900100];
export const DISASTERS_CONTEXT: BoundedContext = {
  name: 'disasters',
  module: DisastersModule,
  entities: [],
  migrations: DISASTERS_MIGRATIONS,
};
