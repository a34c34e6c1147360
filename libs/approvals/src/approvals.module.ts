import { Module, type OnModuleInit } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AuditService, PdfModule, SeedService, uploadMulterOptions } from '@yakuba/platform';
import { AbsencesService } from './absences.service';
import { ApprovalAttachmentsService } from './approval-attachments.service';
import { ApprovalHistory, approvalActionsCheck } from './approval-history';
import { ApprovalKpiService } from './approval-kpi.service';
import { ApprovalPdfService } from './approval-pdf.service';
import { ApprovalQueryService } from './approval-query.service';
import { ApprovalTypesService } from './approval-types.service';
import { ApprovalViews } from './approval-views';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsNotifier } from './approvals.notifier';
import { ApprovalsService } from './approvals.service';
import { MessageSources } from './message-sources';
import { ApprovalsDemoSeeder } from './seed/approvals-demo.seeder';

@Module({
  imports: [MulterModule.registerAsync(uploadMulterOptions), PdfModule],
  controllers: [ApprovalsController],
  providers: [
    ApprovalsService,
    ApprovalTypesService,
    ApprovalQueryService,
    ApprovalAttachmentsService,
    ApprovalPdfService,
    ApprovalKpiService,
    ApprovalHistory,
    ApprovalViews,
    AbsencesService,
    MessageSources,
    ApprovalsNotifier,
    ApprovalsDemoSeeder,
  ],
  // The insights context reads the KPI figures through this export (it injects ApprovalKpiService).
  exports: [ApprovalKpiService],
})
export class ApprovalsModule implements OnModuleInit {
  constructor(
    private readonly seeds: SeedService,
    private readonly demo: ApprovalsDemoSeeder,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.seeds.register({ name: 'approvals', order: 30, seed: () => this.demo.seed() });
    this.audit.registerCrossCheck(approvalActionsCheck);
  }
}
