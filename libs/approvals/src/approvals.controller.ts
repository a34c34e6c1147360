import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { createReadStream } from 'node:fs';
import { DomainError } from '@yakuba/contracts';
import { ClientIp, CurrentUser, RequirePermissions, downloadDisposition, type Principal } from '@yakuba/platform';
import { AbsencesService } from './absences.service';
import { ApprovalAttachmentsService } from './approval-attachments.service';
import { ApprovalKpiService } from './approval-kpi.service';
import { ApprovalPdfService } from './approval-pdf.service';
import { ApprovalQueryService } from './approval-query.service';
import { ApprovalTypesService } from './approval-types.service';
import { ApprovalsService } from './approvals.service';
import {
  AbsenceDto,
  ApprovalActionDto,
  AttachmentUploadDto,
  BulkApproveDto,
  CreateApprovalDto,
  DocumentTypeDto,
  KpiQuery,
  PaperDecisionsDto,
  PrefixDto,
  RetentionQuery,
  RoutePreviewDto,
  SearchApprovalsQuery,
  ActedApprovalsQuery,
  toTypeInput,
  UpdateApprovalDto,
  UpdateDocumentTypeDto,
  VersionDto,
} from './dto/approval.dto';

/** A malformed id is "not found", like an unknown one. */
const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('not_found', 'not found') });
const APPROVAL =
  'ApprovalView (libs/contracts/src/approvals.ts): summary fields, body, route with per-approver state, actions, reviews, attachments, allowedActions';
const uploadBody = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: { file: { type: 'string', format: 'binary', description: 'a PDF' }, title: { type: 'string' } },
  },
};

@ApiTags('approvals')
@Controller('approvals')
@RequirePermissions('approvals.use')
export class ApprovalsController {
  constructor(
    private readonly approvals: ApprovalsService,
    private readonly types: ApprovalTypesService,
    private readonly queries: ApprovalQueryService,
    private readonly attachments: ApprovalAttachmentsService,
    private readonly pdfs: ApprovalPdfService,
    private readonly absences: AbsencesService,
    private readonly kpis: ApprovalKpiService,
  ) {}

  @Get('types')
  @ApiOperation({
    summary: 'Document types (文書分類) with retention, route template and 専決 rows; administrators also see inactive ones.',
  })
  @ApiOkResponse({
    description: 'DocumentTypeView[]: { id, code, name, retentionYears, routine, hasAmount, stages, authority, headRank, version }',
  })
  listTypes(@CurrentUser() user: Principal) {
    return this.types.list(user);
  }

  @Post('types')
  @RequirePermissions('approvals.manage')
  @ApiOperation({ summary: 'Add a document type with its route template and 専決 rows (checked: ranks rise, bands without gaps).' })
  @ApiCreatedResponse({ description: 'DocumentTypeView' })
  createType(@CurrentUser() user: Principal, @Body() dto: DocumentTypeDto) {
    return this.types.create(user, toTypeInput(dto));
  }

  @Put('types/:typeId')
  @RequirePermissions('approvals.manage')
  @ApiOperation({
    summary: 'Replace a type, its template and 専決 rows (optimistic: a stale version is 409). Resolved drafts keep their route.',
  })
  @ApiOkResponse({ description: 'DocumentTypeView' })
  updateType(@CurrentUser() user: Principal, @Param('typeId', uuid) id: string, @Body() dto: UpdateDocumentTypeDto) {
    return this.types.update(user, id, { ...toTypeInput(dto), version: dto.version });
  }

  @Get('authority-table')
  @ApiOperation({ summary: '事務決裁規程 別表: per type and amount band, ◎ the rank that decides, ○ the ranks before it.' })
  @ApiOkResponse({
    description:
      'AuthorityTableView: { ranks, rows: [{ typeId, typeName, minAmount, maxAmount, marks, consultations, circulations }], importantDecider }',
  })
  authorityTable() {
    return this.types.table();
  }

  @Get('prefixes')
  @ApiOperation({ summary: 'The 文書番号 prefix of every department (住総 → 住総第123号).' })
  @ApiOkResponse({ description: 'DepartmentPrefixView[]' })
  prefixes() {
    return this.types.prefixes();
  }

  @Put('prefixes/:departmentId')
  @RequirePermissions('approvals.manage')
  @ApiOperation({ summary: 'Set a department 文書番号 prefix (unique across departments); numbers already given stay.' })
  @ApiOkResponse({ description: 'DepartmentPrefixView' })
  setPrefix(@CurrentUser() user: Principal, @Param('departmentId', uuid) id: string, @Body() dto: PrefixDto) {
    return this.types.setPrefix(user, id, dto.prefix);
  }

  @Put('paper-decisions')
  @RequirePermissions('approvals.manage')
  @ApiOperation({ summary: 'Decisions still made on paper in a month and department: the baseline of the electronic share.' })
  @ApiOkResponse({ description: '{ month, departmentId, count }' })
  paperDecisions(@CurrentUser() user: Principal, @Body() dto: PaperDecisionsDto) {
    return this.types.setPaperDecisions(user, dto);
  }

  @Post('route-preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'The route a draft would take (type, amount, 重要/異例, added 合議), before drafting or submitting.' })
  @ApiOkResponse({ description: 'RoutePreviewView: { route: RouteStageView[], decider }' })
  preview(@CurrentUser() user: Principal, @Body() dto: RoutePreviewDto) {
    return this.types.preview(user, dto);
  }

  @Get('inbox')
  @ApiOperation({
    summary:
      'My inbox: 未決 (waiting), 起案中 (drafting), mine in progress, 差戻し (sentBack), 決裁済 (decided), 後閲待ち (reviews), with counts.',
  })
  @ApiOkResponse({ description: 'InboxView: { waiting, drafting, mine, sentBack, decided, reviews: ApprovalSummary[], counts }' })
  inbox(@CurrentUser() user: Principal) {
    return this.queries.inbox(user);
  }

  @Get('inbox/acted')
  @ApiOperation({
    summary:
      '処理済: the approvals I approved, rejected, sent back, reviewed (後閲) or decided, newest act first, with my last act (limit default 50).',
  })
  @ApiOkResponse({ description: 'ActedApprovalsPage: { total, items: [{ approval: ApprovalSummary, lastAction, actedAt }] }' })
  acted(@CurrentUser() user: Principal, @Query() query: ActedApprovalsQuery) {
    return this.queries.acted(user, query);
  }

  @Get('inbox/counts')
  @ApiOperation({ summary: 'The inbox counts alone (navigation badges).' })
  @ApiOkResponse({ description: 'InboxCounts: { waiting, drafting, mine, sentBack, decided, reviews }' })
  counts(@CurrentUser() user: Principal) {
    return this.queries.countsFor(user);
  }

  @Get('search')
  @ApiOperation({
    summary:
      'Archive search by number, title, type, drafter, department, date range, status and Japanese full text; only what the caller may see.',
  })
  @ApiOkResponse({ description: 'ApprovalSearchResult: { total, results: [{ approval, snippet, retentionEndsOn }] }' })
  search(@CurrentUser() user: Principal, @Query() query: SearchApprovalsQuery) {
    return this.queries.search(user, query);
  }

  @Get('retention')
  @ApiOperation({ summary: 'Decided records reaching the end of their retention (保存期間満了) in a fiscal year (default this one).' })
  @ApiOkResponse({ description: 'RetentionDueView: { fiscalYear, items: [{ approval, retentionYears, retentionEndsOn }] }' })
  retention(@CurrentUser() user: Principal, @Query() query: RetentionQuery) {
    return this.queries.retentionDue(user, query.fiscalYear);
  }

  @Get('kpis')
  @RequirePermissions('kpis.read')
  @ApiOperation({
    summary: 'KPI figures: decisions per month, electronic share, lead time (median, p90) overall, per department and type, 後閲 backlog.',
  })
  @ApiOkResponse({ description: 'ApprovalKpiFigures' })
  kpiFigures(@Query() query: KpiQuery) {
    return this.kpis.figures(query.from, query.to);
  }

  @Get('absences')
  @ApiOperation({ summary: 'Current and coming absences (不在) with their designated proxies (代決者).' })
  @ApiOkResponse({ description: 'AbsenceView[]' })
  listAbsences() {
    return this.absences.list();
  }

  @Post('absences')
  @ApiOperation({ summary: 'Register an absence with a proxy: one own; someone else needs approvals.manage.' })
  @ApiCreatedResponse({ description: 'AbsenceView' })
  addAbsence(@CurrentUser() user: Principal, @Body() dto: AbsenceDto) {
    return this.absences.create(user, dto);
  }

  @Delete('absences/:absenceId')
  @HttpCode(204)
  @ApiOperation({ summary: 'End an absence registration (the person, who registered it, or an approval administrator).' })
  @ApiNoContentResponse({ description: 'removed' })
  removeAbsence(@CurrentUser() user: Principal, @Param('absenceId', uuid) id: string) {
    return this.absences.remove(user, id);
  }

  @Post('bulk-approve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve routine items in bulk: each its own transition (own version check and audit entry); per-item results.',
  })
  @ApiOkResponse({ description: 'BulkApproveResult: { results: [{ id, ok: true, approval } | { id, ok: false, statusCode, message }] }' })
  bulkApprove(@CurrentUser() user: Principal, @Body() dto: BulkApproveDto, @ClientIp() ip: string) {
    return this.approvals.bulkApprove(user, dto, ip);
  }

  @Post()
  @ApiOperation({ summary: 'Start a draft (起案): the route is resolved from the type, the drafter department, the amount and the flags.' })
  @ApiCreatedResponse({ description: APPROVAL })
  create(@CurrentUser() user: Principal, @Body() dto: CreateApprovalDto, @ClientIp() ip: string) {
    return this.approvals.create(user, dto, ip);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One approval as the caller may see it (404 otherwise).' })
  @ApiOkResponse({ description: APPROVAL })
  get(@CurrentUser() user: Principal, @Param('id', uuid) id: string) {
    return this.approvals.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'Edit a draft (drafter; draft, sent back or withdrawn). A changed substance after a 合議 approval makes that stage approve again.',
  })
  @ApiOkResponse({ description: APPROVAL })
  update(@CurrentUser() user: Principal, @Param('id', uuid) id: string, @Body() dto: UpdateApprovalDto, @ClientIp() ip: string) {
    return this.approvals.update(user, id, dto, ip);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft never submitted (drafter).' })
  @ApiNoContentResponse({ description: 'deleted' })
  remove(@CurrentUser() user: Principal, @Param('id', uuid) id: string) {
    return this.approvals.remove(user, id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit (or resubmit after a send-back or withdrawal; the history stays): status in_progress.' })
  @ApiOkResponse({ description: APPROVAL })
  submit(@CurrentUser() user: Principal, @Param('id', uuid) id: string, @Body() dto: VersionDto, @ClientIp() ip: string) {
    return this.approvals.submit(user, id, dto.version, ip);
  }

  @Post(':id/actions')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'approve | reject | send_back (toStage) | withdraw | comment | proxy_approve (代決) | review (後閲). Stale version 409; not your turn 403.',
  })
  @ApiOkResponse({ description: APPROVAL })
  act(@CurrentUser() user: Principal, @Param('id', uuid) id: string, @Body() dto: ApprovalActionDto, @ClientIp() ip: string) {
    return this.approvals.act(user, id, dto, ip);
  }

  @Get(':id/pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary:
      'The final PDF of a decided approval: the draft, the 決裁欄 with every 電子印, the history, the attachments (409 before the decision).',
  })
  @ApiOkResponse({ description: 'application/pdf' })
  async pdf(@CurrentUser() user: Principal, @Param('id', uuid) id: string) {
    const { bytes, fileName } = await this.pdfs.pdf(user, id);
    return new StreamableFile(Buffer.from(bytes), {
      type: 'application/pdf',
      disposition: downloadDisposition('inline', fileName),
      length: bytes.length,
    });
  }

  @Post(':id/attachments')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody(uploadBody)
  @ApiOperation({
    summary: 'Attach a PDF (drafter, until the decision): 415 not a PDF, 413 too large, 422 truncated, corrupt or encrypted.',
  })
  @ApiCreatedResponse({ description: 'ApprovalAttachmentView: { id, title, removed, versions }' })
  attach(
    @CurrentUser() user: Principal,
    @Param('id', uuid) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() dto: AttachmentUploadDto,
  ) {
    return this.attachments.add(user, id, file, dto.title);
  }

  @Post(':id/attachments/:attachmentId/versions')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody(uploadBody)
  @ApiOperation({ summary: 'Replace an attachment with a new version (drafter, until the decision); every version stays.' })
  @ApiCreatedResponse({ description: 'ApprovalAttachmentView' })
  replace(
    @CurrentUser() user: Principal,
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
  ) {
    return this.attachments.replace(user, id, attachmentId, file);
  }

  @Delete(':id/attachments/:attachmentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Take an attachment off the draft (drafter, until the decision); its versions stay on record.' })
  @ApiNoContentResponse({ description: 'removed' })
  removeAttachment(@CurrentUser() user: Principal, @Param('id', uuid) id: string, @Param('attachmentId', uuid) attachmentId: string) {
    return this.attachments.remove(user, id, attachmentId);
  }

  @Get(':id/attachments/:attachmentId/versions/:versionId/file')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'One stored version of an attachment.' })
  @ApiOkResponse({ description: 'application/pdf' })
  async file(
    @CurrentUser() user: Principal,
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
    @Param('versionId', uuid) versionId: string,
  ) {
    const { path, fileName } = await this.attachments.file(user, id, attachmentId, versionId);
    return new StreamableFile(createReadStream(path), { type: 'application/pdf', disposition: downloadDisposition('inline', fileName) });
  }
}
