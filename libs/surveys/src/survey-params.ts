import { ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { DomainError } from '@yakuba/contracts';
import { downloadDisposition } from '@yakuba/platform';

/** A malformed id is "not found", like an unknown one. */
export const surveyId = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('not_found', 'survey not found') });

export const csvFile = (bytes: Buffer, name: string) =>
  new StreamableFile(bytes, {
    type: 'text/csv; charset=utf-8',
    disposition: downloadDisposition('attachment', `${name}.csv`),
    length: bytes.length,
  });
