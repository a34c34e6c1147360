import type { MySurvey } from '@yakuba/contracts';

/** The surveys' domain facts, published after commit (SurveysNotifier turns them into socket emits). */
declare module '@yakuba/platform/events/domain-events' {
  interface DomainEventMap {
    'surveys.opened': { userIds: string[]; survey: MySurvey };
    'surveys.reminded': { userIds: string[]; surveyId: string; title: string; closesAt: string };
    'surveys.closed': { userIds: string[]; surveyId: string };
    /** Something was written to survey_responses: dead row versions are vacuumed away soon after. */
    'surveys.responses-written': Record<string, never>;
  }
}
export {};
