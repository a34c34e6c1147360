import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiFile, ApiNoContent, ApiResult, ApiTokenRoute, CurrentUser, downloadDisposition, GuestRoute, RequirePermissions, type Principal } from '@yakuba/platform';
import { DamageService, MAX_PHOTOS } from './damage.service';
import { DisastersService } from './disasters.service';
import {
  AckDto,
  DamageListQuery,
  DamagePatchDto,
  DamageReportDto,
  DeclareDisasterDto,
  DutyReassignDto,
  DutyResponseDto,
  GuestInviteDto,
  ListDisastersQuery,
  RollCallAnswerDto,
  SituationDto,
  StatsQuery,
  UpdateDisasterDto,
  UrgentMessageDto,
} from './dto/disasters.dto';
import { DutyService } from './duty.service';
import { GuestService } from './guest.service';
import { RecordService } from './record.service';
import { RollCallService } from './roll-call.service';
import { SituationService } from './situation.service';
import { UrgentService } from './urgent.service';

const file = (bytes: Uint8Array, type: string, name: string) =>
  new StreamableFile(Buffer.from(bytes), { type, disposition: downloadDisposition('attachment', name), length: bytes.length });

/**
 * Disasters and drills (CONTRACT.md "Disasters (inside chat)"). Reading needs membership of the disaster's channel
 * (guests: their own); running it needs `disasters.run` (admins, disaster officers). A relay's API token with the
 * `disasters` scope reaches the two routes marked for it.
 */
@ApiTags('disasters')
@ApiBearerAuth()
@Controller('disasters')
export class DisastersController {
  constructor(
    private readonly disasters: DisastersService,
    private readonly urgent: UrgentService,
    private readonly record: RecordService,
    private readonly situation: SituationService,
    private readonly guests: GuestService,
  ) {}

  @ApiResult('DisasterView')
  @Post()
  @RequirePermissions('disasters.run')
  @ApiTokenRoute('disasters')
  @ApiOperation({
    summary:
      'Declare a disaster or a drill: a channel with every active member of staff; disaster:declared to every socket. ' +
      'Also open to an API token with the `disasters` scope (an outside relay; security scheme `api-token`).',
  })
  declare(@CurrentUser() user: Principal, @Body() dto: DeclareDisasterDto) {
    return this.disasters.declare(user, dto);
  }

  @ApiResult(['DisasterView'])
  @Get()
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'Disasters the caller is in (officers: all), newest first; filters status and drill.' })
  list(@CurrentUser() user: Principal, @Query() query: ListDisastersQuery) {
    return this.disasters.list(user, query);
  }

  @ApiResult(['DisasterView'])
  @Get('active')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'The active disasters and drills the caller is in: the banners.' })
  active(@CurrentUser() user: Principal) {
    return this.disasters.list(user, { status: 'active' });
  }

  @ApiResult('DisasterStats')
  @Get('stats')
  @RequirePermissions('kpis.read')
  @ApiOperation({ summary: 'Figures for KPIs, real disasters only (drills excluded).' })
  stats(@Query() query: StatsQuery) {
    return this.disasters.stats(query.since);
  }

  @ApiResult(['MyUrgentView'])
  @Get('urgent/mine')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'Urgent messages the caller has not acknowledged, over every active disaster (shown on top).' })
  myUrgent(@CurrentUser() user: Principal) {
    return this.urgent.mine(user);
  }

  @ApiResult('DisasterView')
  @Get(':id')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'One disaster.' })
  get(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.disasters.get(user, id);
  }

  @ApiResult(['DisasterPerson'])
  @Get(':id/people')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: "The disaster channel's members by name (guests: names only)." })
  people(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.disasters.people(user, id);
  }

  @ApiResult('DisasterView')
  @Patch(':id')
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Change the title or the level (raising it mobilises the duties of the new level).' })
  update(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: UpdateDisasterDto) {
    return this.disasters.update(user, id, dto);
  }

  @ApiResult('DisasterView')
  @Post(':id/close')
  @HttpCode(200)
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Close: everything stays readable, nothing is writable; guests leave.' })
  close(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.disasters.close(user, id);
  }

  @ApiResult({ message: 'MessageView' })
  @Post(':id/urgent')
  @RequirePermissions('disasters.run')
  @ApiTokenRoute('disasters')
  @ApiOperation({
    summary:
      'An urgent message in the disaster channel (urgent: true), delivered as chat:message; each recipient acknowledges. ' +
      'Also open to an API token with the `disasters` scope (an outside relay; security scheme `api-token`).',
  })
  postUrgent(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: UrgentMessageDto) {
    return this.urgent.post(user, id, dto.body);
  }

  @ApiResult(['UrgentMessageSummary'])
  @Get(':id/urgent')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'Urgent messages of the disaster with their counts.' })
  listUrgent(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.urgent.list(user, id);
  }

  @ApiResult('UrgentAcks')
  @Get(':id/urgent/:messageId/acks')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({
    summary:
      'Who acknowledged and who is pending (channel members), with receipts and the board by department (a guest: its own receipt, no departments).',
  })
  acks(@CurrentUser() user: Principal, @Param('id') id: string, @Param('messageId') messageId: string) {
    return this.urgent.acks(user, id, messageId);
  }

  @ApiResult({ receipt: 'UrgentReceiptView' })
  @Post(':id/urgent/:messageId/ack')
  @HttpCode(200)
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: '確認しました over HTTP (the same as disaster:ack): idempotent.' })
  async ack(@CurrentUser() user: Principal, @Param('messageId') messageId: string, @Body() _dto: AckDto) {
    return { receipt: await this.urgent.step(user, messageId, 'acknowledged') };
  }

  @ApiResult('RenotifyResult')
  @Post(':id/urgent/:messageId/renotify')
  @HttpCode(200)
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Alert everyone still pending again (disaster:renotify to their sockets, and a notice).' })
  renotify(@CurrentUser() user: Principal, @Param('id') id: string, @Param('messageId') messageId: string) {
    return this.urgent.renotify(user, id, messageId);
  }

  @ApiResult(['TimelineEventView'])
  @Get(':id/timeline')
  @RequirePermissions('chat.use')
  @ApiOperation({ summary: 'The record: every event in time order.' })
  timeline(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.record.timeline(user, id);
  }

  @ApiFile('text/csv')
  @Get(':id/timeline.csv')
  @RequirePermissions('chat.use')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ summary: 'The record as CSV for Excel (UTF-8 with BOM); a drill is marked on every row.' })
  async timelineCsv(@CurrentUser() user: Principal, @Param('id') id: string) {
    const { name, bytes } = await this.record.csv(user, id);
    return file(bytes, 'text/csv; charset=utf-8', name);
  }

  @ApiFile('application/pdf')
  @Get(':id/record.pdf')
  @RequirePermissions('chat.use')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ summary: '災害対応記録 as a printable PDF in Japanese (訓練 marked).' })
  async recordPdf(@CurrentUser() user: Principal, @Param('id') id: string) {
    const { name, bytes } = await this.record.pdf(user, id);
    return file(bytes, 'application/pdf', name);
  }

  @ApiResult('SituationHistory')
  @Get(':id/situation')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'The situation report (pinned) and every earlier version.' })
  situationHistory(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.situation.history(user, id);
  }

  @ApiResult('SituationReportView')
  @Put(':id/situation')
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'A new version of the situation report; `version` is the one replaced (stale: 409).' })
  updateSituation(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: SituationDto) {
    return this.situation.update(user, id, dto.body, dto.version);
  }

  @ApiResult('GuestInvitation')
  @Post(':id/guests')
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Invite an outside responder into this disaster channel only, until expiresAt; the password is shown once.' })
  invite(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: GuestInviteDto) {
    return this.guests.invite(user, id, dto);
  }

  @ApiResult(['GuestView'])
  @Get(':id/guests')
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Guests of the disaster.' })
  listGuests(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.guests.list(user, id);
  }

  @ApiNoContent()
  @Delete(':id/guests/:guestId')
  @HttpCode(204)
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Remove a guest at once.' })
  removeGuest(@CurrentUser() user: Principal, @Param('id') id: string, @Param('guestId') guestId: string) {
    return this.guests.remove(user, id, guestId);
  }
}

/** Roll call, duties and damage reports of one disaster. */
@ApiTags('disasters')
@ApiBearerAuth()
@Controller('disasters/:id')
export class DisasterOperationsController {
  constructor(
    private readonly rollCall: RollCallService,
    private readonly duties: DutyService,
    private readonly damage: DamageService,
  ) {}

  @ApiResult('RollCallAnswerView')
  @Put('roll-call')
  @RequirePermissions('chat.use')
  @ApiOperation({ summary: "The caller's own roll-call answer (replaceable; clientAnswerId makes an outbox resend count once)." })
  answer(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: RollCallAnswerDto) {
    return this.rollCall.answer(user, id, dto);
  }

  @ApiResult('RollCallAnswerView')
  @Put('roll-call/:userId')
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Answer for a colleague reached by phone (recorded as answered by the officer).' })
  answerFor(@CurrentUser() user: Principal, @Param('id') id: string, @Param('userId') userId: string, @Body() dto: RollCallAnswerDto) {
    return this.rollCall.answer(user, id, dto, userId);
  }

  @ApiResult('RollCallTally')
  @Get('roll-call')
  @RequirePermissions('chat.use')
  @ApiOperation({ summary: 'The tally: total, answered, by safety and attendance, unanswered, by department.' })
  tally(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.rollCall.tally(user, id);
  }

  @ApiFile('text/csv')
  @Get('roll-call.csv')
  @RequirePermissions('disasters.run')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ summary: 'The roll call as CSV for Excel (UTF-8 with BOM), unanswered included.' })
  async rollCallCsv(@CurrentUser() user: Principal, @Param('id') id: string) {
    const { name, bytes } = await this.rollCall.csv(user, id);
    return file(bytes, 'text/csv; charset=utf-8', name);
  }

  @ApiResult(['DisasterDutyView'])
  @Get('duties')
  @RequirePermissions('chat.use')
  @ApiOperation({ summary: 'The duties of this disaster: confirmed, pending, unavailable.' })
  listDuties(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.duties.list(user, id);
  }

  @ApiResult('DisasterDutyView')
  @Post('duties/:dutyId/respond')
  @HttpCode(200)
  @RequirePermissions('chat.use')
  @ApiOperation({ summary: "The holder's answer: confirmed or unavailable." })
  respond(@CurrentUser() user: Principal, @Param('id') id: string, @Param('dutyId') dutyId: string, @Body() dto: DutyResponseDto) {
    return this.duties.respond(user, id, dutyId, dto.state, dto.note);
  }

  @ApiResult('DisasterDutyView')
  @Post('duties/:dutyId/reassign')
  @HttpCode(200)
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Give the duty to someone else (pending until they confirm).' })
  reassign(@CurrentUser() user: Principal, @Param('id') id: string, @Param('dutyId') dutyId: string, @Body() dto: DutyReassignDto) {
    return this.duties.reassign(user, id, dutyId, dto.assigneeId);
  }

  @ApiResult('DamageReportView')
  @Post('damage-reports')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @UseInterceptors(FilesInterceptor('photos', MAX_PHOTOS))
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: DamageReportDto, description: 'JSON, or multipart with the same fields and up to 6 `photos` (JPEG, PNG, WebP, GIF)' })
  @ApiOperation({ summary: 'File a damage report (photos: type from the bytes, GPS from EXIF); its thread opens in the channel.' })
  report(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() dto: DamageReportDto,
    @UploadedFiles() photos?: Express.Multer.File[],
  ) {
    return this.damage.create(user, id, dto, photos ?? []);
  }

  @ApiResult(['DamageReportView'])
  @Get('damage-reports')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'The damage board, newest first; filters status and category.' })
  reports(@CurrentUser() user: Principal, @Param('id') id: string, @Query() query: DamageListQuery) {
    return this.damage.list(user, id, query);
  }

  @ApiResult('DamageReportView')
  @Get('damage-reports/:reportId')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'One damage report.' })
  oneReport(@CurrentUser() user: Principal, @Param('id') id: string, @Param('reportId') reportId: string) {
    return this.damage.get(user, id, reportId);
  }

  @ApiResult('DamageReportView')
  @Patch('damage-reports/:reportId')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'Status (open, in_progress, done) and assignee; reaches the channel live.' })
  patchReport(@CurrentUser() user: Principal, @Param('id') id: string, @Param('reportId') reportId: string, @Body() dto: DamagePatchDto) {
    return this.damage.patch(user, id, reportId, dto);
  }

  @ApiFile('image/jpeg', 'image/png', 'image/webp', 'image/gif')
  @Get('damage-reports/:reportId/photos/:photoId')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'The bytes of a photo.' })
  async photo(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Param('reportId') reportId: string,
    @Param('photoId') photoId: string,
  ) {
    const found = await this.damage.photo(user, id, reportId, photoId);
    return new StreamableFile(found.stream, { type: found.mediaType, disposition: downloadDisposition('inline', found.name) });
  }
}
