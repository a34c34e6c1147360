import { Module, type OnModuleInit } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { PdfModule, SeedService, uploadMulterOptions } from '@yakuba/platform';
import { MeetingDocumentsController } from './meeting-documents.controller';
import { MeetingDocumentsService } from './meeting-documents.service';
import { MeetingRoomService } from './meeting-room.service';
import { MeetingsController } from './meetings.controller';
import { MeetingsGateway } from './meetings.gateway';
import { MeetingsNotifier } from './meetings.notifier';
import { MeetingsService } from './meetings.service';
import { MinutesService } from './minutes.service';
import { NotesService } from './notes.service';
import { PresentationService } from './presentation.service';
import { RoomPresenceService } from './room-presence.service';
import { ViewerSettingsService } from './viewer-settings.service';
import { MeetingsDemoSeeder } from './seed/meetings-demo.seeder';

@Module({
  imports: [MulterModule.registerAsync(uploadMulterOptions), PdfModule],
  controllers: [MeetingsController, MeetingDocumentsController],
  providers: [
    MeetingsService,
    MeetingDocumentsService,
    PresentationService,
    MeetingRoomService,
    RoomPresenceService,
    ViewerSettingsService,
    NotesService,
    MinutesService,
    MeetingsGateway,
    MeetingsNotifier,
    MeetingsDemoSeeder,
  ],
})
export class MeetingsModule implements OnModuleInit {
  constructor(
    private readonly seeds: SeedService,
    private readonly demo: MeetingsDemoSeeder,
  ) {}

  onModuleInit(): void {
    this.seeds.register({ name: 'meetings', order: 20, seed: () => this.demo.seed() });
  }
}
