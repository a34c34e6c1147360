import { ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '@yakuba/contracts';

/** Route parameter pipes shared by the meetings controllers: a malformed id is "not found", like an unknown one. */
export const meetingId = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('not_found', 'meeting not found') });
export const itemId = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('not_found', 'not found') });
export const pageNo = new ParseIntPipe({ exceptionFactory: () => new DomainError('bad_request', 'page must be a whole number') });
