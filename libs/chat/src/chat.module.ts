import { Global, Logger, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { debounceTime, type Subscription } from 'rxjs';
import { CHANNEL_PORT, DomainEvents, MESSAGE_PORT, NOTICE_PORT, PdfModule, SeedService, STAFF_PLACEMENT_PORT, uploadMulterOptions } from '@yakuba/platform';
import { AttachmentService } from './attachment.service';
import { ChannelAccessService } from './channel-access.service';
import { ChannelAdminService } from './channel-admin.service';
import { ChannelQueryService } from './channel-query.service';
import { ChatDemoSeeder } from './chat-demo.seeder';
import { ChatController } from './chat.controller';
import { ChatGateway } from './chat.gateway';
import { ChatNoticeService } from './chat-notice.service';
import { ChatChannelPortService } from './chat-channel-port.service';
import { ChatMessagePortService } from './chat-message-port.service';
import { ChatStaffPlacementService } from './chat-staff-placement.service';
import { ChatNotifier } from './chat-notifier';
import { DepartmentChannelsService } from './department-channels.service';
import { MembershipService } from './membership.service';
import { MessageService } from './message.service';
import { PresenceService } from './presence.service';
import { ReadStateService } from './read-state.service';
import { SearchIndexUpkeep } from './search-index-upkeep.service';
import { SearchService } from './search.service';

/** Global only for what it exports: the notice, channel, message and staff placement ports, which other contexts inject without importing chat. */
@Global()
@Module({
  imports: [MulterModule.registerAsync(uploadMulterOptions), PdfModule],
  controllers: [ChatController],
  providers: [
    ChannelAccessService,
    ChannelQueryService,
    MembershipService,
    ChannelAdminService,
    DepartmentChannelsService,
    MessageService,
    ReadStateService,
    SearchService,
    SearchIndexUpkeep,
    AttachmentService,
    PresenceService,
    ChatNotifier,
    ChatGateway,
    ChatDemoSeeder,
    ChatNoticeService,
    { provide: NOTICE_PORT, useExisting: ChatNoticeService },
    ChatChannelPortService,
    { provide: CHANNEL_PORT, useExisting: ChatChannelPortService },
    ChatMessagePortService,
    { provide: MESSAGE_PORT, useExisting: ChatMessagePortService },
    ChatStaffPlacementService,
    { provide: STAFF_PLACEMENT_PORT, useExisting: ChatStaffPlacementService },
  ],
  exports: [NOTICE_PORT, CHANNEL_PORT, MESSAGE_PORT, STAFF_PLACEMENT_PORT],
})
export class ChatModule implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('chat');
  private subscription?: Subscription;
  private syncing?: Promise<void>;

  constructor(
    private readonly seeds: SeedService,
    private readonly demo: ChatDemoSeeder,
    private readonly events: DomainEvents,
    private readonly departments: DepartmentChannelsService,
  ) {}

  onModuleInit(): void {
    this.seeds.register({ name: 'chat', order: 10, seed: () => this.demo.seed() });
    // A member of a department is a member of its channel: follow the directory as it changes.
    this.subscription = this.events
      .on('user.changed')
      .pipe(debounceTime(50))
      .subscribe(() => {
        const run = (this.syncing ?? Promise.resolve())
          .then(() => this.departments.syncDepartmentChannels())
          .catch((e: unknown) => this.logger.error(`department channel sync failed: ${String(e)}`));
        this.syncing = run;
      });
  }

  /** Runs before the database pool closes: a sync under way finishes instead of failing half-way. */
  async onModuleDestroy(): Promise<void> {
    this.subscription?.unsubscribe();
    await this.syncing;
  }
}
