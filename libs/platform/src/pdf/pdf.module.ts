import { Module } from '@nestjs/common';
import { PageRenderer } from './page-renderer';
import { PdfReader } from './pdf-reader';

/** The pdf.js reader and page renderer, one worker pool each for the whole server, for any context to import. */
@Module({ providers: [PdfReader, PageRenderer], exports: [PdfReader, PageRenderer] })
export class PdfModule {}
