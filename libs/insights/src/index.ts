import type { BoundedContext } from '@yakuba/platform';
import { InsightsModule } from './insights.module';
import { InsightsReadIndexes1796070000000 } from './migrations/1796070000000-insights-read-indexes';

export { InsightsModule };
/** No tables of its own: every figure is read from the contexts that own the rows (plus read-model indexes on them). */
export const INSIGHTS_CONTEXT: BoundedContext = {
  name: 'insights',
  module: InsightsModule,
  entities: [],
  migrations: [InsightsReadIndexes1796070000000],
};
