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
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ApiTokenRoute, CurrentUser, downloadDisposition, GuestRoute, RequirePermissions, type Principal } from '@yakuba/platform';
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

  @Post()
  @RequirePermissions('disasters.run')
  @ApiTokenRoute('disasters')
  @ApiOperation({
    summary: 'Declare a disaster or a drill: a channel with every active member of staff; disaster:declared to every socket.',
  })
  @ApiCreatedResponse({ description: '{ id, channelId, status: "active", drill, title, kind, level, openedAt, memberCount, ... }' })
  declare(@CurrentUser() user: Principal, @Body() dto: DeclareDisasterDto) {
    return this.disasters.declare(user, dto);
  }

  @Get()
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'Disasters the caller is in (officers: all), newest first; filters status and drill.' })
  @ApiOkResponse({ description: '[DisasterView]' })
  list(@CurrentUser() user: Principal, @Query() query: ListDisastersQuery) {
    return this.disasters.list(user, query);
  }

  @Get('active')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'The active disasters and drills the caller is in: the banners.' })
  @ApiOkResponse({ description: '[DisasterView]' })
  active(@CurrentUser() user: Principal) {
    return this.disasters.list(user, { status: 'active' });
  }

  @Get('stats')
  @RequirePermissions('kpis.read')
  @ApiOperation({ summary: 'Figures for KPIs, real disasters only (drills excluded).' })
  @ApiOkResponse({ description: '{ disasters, urgentMessages, medianAckMinutes, rollCallAnswerShare }' })
  stats(@Query() query: StatsQuery) {
    return this.disasters.stats(query.since);
  }

  @Get('urgent/mine')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'Urgent messages the caller has not acknowledged, over every active disaster (shown on top).' })
  @ApiOkResponse({ description: '[MyUrgentView]' })
  myUrgent(@CurrentUser() user: Principal) {
    return this.urgent.mine(user);
  }

  @Get(':id')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'One disaster.' })
  @ApiOkResponse({ description: 'DisasterView' })
  get(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.disasters.get(user, id);
  }

  @Get(':id/people')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: "The disaster channel's members by name (guests: names only)." })
  @ApiOkResponse({ description: '[{ id, displayName, departmentId, guest, username, organisation }] (username null for a guest caller)' })
  people(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.disasters.people(user, id);
  }

  @Patch(':id')
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Change the title or the level (raising it mobilises the duties of the new level).' })
  @ApiOkResponse({ description: 'DisasterView' })
  update(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: UpdateDisasterDto) {
    return this.disasters.update(user, id, dto);
  }

  @Post(':id/close')
  @HttpCode(200)
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Close: everything stays readable, nothing is writable; guests leave.' })
  @ApiOkResponse({ description: 'DisasterView with status "closed"' })
  close(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.disasters.close(user, id);
  }

  @Post(':id/urgent')
  @RequirePermissions('disasters.run')
  @ApiTokenRoute('disasters')
  @ApiOperation({
    summary: 'An urgent message in the disaster channel (urgent: true), delivered as chat:message; each recipient acknowledges.',
  })
  @ApiCreatedResponse({ description: '{ message }' })
  postUrgent(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: UrgentMessageDto) {
    return this.urgent.post(user, id, dto.body);
  }

  @Get(':id/urgent')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'Urgent messages of the disaster with their counts.' })
  @ApiOkResponse({ description: '[{ messageId, seq, body, authorId, createdAt, counts, lastRenotifiedAt }]' })
  listUrgent(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.urgent.list(user, id);
  }

  @Get(':id/urgent/:messageId/acks')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'Who acknowledged and who is pending (channel members), with receipts and the board by department.' })
  @ApiOkResponse({ description: '{ acknowledged: [{userId, at}], pending: [userId], counts, receipts, byDepartment }' })
  acks(@CurrentUser() user: Principal, @Param('id') id: string, @Param('messageId') messageId: string) {
    return this.urgent.acks(user, id, messageId);
  }

  @Post(':id/urgent/:messageId/ack')
  @HttpCode(200)
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: '確認しました over HTTP (the same as disaster:ack): idempotent.' })
  @ApiOkResponse({ description: '{ receipt }' })
  async ack(@CurrentUser() user: Principal, @Param('messageId') messageId: string, @Body() _dto: AckDto) {
    return { receipt: await this.urgent.step(user, messageId, 'acknowledged') };
  }

  @Post(':id/urgent/:messageId/renotify')
  @HttpCode(200)
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Alert everyone still pending again (disaster:renotify to their sockets, and a notice).' })
  @ApiOkResponse({ description: '{ renotified, userIds }' })
  renotify(@CurrentUser() user: Principal, @Param('id') id: string, @Param('messageId') messageId: string) {
    return this.urgent.renotify(user, id, messageId);
  }

  @Get(':id/timeline')
  @RequirePermissions('chat.use')
  @ApiOperation({ summary: 'The record: every event in time order.' })
  @ApiOkResponse({ description: '[{ at, kind, actorId, actorName, summary, refId }]' })
  timeline(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.record.timeline(user, id);
  }

  @Get(':id/timeline.csv')
  @RequirePermissions('chat.use')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The record as CSV for Excel (UTF-8 with BOM); a drill is marked on every row.' })
  @ApiOkResponse({ description: 'text/csv' })
  async timelineCsv(@CurrentUser() user: Principal, @Param('id') id: string) {
    const { name, bytes } = await this.record.csv(user, id);
    return file(bytes, 'text/csv; charset=utf-8', name);
  }

  @Get(':id/record.pdf')
  @RequirePermissions('chat.use')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: '災害対応記録 as a printable PDF in Japanese (訓練 marked).' })
  @ApiOkResponse({ description: 'application/pdf' })
  async recordPdf(@CurrentUser() user: Principal, @Param('id') id: string) {
    const { name, bytes } = await this.record.pdf(user, id);
    return file(bytes, 'application/pdf', name);
  }

  @Get(':id/situation')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'The situation report (pinned) and every earlier version.' })
  @ApiOkResponse({ description: '{ current, history }' })
  situationHistory(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.situation.history(user, id);
  }

  @Put(':id/situation')
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'A new version of the situation report; `version` is the one replaced (stale: 409).' })
  @ApiOkResponse({ description: '{ disasterId, version, body, authorId, createdAt }' })
  updateSituation(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: SituationDto) {
    return this.situation.update(user, id, dto.body, dto.version);
  }

  @Post(':id/guests')
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Invite an outside responder into this disaster channel only, until expiresAt; the password is shown once.' })
  @ApiCreatedResponse({ description: '{ guest, username, password }' })
  invite(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: GuestInviteDto) {
    return this.guests.invite(user, id, dto);
  }

  @Get(':id/guests')
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Guests of the disaster.' })
  @ApiOkResponse({ description: '[GuestView]' })
  listGuests(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.guests.list(user, id);
  }

  @Delete(':id/guests/:guestId')
  @HttpCode(204)
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Remove a guest at once.' })
  @ApiNoContentResponse({ description: 'removed' })
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

  @Put('roll-call')
  @RequirePermissions('chat.use')
  @ApiOperation({ summary: "The caller's own roll-call answer (replaceable; clientAnswerId makes an outbox resend count once)." })
  @ApiOkResponse({ description: 'RollCallAnswerView' })
  answer(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: RollCallAnswerDto) {
    return this.rollCall.answer(user, id, dto);
  }

  @Put('roll-call/:userId')
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Answer for a colleague reached by phone (recorded as answered by the officer).' })
  @ApiOkResponse({ description: 'RollCallAnswerView (onBehalf: true)' })
  answerFor(@CurrentUser() user: Principal, @Param('id') id: string, @Param('userId') userId: string, @Body() dto: RollCallAnswerDto) {
    return this.rollCall.answer(user, id, dto, userId);
  }

  @Get('roll-call')
  @RequirePermissions('chat.use')
  @ApiOperation({ summary: 'The tally: total, answered, by safety and attendance, unanswered, by department.' })
  @ApiOkResponse({ description: '{ total, answered, safety, attendance, unanswered, byDepartment, answers, mine }' })
  tally(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.rollCall.tally(user, id);
  }

  @Get('roll-call.csv')
  @RequirePermissions('disasters.run')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The roll call as CSV for Excel (UTF-8 with BOM), unanswered included.' })
  @ApiOkResponse({ description: 'text/csv' })
  async rollCallCsv(@CurrentUser() user: Principal, @Param('id') id: string) {
    const { name, bytes } = await this.rollCall.csv(user, id);
    return file(bytes, 'text/csv; charset=utf-8', name);
  }

  @Get('duties')
  @RequirePermissions('chat.use')
  @ApiOperation({ summary: 'The duties of this disaster: confirmed, pending, unavailable.' })
  @ApiOkResponse({ description: '[DisasterDutyView]' })
  listDuties(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.duties.list(user, id);
  }

  @Post('duties/:dutyId/respond')
  @HttpCode(200)
  @RequirePermissions('chat.use')
  @ApiOperation({ summary: "The holder's answer: confirmed or unavailable." })
  @ApiOkResponse({ description: 'DisasterDutyView' })
  respond(@CurrentUser() user: Principal, @Param('id') id: string, @Param('dutyId') dutyId: string, @Body() dto: DutyResponseDto) {
    return this.duties.respond(user, id, dutyId, dto.state, dto.note);
  }

  @Post('duties/:dutyId/reassign')
  @HttpCode(200)
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Give the duty to someone else (pending until they confirm).' })
  @ApiOkResponse({ description: 'DisasterDutyView' })
  reassign(@CurrentUser() user: Principal, @Param('id') id: string, @Param('dutyId') dutyId: string, @Body() dto: DutyReassignDto) {
    return this.duties.reassign(user, id, dutyId, dto.assigneeId);
  }

  @Post('damage-reports')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @UseInterceptors(FilesInterceptor('photos', MAX_PHOTOS))
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: DamageReportDto, description: 'JSON, or multipart with the same fields and up to 6 `photos` (JPEG, PNG, WebP, GIF)' })
  @ApiOperation({ summary: 'File a damage report (photos: type from the bytes, GPS from EXIF); its thread opens in the channel.' })
  @ApiCreatedResponse({ description: 'DamageReportView (status "open")' })
  report(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() dto: DamageReportDto,
    @UploadedFiles() photos?: Express.Multer.File[],
  ) {
    return this.damage.create(user, id, dto, photos ?? []);
  }

  @Get('damage-reports')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'The damage board, newest first; filters status and category.' })
  @ApiOkResponse({ description: '[DamageReportView]' })
  reports(@CurrentUser() user: Principal, @Param('id') id: string, @Query() query: DamageListQuery) {
    return this.damage.list(user, id, query);
  }

  @Get('damage-reports/:reportId')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'One damage report.' })
  @ApiOkResponse({ description: 'DamageReportView' })
  oneReport(@CurrentUser() user: Principal, @Param('id') id: string, @Param('reportId') reportId: string) {
    return this.damage.get(user, id, reportId);
  }

  @Patch('damage-reports/:reportId')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiOperation({ summary: 'Status (open, in_progress, done) and assignee; reaches the channel live.' })
  @ApiOkResponse({ description: 'DamageReportView' })
  patchReport(@CurrentUser() user: Principal, @Param('id') id: string, @Param('reportId') reportId: string, @Body() dto: DamagePatchDto) {
    return this.damage.patch(user, id, reportId, dto);
  }

  @Get('damage-reports/:reportId/photos/:photoId')
  @RequirePermissions('chat.use')
  @GuestRoute()
  @ApiProduces('image/jpeg', 'image/png', 'image/webp', 'image/gif')
  @ApiOperation({ summary: 'The bytes of a photo.' })
  @ApiOkResponse({ description: 'the image' })
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
