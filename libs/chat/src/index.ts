import { ChatAttachment, ChatChannel, ChatMember, ChatMessage, ChatReaction } from './chat.entities';
import { ChatSchema1764100000000 } from './migrations/1764100000000-chat-schema';

export const CHAT_ENTITIES: Function[] = [ChatChannel, ChatMember, ChatMessage, ChatReaction, ChatAttachment];
export const CHAT_MIGRATIONS: Function[] = [ChatSchema1764100000000];
export { ChatModule } from './chat.module';
