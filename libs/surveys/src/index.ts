import type { BoundedContext } from '@yakuba/platform';
import { SurveysSchema1796060500000 } from './migrations/1796060500000-surveys-schema';
import { SurveyStoredGroups1796320000000 } from './migrations/1796320000000-survey-stored-groups';
import { SurveyResultSnapshots1796320000100 } from './migrations/1796320000100-survey-result-snapshots';
import { SurveysModule } from './surveys.module';

export const SURVEYS_MIGRATIONS: Function[] = [
  SurveysSchema1796060500000,
  SurveyStoredGroups1796320000000,
  SurveyResultSnapshots1796320000100,
];
export { SurveysModule };
export const SURVEYS_CONTEXT: BoundedContext = {
  name: 'surveys',
  module: SurveysModule,
  entities: [],
  migrations: SURVEYS_MIGRATIONS,
};
