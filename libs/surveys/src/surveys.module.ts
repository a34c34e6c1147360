import { Module, type OnModuleInit } from '@nestjs/common';
import { SeedService } from '@yakuba/platform';
import { SurveysDemoSeeder } from './seed/surveys-demo.seeder';
import { SurveyBuilderService } from './survey-builder.service';
import { SurveyResponseService } from './survey-response.service';
import { SurveyResponsesController } from './survey-responses.controller';
import { SurveyResultsService } from './survey-results.service';
import { SurveysController } from './surveys.controller';
import { SurveysMaintenanceService } from './surveys-maintenance.service';
import { SurveysNotifier } from './surveys.notifier';

@Module({
  // The respondents' controller first: GET /surveys/mine must not be taken for GET /surveys/:id.
  controllers: [SurveyResponsesController, SurveysController],
  providers: [
    SurveyBuilderService,
    SurveyResponseService,
    SurveyResultsService,
    SurveysMaintenanceService,
    SurveysNotifier,
    SurveysDemoSeeder,
  ],
  exports: [SurveyResultsService],
})
export class SurveysModule implements OnModuleInit {
  constructor(
    private readonly seeds: SeedService,
    private readonly demo: SurveysDemoSeeder,
  ) {}

  onModuleInit(): void {
    this.seeds.register({ name: 'surveys', order: 40, seed: () => this.demo.seed() });
  }
}
