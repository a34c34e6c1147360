import { Module } from '@nestjs/common';
import { PageRenderer } from './page-renderer';
import { PdfIngestCheck } from './pdf-ingest-check';
import { PdfReader } from './pdf-reader';

/** The pdf.js reader, page renderer and upload check, one worker pool each for the whole server, for any context. */
@Module({ providers: [PdfReader, PageRenderer, PdfIngestCheck], exports: [PdfReader, PageRenderer, PdfIngestCheck] })
export class PdfModule {}
