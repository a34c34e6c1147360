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
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createReadStream } from 'node:fs';
import { DomainError } from '@yakuba/contracts';
import { ApiFile, ApiNoContent, ApiResult, ClientIp, CurrentUser, RequirePermissions, downloadDisposition, type Principal } from '@yakuba/platform';
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
  AttachmentVersionDto,
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
const uploadBody = {
  schema: {
    type: 'object',
    required: ['file', 'version'],
    properties: {
      file: { type: 'string', format: 'binary', description: 'a PDF' },
      version: { type: 'integer', minimum: 1, description: 'the approval version the change is made to (409 when stale)' },
      title: { type: 'string', description: 'a new attachment only; defaults to the file name' },
    },
  },
};

/** A new version of an attachment: its title stays. */
const replaceBody = {
  schema: {
    type: 'object',
    required: ['file', 'version'],
    properties: { file: uploadBody.schema.properties.file, version: uploadBody.schema.properties.version },
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

  @ApiResult(['DocumentTypeView'])
  @Get('types')
  @ApiOperation({
    summary: 'Document types (文書分類) with retention, route template and 専決 rows; administrators also see inactive ones.',
  })
  listTypes(@CurrentUser() user: Principal) {
    return this.types.list(user);
  }

  @ApiResult('DocumentTypeView')
  @Post('types')
  @RequirePermissions('approvals.manage')
  @ApiOperation({ summary: 'Add a document type with its route template and 専決 rows (checked: ranks rise, bands without gaps).' })
  createType(@CurrentUser() user: Principal, @Body() dto: DocumentTypeDto) {
    return this.types.create(user, toTypeInput(dto));
  }

  @ApiResult('DocumentTypeView')
  @Put('types/:typeId')
  @RequirePermissions('approvals.manage')
  @ApiOperation({
    summary: 'Replace a type, its template and 専決 rows (optimistic: a stale version is 409). Resolved drafts keep their route.',
  })
  updateType(@CurrentUser() user: Principal, @Param('typeId', uuid) id: string, @Body() dto: UpdateDocumentTypeDto) {
    return this.types.update(user, id, { ...toTypeInput(dto), version: dto.version });
  }

  @ApiResult('AuthorityTableView')
  @Get('authority-table')
  @ApiOperation({ summary: '事務決裁規程 別表: per type and amount band, ◎ the rank that decides, ○ the ranks before it.' })
  authorityTable() {
    return this.types.table();
  }

  @ApiResult(['DepartmentPrefixView'])
  @Get('prefixes')
  @ApiOperation({ summary: 'The 文書番号 prefix of every department (住総 → 住総第123号).' })
  prefixes() {
    return this.types.prefixes();
  }

  @ApiResult('DepartmentPrefixView')
  @Put('prefixes/:departmentId')
  @RequirePermissions('approvals.manage')
  @ApiOperation({ summary: 'Set a department 文書番号 prefix (unique across departments); numbers already given stay.' })
  setPrefix(@CurrentUser() user: Principal, @Param('departmentId', uuid) id: string, @Body() dto: PrefixDto) {
    return this.types.setPrefix(user, id, dto.prefix);
  }

  @ApiResult('PaperDecisionsInput')
  @Put('paper-decisions')
  @RequirePermissions('approvals.manage')
  @ApiOperation({ summary: 'Decisions still made on paper in a month and department: the baseline of the electronic share.' })
  paperDecisions(@CurrentUser() user: Principal, @Body() dto: PaperDecisionsDto) {
    return this.types.setPaperDecisions(user, dto);
  }

  @ApiResult('RoutePreviewView')
  @Post('route-preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'The route a draft would take (type, amount, 重要/異例, added 合議), before drafting or submitting.' })
  preview(@CurrentUser() user: Principal, @Body() dto: RoutePreviewDto) {
    return this.types.preview(user, dto);
  }

  @ApiResult('InboxView')
  @Get('inbox')
  @ApiOperation({
    summary:
      'My inbox: 未決 (waiting), 起案中 (drafting), mine in progress, 差戻し (sentBack), 決裁済 (decided), 後閲待ち (reviews), with counts.',
  })
  inbox(@CurrentUser() user: Principal) {
    return this.queries.inbox(user);
  }

  @ApiResult('ActedApprovalsPage')
  @Get('inbox/acted')
  @ApiOperation({
    summary:
      '処理済: the approvals I approved, rejected, sent back, reviewed (後閲) or decided, newest act first, with my last act (limit default 50).',
  })
  acted(@CurrentUser() user: Principal, @Query() query: ActedApprovalsQuery) {
    return this.queries.acted(user, query);
  }

  @ApiResult('InboxCounts')
  @Get('inbox/counts')
  @ApiOperation({ summary: 'The inbox counts alone (navigation badges).' })
  counts(@CurrentUser() user: Principal) {
    return this.queries.countsFor(user);
  }

  @ApiResult('ApprovalSearchResult')
  @Get('search')
  @ApiOperation({
    summary:
      'Archive search by number, title, type, drafter, department, date range, status and Japanese full text; only what the caller may see.',
  })
  search(@CurrentUser() user: Principal, @Query() query: SearchApprovalsQuery) {
    return this.queries.search(user, query);
  }

  @ApiResult('RetentionDueView')
  @Get('retention')
  @ApiOperation({ summary: 'Decided records reaching the end of their retention (保存期間満了) in a fiscal year (default this one).' })
  retention(@CurrentUser() user: Principal, @Query() query: RetentionQuery) {
    return this.queries.retentionDue(user, query.fiscalYear);
  }

  @ApiResult('ApprovalKpiFigures')
  @Get('kpis')
  @RequirePermissions('kpis.read')
  @ApiOperation({
    summary: 'KPI figures: decisions per month, electronic share, lead time (median, p90) overall, per department and type, 後閲 backlog.',
  })
  kpiFigures(@Query() query: KpiQuery) {
    return this.kpis.figures(query.from, query.to);
  }

  @ApiResult(['AbsenceView'])
  @Get('absences')
  @ApiOperation({ summary: 'Current and coming absences (不在) with their designated proxies (代決者).' })
  listAbsences() {
    return this.absences.list();
  }

  @ApiResult('AbsenceView')
  @Post('absences')
  @ApiOperation({ summary: 'Register an absence with a proxy: one own; someone else needs approvals.manage.' })
  addAbsence(@CurrentUser() user: Principal, @Body() dto: AbsenceDto) {
    return this.absences.create(user, dto);
  }

  @ApiNoContent()
  @Delete('absences/:absenceId')
  @HttpCode(204)
  @ApiOperation({ summary: 'End an absence registration (the person, who registered it, or an approval administrator).' })
  removeAbsence(@CurrentUser() user: Principal, @Param('absenceId', uuid) id: string) {
    return this.absences.remove(user, id);
  }

  @ApiResult('BulkApproveResult')
  @Post('bulk-approve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve routine items in bulk: each its own transition (own version check and audit entry); per-item results.',
  })
  bulkApprove(@CurrentUser() user: Principal, @Body() dto: BulkApproveDto, @ClientIp() ip: string) {
    return this.approvals.bulkApprove(user, dto, ip);
  }

  @ApiResult('ApprovalView')
  @Post()
  @ApiOperation({ summary: 'Start a draft (起案): the route is resolved from the type, the drafter department, the amount and the flags.' })
  create(@CurrentUser() user: Principal, @Body() dto: CreateApprovalDto, @ClientIp() ip: string) {
    return this.approvals.create(user, dto, ip);
  }

  @ApiResult('ApprovalView')
  @Get(':id')
  @ApiOperation({ summary: 'One approval as the caller may see it (404 otherwise).' })
  get(@CurrentUser() user: Principal, @Param('id', uuid) id: string) {
    return this.approvals.get(user, id);
  }

  @ApiResult('ApprovalView')
  @Patch(':id')
  @ApiOperation({
    summary:
      'Edit a draft (drafter; draft, sent back or withdrawn). A changed substance after a 合議 approval makes that stage approve again.',
  })
  update(@CurrentUser() user: Principal, @Param('id', uuid) id: string, @Body() dto: UpdateApprovalDto, @ClientIp() ip: string) {
    return this.approvals.update(user, id, dto, ip);
  }

  @ApiNoContent()
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft never submitted (drafter).' })
  remove(@CurrentUser() user: Principal, @Param('id', uuid) id: string) {
    return this.approvals.remove(user, id);
  }

  @ApiResult('ApprovalView')
  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit (or resubmit after a send-back or withdrawal; the history stays): status in_progress.' })
  submit(@CurrentUser() user: Principal, @Param('id', uuid) id: string, @Body() dto: VersionDto, @ClientIp() ip: string) {
    return this.approvals.submit(user, id, dto.version, ip);
  }

  @ApiResult('ApprovalView')
  @Post(':id/actions')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'approve | reject | send_back (toStage) | withdraw | comment | proxy_approve (代決) | review (後閲). Stale version 409; not your turn 403.',
  })
  act(@CurrentUser() user: Principal, @Param('id', uuid) id: string, @Body() dto: ApprovalActionDto, @ClientIp() ip: string) {
    return this.approvals.act(user, id, dto, ip);
  }

  @ApiFile('application/pdf')
  @Get(':id/pdf')
  @ApiOperation({
    summary:
      'The final PDF of a decided approval: the draft, the 決裁欄 with every 電子印, the history, the attachments (409 before the decision).',
  })
  async pdf(@CurrentUser() user: Principal, @Param('id', uuid) id: string) {
    const { bytes, fileName } = await this.pdfs.pdf(user, id);
    return new StreamableFile(Buffer.from(bytes), {
      type: 'application/pdf',
      disposition: downloadDisposition('inline', fileName),
      length: bytes.length,
    });
  }

  @ApiResult('ApprovalAttachmentView')
  @Post(':id/attachments')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody(uploadBody)
  @ApiOperation({
    summary:
      'Attach a PDF (drafter, until the decision; form fields file, version, title?): 415 not a PDF, 413 too large, 422 truncated, ' +
      'corrupt or encrypted, 409 stale version. A change of substance: 合議 stages that approved approve again (while circulating, ' +
      'the circulation returns to the first of them).',
  })
  attach(
    @CurrentUser() user: Principal,
    @Param('id', uuid) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() dto: AttachmentUploadDto,
  ) {
    return this.attachments.add(user, id, dto.version, file, dto.title);
  }

  @ApiResult('ApprovalAttachmentView')
  @Post(':id/attachments/:attachmentId/versions')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody(replaceBody)
  @ApiOperation({
    summary:
      'Replace an attachment with a new version (drafter, until the decision; form fields file, version); every version stays. ' +
      '409 stale version; a change of substance as an attachment added.',
  })
  replace(
    @CurrentUser() user: Principal,
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() dto: AttachmentVersionDto,
  ) {
    return this.attachments.replace(user, id, attachmentId, dto.version, file);
  }

  @ApiNoContent()
  @Delete(':id/attachments/:attachmentId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Take an attachment off the draft (drafter, until the decision; ?version= required, 409 stale); its versions stay on record.',
  })
  removeAttachment(
    @CurrentUser() user: Principal,
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
    @Query() query: AttachmentVersionDto,
  ) {
    return this.attachments.remove(user, id, attachmentId, query.version);
  }

  @ApiFile('application/pdf')
  @Get(':id/attachments/:attachmentId/versions/:versionId/file')
  @ApiOperation({ summary: 'One stored version of an attachment.' })
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
