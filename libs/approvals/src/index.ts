import type { BoundedContext } from '@yakuba/platform';
import { ApprovalsSchema1796060100000 } from './migrations/1796060100000-approvals-schema';
import { InboxIndexes1796060100100 } from './migrations/1796060100100-inbox-indexes';
import { DocumentNumberPerFiscalYear1796310000000 } from './migrations/1796310000000-document-number-per-fiscal-year';
import { ApprovalActionsNoDelete1796310000100 } from './migrations/1796310000100-approval-actions-no-delete';
import { ApprovalsModule } from './approvals.module';

export { ApprovalsModule };
export { ApprovalKpiService, APPROVAL_KPI_SQL } from './approval-kpi.service';
/** Approvals keep their tables through SQL (approval-rows.ts); no TypeORM entity is needed. */
export const APPROVALS_ENTITIES: Function[] = [];
export const APPROVALS_MIGRATIONS: Function[] = [
  ApprovalsSchema1796060100000,
  InboxIndexes1796060100100,
  DocumentNumberPerFiscalYear1796310000000,
  ApprovalActionsNoDelete1796310000100,
];
export const APPROVALS_CONTEXT: BoundedContext = {
  name: 'approvals',
  module: ApprovalsModule,
  entities: APPROVALS_ENTITIES,
  migrations: APPROVALS_MIGRATIONS,
};
