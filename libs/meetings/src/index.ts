import type { BoundedContext } from '@yakuba/platform';
import { AgendaItem, Meeting, MeetingDepartment, MeetingParticipant } from './meeting.entity';
import { MeetingDocument, MeetingDocumentPage, MeetingDocumentPageFailure, MeetingNote } from './meeting-document.entity';
import { MeetingsSchema1764200000000 } from './migrations/1764200000000-meetings-schema';
import { PageRenderFailures1796046452552 } from './migrations/1796046452552-page-render-failures';
import { ViewerSettings1796080300000 } from './migrations/1796080300000-viewer-settings';
import { MeetingViewerSetting } from './viewer-settings.entity';

export const MEETINGS_ENTITIES: Function[] = [
  Meeting,
  MeetingParticipant,
  MeetingDepartment,
  AgendaItem,
  MeetingDocument,
  MeetingDocumentPage,
  MeetingDocumentPageFailure,
  MeetingNote,
  MeetingViewerSetting,
];
export const MEETINGS_MIGRATIONS: Function[] = [MeetingsSchema1764200000000, PageRenderFailures1796046452552, ViewerSettings1796080300000];
import { MeetingsModule } from './meetings.module';

export { MeetingsModule };
export const MEETINGS_CONTEXT: BoundedContext = {
  name: 'meetings',
  module: MeetingsModule,
  entities: MEETINGS_ENTITIES,
  migrations: MEETINGS_MIGRATIONS,
};
