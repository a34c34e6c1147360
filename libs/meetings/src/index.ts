import { AgendaItem, Meeting, MeetingDepartment, MeetingParticipant } from './meeting.entity';
import { MeetingDocument, MeetingDocumentPage, MeetingNote } from './meeting-document.entity';
import { MeetingsSchema1764200000000 } from './migrations/1764200000000-meetings-schema';

export const MEETINGS_ENTITIES: Function[] = [
  Meeting,
  MeetingParticipant,
  MeetingDepartment,
  AgendaItem,
  MeetingDocument,
  MeetingDocumentPage,
  MeetingNote,
];
export const MEETINGS_MIGRATIONS: Function[] = [MeetingsSchema1764200000000];
export { MeetingsModule } from './meetings.module';
