import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createReadStream } from 'node:fs';
import { ApiFile, ApiResult, CurrentUser, RequirePermissions, type Principal, downloadDisposition } from '@yakuba/platform';
import { PageImageQuery, SearchQuery, UploadDocumentDto } from './dto/meeting.dto';
import { NotePageDto } from './dto/notes.dto';
import { itemId, meetingId, pageNo } from './meeting-params';
import { MeetingDocumentsService } from './meeting-documents.service';
import { NotesService } from './notes.service';

const uploadBody = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: { type: 'string', format: 'binary', description: 'a PDF' },
      title: { type: 'string' },
      agendaItemId: { type: 'string', format: 'uuid' },
      confidential: { type: 'string', enum: ['true', 'false'] },
      draft: { type: 'string', enum: ['true', 'false'] },
    },
  },
};

/** Multipart fields arrive as strings: the flags are "true" or absent. */
function uploadOptions(dto: UploadDocumentDto) {
  return { title: dto.title, agendaItemId: dto.agendaItemId, confidential: dto.confidential === 'true', draft: dto.draft === 'true' };
}

@ApiTags('meetings')
@Controller('meetings/:id')
@RequirePermissions('meetings.use')
export class MeetingDocumentsController {
  constructor(
    private readonly documents: MeetingDocumentsService,
    private readonly notes: NotesService,
  ) {}

  @ApiResult('UploadedDocumentView')
  @Post('documents')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody(uploadBody)
  @ApiOperation({
    summary:
      'Add a PDF (organiser or presenter): 415 not a PDF, 413 over UPLOAD_MAX_MB, 422 truncated, corrupt, encrypted or beyond the PDF limits (PdfIngestCheck; the reason code, e.g. pdf_decompression_bomb, ends the message). Nothing is stored when refused.',
  })
  upload(
    @CurrentUser() user: Principal,
    @Param('id', meetingId) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() dto: UploadDocumentDto,
  ) {
    return this.documents.upload(user, id, file, uploadOptions(dto));
  }

  @ApiResult('UploadedDocumentView')
  @Post('documents/:documentId/versions')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody(uploadBody)
  @ApiOperation({ summary: 'Replace a document with a new version; the earlier version and the notes made on it stay.' })
  replace(
    @CurrentUser() user: Principal,
    @Param('id', meetingId) id: string,
    @Param('documentId') documentId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() dto: UploadDocumentDto,
  ) {
    return this.documents.upload(user, id, file, { ...uploadOptions(dto), replacesId: documentId });
  }

  @ApiResult('DocumentView')
  @Post('documents/:documentId/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a draft document to the participants (organiser).' })
  publish(@CurrentUser() user: Principal, @Param('id', meetingId) id: string, @Param('documentId', itemId) documentId: string) {
    return this.documents.publish(user, id, documentId);
  }

  @ApiFile('application/pdf')
  @Get('documents/:documentId/view')
  @ApiOperation({
    summary: 'The PDF for the viewer (inline). A confidential document: the organiser only (403 for others, who get page images).',
  })
  async view(
    @CurrentUser() user: Principal,
    @Param('id', meetingId) id: string,
    @Param('documentId', itemId) documentId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const file = await this.documents.file(user, id, documentId, 'inline');
    res.setHeader('Cache-Control', file.confidential ? 'private, no-store' : 'private, max-age=3600');
    return new StreamableFile(createReadStream(file.path), { type: 'application/pdf', disposition: 'inline', length: file.size });
  }

  @ApiFile('image/png')
  @Get('documents/:documentId/pages/:page.png')
  @ApiOperation({
    summary:
      'One page drawn on the server as a PNG (?width= pixels, 120–2000, default 1200). Confidential documents: watermarked with the viewer’s name and the time, never cached. 422 when the page cannot be drawn within the server’s limits (remembered: answered at once afterwards; the reason code ends the message); 429 when too many of the caller’s pages are waiting.',
  })
  async pageImage(
    @CurrentUser() user: Principal,
    @Param('id', meetingId) id: string,
    @Param('documentId', itemId) documentId: string,
    @Param('page', pageNo) page: number,
    @Query() query: PageImageQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const image = await this.documents.pageImage(user, id, documentId, page, query.width);
    res.setHeader('Cache-Control', image.confidential ? 'private, no-store' : 'private, max-age=300');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(image.bytes, { type: 'image/png', disposition: 'inline', length: image.bytes.length });
  }

  @ApiResult({ documentId: 'string', pages: ['integer'] })
  @Get('documents/:documentId/search')
  @ApiOperation({ summary: 'The pages of one document whose text contains q: { documentId, pages: [n, ...] }.' })
  searchDocument(
    @CurrentUser() user: Principal,
    @Param('id', meetingId) id: string,
    @Param('documentId', itemId) documentId: string,
    @Query() query: SearchQuery,
  ) {
    return this.documents.searchDocument(user, id, documentId, query.q);
  }

  @ApiFile('application/pdf')
  @Get('documents/:documentId/file')
  @ApiOperation({ summary: 'Download the PDF. A confidential document: the organiser only (403 for others).' })
  async download(@CurrentUser() user: Principal, @Param('id', meetingId) id: string, @Param('documentId', itemId) documentId: string) {
    const file = await this.documents.file(user, id, documentId, 'attachment');
    return new StreamableFile(createReadStream(file.path), {
      type: 'application/pdf',
      disposition: downloadDisposition('attachment', `${file.title}.pdf`),
      length: file.size,
    });
  }

  @ApiResult({ documentId: 'string', pages: [{ page: 'integer', text: 'string' }] })
  @Get('documents/:documentId/text')
  @ApiOperation({ summary: 'The extracted text of each page (a confidential document: the organiser only).' })
  text(@CurrentUser() user: Principal, @Param('id', meetingId) id: string, @Param('documentId', itemId) documentId: string) {
    return this.documents.text(user, id, documentId);
  }

  @ApiResult({ results: ['MeetingSearchHit'] })
  @Get('search')
  @ApiOperation({ summary: "Search the text of the meeting's documents: [{ documentId, title, page, snippet }]." })
  search(@CurrentUser() user: Principal, @Param('id', meetingId) id: string, @Query() query: SearchQuery) {
    return this.documents.search(user, id, query.q);
  }

  @ApiResult('DocumentNotes')
  @Get('documents/:documentId/notes')
  @ApiOperation({ summary: 'My private notes on a document, page by page.' })
  myNotes(@CurrentUser() user: Principal, @Param('id', meetingId) id: string, @Param('documentId', itemId) documentId: string) {
    return this.notes.forDocument(user, id, documentId);
  }

  @ApiResult('NotePage')
  @Put('documents/:documentId/notes/:page')
  @ApiOperation({ summary: 'Save my notes on one page (the whole set of strokes and memos; empty removes them).' })
  saveNotes(
    @CurrentUser() user: Principal,
    @Param('id', meetingId) id: string,
    @Param('documentId', itemId) documentId: string,
    @Param('page', pageNo) page: number,
    @Body() dto: NotePageDto,
  ) {
    return this.notes.savePage(user, id, documentId, page, dto);
  }
}
