import type { BoundedContext } from '@yakuba/platform';
import { InsightsModule } from './insights.module';

export { InsightsModule };
/** No tables of its own: every figure is read from the contexts that own the rows. */
export const INSIGHTS_CONTEXT: BoundedContext = {
  name: 'insights',
  module: InsightsModule,
  entities: [],
  migrations: [],
};
