import { CHAT_CONTEXT } from '@yakuba/chat';
import { DISASTERS_CONTEXT } from '@yakuba/disasters';
import { MEETINGS_CONTEXT } from '@yakuba/meetings';
import type { BoundedContext } from '@yakuba/platform';

/**
 * The bounded contexts this server runs, in migration order (after the platform's own). Adding a context is one
 * line here (docs/architecture.md, "Adding a context").
 */
export const CONTEXTS: BoundedContext[] = [CHAT_CONTEXT, MEETINGS_CONTEXT, DISASTERS_CONTEXT];
