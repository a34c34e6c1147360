import type { BoundedContext } from '@yakuba/platform';
import { ChatAttachment, ChatChannel, ChatMember, ChatMessage, ChatReaction } from './chat.entities';
import { ChatSchema1764100000000 } from './migrations/1764100000000-chat-schema';
import { ManagedChannels1796060100000 } from './migrations/1796060100000-managed-channels';
import { OrganisationChannel1796080100000 } from './migrations/1796080100000-organisation-channel';
import { AttachmentSearch1796080200000 } from './migrations/1796080200000-attachment-search';
import { MessageAnalyzeThreshold1796200000000 } from './migrations/1796200000000-message-analyze-threshold';

export const CHAT_ENTITIES: Function[] = [ChatChannel, ChatMember, ChatMessage, ChatReaction, ChatAttachment];
export const CHAT_MIGRATIONS: Function[] = [
  ChatSchema1764100000000,
  ManagedChannels1796060100000,
  OrganisationChannel1796080100000,
  AttachmentSearch1796080200000,
  MessageAnalyzeThreshold1796200000000,
];
import { ChatModule } from './chat.module';

export { ChatModule };
export const CHAT_CONTEXT: BoundedContext = { name: 'chat', module: ChatModule, entities: CHAT_ENTITIES, migrations: CHAT_MIGRATIONS };
