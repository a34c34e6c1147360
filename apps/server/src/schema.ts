import { CHAT_ENTITIES, CHAT_MIGRATIONS } from '@yakuba/chat';
import { MEETINGS_ENTITIES, MEETINGS_MIGRATIONS } from '@yakuba/meetings';
import { PLATFORM_ENTITIES, PLATFORM_MIGRATIONS, type SchemaParts } from '@yakuba/platform';

/** Every context's entities and committed migrations, in one list for the data source. */
export const SCHEMA: SchemaParts = {
  entities: [...PLATFORM_ENTITIES, ...CHAT_ENTITIES, ...MEETINGS_ENTITIES],
  migrations: [...PLATFORM_MIGRATIONS, ...CHAT_MIGRATIONS, ...MEETINGS_MIGRATIONS],
};
