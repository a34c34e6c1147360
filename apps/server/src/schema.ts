import { PLATFORM_ENTITIES, PLATFORM_MIGRATIONS, type SchemaParts } from '@yakuba/platform';
import { CONTEXTS } from './contexts';

/** Every context's entities and committed migrations, in one list for the data source. */
export const SCHEMA: SchemaParts = {
  entities: [...PLATFORM_ENTITIES, ...CONTEXTS.flatMap((c) => c.entities)],
  migrations: [...PLATFORM_MIGRATIONS, ...CONTEXTS.flatMap((c) => c.migrations)],
};
