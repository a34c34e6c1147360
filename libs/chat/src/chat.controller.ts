import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiFile, ApiNoContent, ApiResult, CurrentUser, GuestRoute, RequirePermissions, type Principal, downloadDisposition } from '@yakuba/platform';
import { AttachmentService } from './attachment.service';
import { ChannelAdminService } from './channel-admin.service';
import { ChannelQueryService } from './channel-query.service';
import { PresenceService } from './presence.service';
import { CreateChannelDto, HistoryQuery, InviteDto, PostMessageDto, SearchQueryDto, UpdateChannelDto } from './dto/chat.dto';
import { MembershipService } from './membership.service';
import { MessageService } from './message.service';
import { ReadStateService } from './read-state.service';
import { SearchService } from './search.service';

const inline = (f: { stream: NodeJS.ReadableStream; name: string; mediaType: string; size: number }) =>
  new StreamableFile(f.stream as never, {
    type: f.mediaType,
    length: f.size,
    disposition: downloadDisposition('inline', f.name),
  });

@ApiTags('chat')
@Controller('chat')
@RequirePermissions('chat.use')
export class ChatController {
  constructor(
    private readonly channels: ChannelQueryService,
    private readonly admin: ChannelAdminService,
    private readonly membership: MembershipService,
    private readonly readState: ReadStateService,
    private readonly messages: MessageService,
    private readonly searcher: SearchService,
    private readonly attachments: AttachmentService,
    private readonly presenceService: PresenceService,
  ) {}

  @ApiResult(['ChannelView'])
  @Get('channels')
  @GuestRoute()
  @ApiOperation({ summary: "The caller's channels with lastSeq, lastReadSeq, unread, mentions and broadcastMentions (@channel/@here)." })
  mine(@CurrentUser() user: Principal) {
    return this.channels.mine(user);
  }

  @ApiResult(['ChannelView'])
  @Get('channels/browse')
  @ApiOperation({ summary: 'Public channels anyone may join (joined: whether the caller is a member).' })
  browse(@CurrentUser() user: Principal) {
    return this.channels.browse(user);
  }

  @ApiResult('ChannelView')
  @Post('channels')
  @ApiOperation({
    summary:
      'Create a channel {name, type: public|private|direct, memberIds}; the creator is a member (owner). A direct conversation with the same people is returned again, not duplicated.',
  })
  create(@CurrentUser() user: Principal, @Body() dto: CreateChannelDto) {
    return this.admin.create(user, dto);
  }

  @ApiResult('ChannelView')
  @Get('channels/:id')
  @GuestRoute({ channelParam: 'id' })
  @ApiOperation({ summary: 'One channel (members, or anyone for a public channel); 404 otherwise.' })
  get(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.channels.get(user, id);
  }

  @ApiResult('ChannelView')
  @Patch('channels/:id')
  @ApiOperation({ summary: 'Rename, set the topic, archive or restore.' })
  update(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: UpdateChannelDto) {
    return this.admin.update(user, id, dto);
  }

  @ApiResult('ChannelView')
  @Post('channels/:id/join')
  @HttpCode(200)
  @ApiOperation({ summary: 'Join a public channel.' })
  join(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.membership.join(user, id);
  }

  @ApiNoContent()
  @Post('channels/:id/leave')
  @HttpCode(204)
  @ApiOperation({ summary: 'Leave a channel (not a department channel: those follow the directory).' })
  leave(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.membership.leave(user, id);
  }

  @ApiResult(['ChannelMemberView'])
  @Get('channels/:id/members')
  @GuestRoute({ channelParam: 'id' })
  @ApiOperation({ summary: 'Members with their read cursors (lastReadSeq), for 既読 and the member list.' })
  members(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.channels.members(user, id);
  }

  @ApiResult('ChannelView')
  @Post('channels/:id/members')
  @HttpCode(200)
  @ApiOperation({ summary: 'Invite people {userIds}; their sockets join the channel at once.' })
  invite(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: InviteDto) {
    return this.membership.invite(user, id, dto.userIds);
  }

  @ApiNoContent()
  @Delete('channels/:id/members/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member (owner or chat administrator; anyone for themself); their sockets leave at once.' })
  remove(@CurrentUser() user: Principal, @Param('id') id: string, @Param('userId') userId: string) {
    return this.membership.remove(user, id, userId);
  }

  @ApiResult('ChatHistoryPage')
  @Get('channels/:id/messages')
  @GuestRoute({ channelParam: 'id' })
  @ApiOperation({
    summary:
      'History: {messages} ascending; `before`/`after` a seq, the page `around` a seq ({messages, hasOlder, hasNewer}: a search result opened deep in history), or one thread with `threadRootId`.',
  })
  history(@CurrentUser() user: Principal, @Param('id') id: string, @Query() query: HistoryQuery) {
    return this.readState.history(user, id, query);
  }

  @ApiResult({ message: 'MessageView' })
  @Post('channels/:id/messages')
  @GuestRoute({ channelParam: 'id' })
  @ApiOperation({
    summary:
      'Post a message over HTTP (bots, the disaster-alert relay): the same as chat:send, delivered as chat:message. Idempotent by clientMsgId; 429 when rate limited.',
  })
  post(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: PostMessageDto) {
    return this.messages.send(user, { ...dto, channelId: id, clientMsgId: dto.clientMsgId ?? randomUUID() });
  }

  @ApiResult({ messages: ['MessageView'] })
  @Get('channels/:id/pins')
  @GuestRoute({ channelParam: 'id' })
  @ApiOperation({ summary: 'Pinned messages of a channel.' })
  pins(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.readState.pins(user, id);
  }

  @ApiResult('AttachmentView')
  @Post('channels/:id/attachments')
  @GuestRoute({ channelParam: 'id' })
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: 'PNG, JPEG, GIF, WebP or PDF' } } },
  })
  @ApiOperation({
    summary:
      'Upload a file to attach to a message (then chat:send with attachmentIds). 415 if not an image/PDF by its bytes, 413 over UPLOAD_MAX_MB.',
  })
  upload(@CurrentUser() user: Principal, @Param('id') id: string, @UploadedFile() file: Express.Multer.File | undefined) {
    return this.attachments.upload(user, id, file);
  }

  @ApiFile('image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf')
  @Get('attachments/:id')
  @GuestRoute()
  @ApiOperation({ summary: 'The bytes of an attachment (inline: images shown, PDFs open in the viewer).' })
  async attachment(@CurrentUser() user: Principal, @Param('id') id: string) {
    return inline(await this.attachments.open(user, id));
  }

  @ApiResult('MessageReaders')
  @Get('messages/:id/readers')
  @GuestRoute()
  @ApiOperation({ summary: '既読 and 未読: who read a message and who has not yet (channels of up to 50 members; 400 beyond).' })
  readers(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.readState.readers(user, id);
  }

  @ApiResult({ results: ['ChatSearchResult'], query: 'string' })
  @Get('search')
  @GuestRoute({ channelQuery: 'channelId' })
  @ApiOperation({
    summary:
      'Search messages and their attachments (file names, the text of PDFs) in every channel the caller may read: {results: [{message, channel, author, highlights, attachment?}]}; `attachment` names the file that matched, with an excerpt. Filters: channelId, authorId, from, to.',
  })
  search(@CurrentUser() user: Principal, @Query() query: SearchQueryDto) {
    return this.searcher.search(user, query);
  }

  @ApiResult('PresenceMap')
  @Get('presence')
  @ApiOperation({ summary: 'Presence of everyone connected: {userId: online|away} (absent = offline).' })
  presence() {
    return this.presenceService.all();
  }
}
