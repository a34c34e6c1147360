import { Module, type OnModuleInit } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, SeedService, type AppConfig } from '@yakuba/platform';
import { DamageService, MAX_PHOTOS } from './damage.service';
import { DisasterStore } from './disaster-store';
import { DisastersDemoSeeder } from './disasters-demo.seeder';
import { DisasterOperationsController, DisastersController } from './disasters.controller';
import { DisastersGateway } from './disasters.gateway';
import { DisastersNotifier } from './disasters.notifier';
import { DisastersService } from './disasters.service';
import { DutyPlanController } from './duty-plan.controller';
import { DutyService } from './duty.service';
import { GuestService } from './guest.service';
import { RecordService } from './record.service';
import { RollCallService } from './roll-call.service';
import { SituationService } from './situation.service';
import { UrgentService } from './urgent.service';

@Module({
  imports: [
    // Damage reports carry several photos, each within UPLOAD_MAX_MB (413 beyond).
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.uploadMaxBytes, files: MAX_PHOTOS, fields: 20 } }),
    }),
  ],
  controllers: [DisastersController, DisasterOperationsController, DutyPlanController],
  providers: [
    DisasterStore,
    DisastersService,
    UrgentService,
    RollCallService,
    DutyService,
    DamageService,
    SituationService,
    GuestService,
    RecordService,
    DisastersGateway,
    DisastersNotifier,
    DisastersDemoSeeder,
  ],
})
export class DisastersModule implements OnModuleInit {
  constructor(
    private readonly seeds: SeedService,
    private readonly demo: DisastersDemoSeeder,
  ) {}

  onModuleInit(): void {
    this.seeds.register({ name: 'disasters', order: 30, seed: () => this.demo.seed() });
  }
}
