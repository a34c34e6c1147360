import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiFile, ApiResult, CurrentUser, RequirePermissions, type Principal, downloadDisposition } from '@yakuba/platform';
import {
  AgendaDto,
  CreateMeetingDto,
  ListMeetingsQuery,
  MeetingStatusDto,
  MinutesDto,
  PresenterDto,
  UpdateMeetingDto,
} from './dto/meeting.dto';
import { ViewerSettingsDto } from './dto/viewer-settings.dto';
import { meetingId, itemId } from './meeting-params';
import { MeetingsService } from './meetings.service';
import { MinutesService } from './minutes.service';
import { NotesService } from './notes.service';
import { PresentationService } from './presentation.service';
import { ViewerSettingsService } from './viewer-settings.service';

const pdfFile = (bytes: Uint8Array, name: string) =>
  new StreamableFile(Buffer.from(bytes), {
    type: 'application/pdf',
    disposition: downloadDisposition('attachment', `${name}.pdf`),
    length: bytes.length,
  });

@ApiTags('meetings')
@Controller('meetings')
@RequirePermissions('meetings.use')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly presentation: PresentationService,
    private readonly minutes: MinutesService,
    private readonly notes: NotesService,
    private readonly viewerSettings: ViewerSettingsService,
  ) {}

  @ApiResult(['MeetingSummary'])
  @Get()
  @ApiOperation({ summary: 'My meetings (organised or invited to): live first, then scheduled, then ended.' })
  list(@CurrentUser() user: Principal, @Query() query: ListMeetingsQuery) {
    return this.meetings.listMine(user, query.status);
  }

  @ApiResult('MeetingDetail')
  @Post()
  @RequirePermissions('meetings.create')
  @ApiOperation({ summary: 'Create a meeting; the creator is the organiser and first presenter. Departments invite their active staff.' })
  create(@CurrentUser() user: Principal, @Body() dto: CreateMeetingDto) {
    return this.meetings.create(user, dto);
  }

  @ApiResult('PaperStats')
  @Get('stats')
  @ApiOperation({ summary: 'Paper saved (KPI): meetings held, share held paperless, sheets not printed (pages × participants).' })
  stats() {
    return this.meetings.stats();
  }

  @ApiResult('MeetingViewerSettings')
  @Get('viewer-settings')
  @ApiOperation({ summary: "My meeting-room settings (fit width or fit page), the same on each of my devices; fit width until I choose." })
  mySettings(@CurrentUser() user: Principal) {
    return this.viewerSettings.get(user);
  }

  @ApiResult('MeetingViewerSettings')
  @Put('viewer-settings')
  @ApiOperation({ summary: 'Change my meeting-room settings.' })
  saveMySettings(@CurrentUser() user: Principal, @Body() dto: ViewerSettingsDto) {
    return this.viewerSettings.save(user, dto);
  }

  @ApiResult('MeetingDetail')
  @Get(':id')
  @ApiOperation({
    summary: 'One meeting with participants, attendance, agenda, documents (and earlier versions), live state and paper saved.',
  })
  get(@CurrentUser() user: Principal, @Param('id', meetingId) id: string) {
    return this.meetings.get(user, id);
  }

  @ApiResult('MeetingDetail')
  @Patch(':id')
  @ApiOperation({ summary: 'Edit a meeting (organiser): title, time, place, participants, departments, paperDistributed.' })
  update(@CurrentUser() user: Principal, @Param('id', meetingId) id: string, @Body() dto: UpdateMeetingDto) {
    return this.meetings.update(user, id, dto);
  }

  @ApiResult('MeetingDetail')
  @Post(':id/status')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start (live) or end the meeting (organiser): 予定 → 開催中 → 終了.' })
  status(@CurrentUser() user: Principal, @Param('id', meetingId) id: string, @Body() dto: MeetingStatusDto) {
    return this.meetings.setStatus(user, id, dto.status);
  }

  @ApiResult(['AgendaItemView'])
  @Put(':id/agenda')
  @ApiOperation({ summary: 'Replace the agenda in its new order (organiser); existing items keep their minutes.' })
  agenda(@CurrentUser() user: Principal, @Param('id', meetingId) id: string, @Body() dto: AgendaDto) {
    return this.meetings.saveAgenda(user, id, dto.items);
  }

  @ApiResult('MinutesView')
  @Put(':id/agenda/:itemId/minutes')
  @ApiOperation({ summary: '議事録: minutes and decisions of one agenda item (organiser).' })
  saveMinutes(
    @CurrentUser() user: Principal,
    @Param('id', meetingId) id: string,
    @Param('itemId', itemId) item: string,
    @Body() dto: MinutesDto,
  ) {
    return this.meetings.saveMinutes(user, id, item, dto);
  }

  @ApiFile('application/pdf')
  @Get(':id/minutes.pdf')
  @ApiOperation({ summary: 'The minutes as a PDF (participants).' })
  async minutesPdf(@CurrentUser() user: Principal, @Param('id', meetingId) id: string) {
    const { title, bytes } = await this.minutes.exportPdf(user, id);
    return pdfFile(bytes, `議事録_${title}`);
  }

  @ApiFile('application/pdf')
  @Get(':id/notes.pdf')
  @ApiOperation({ summary: 'My notes: the pages I annotated with my strokes and memos, as a PDF.' })
  async notesPdf(@CurrentUser() user: Principal, @Param('id', meetingId) id: string) {
    return pdfFile(await this.notes.exportPdf(user, id), 'my-notes');
  }

  @ApiResult('PresentationState')
  @Post(':id/presenter')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hand the presenter role to a participant (organiser). Also over the socket: meeting:handover.' })
  presenter(@CurrentUser() user: Principal, @Param('id', meetingId) id: string, @Body() dto: PresenterDto) {
    return this.presentation.handOver(user, id, dto.userId);
  }
}
