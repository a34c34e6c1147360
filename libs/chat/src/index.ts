export const CHAT_ENTITIES: Function[] = [];
export const CHAT_MIGRATIONS: Function[] = [];
export { ChatModule } from './chat.module';
