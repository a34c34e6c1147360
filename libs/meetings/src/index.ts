export const MEETINGS_ENTITIES: Function[] = [];
export const MEETINGS_MIGRATIONS: Function[] = [];
export { MeetingsModule } from './meetings.module';
