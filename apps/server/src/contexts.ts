import { APPROVALS_CONTEXT } from '@yakuba/approvals';
import { CHAT_CONTEXT } from '@yakuba/chat';
import { DISASTERS_CONTEXT } from '@yakuba/disasters';
import { INSIGHTS_CONTEXT } from '@yakuba/insights';
import { MEETINGS_CONTEXT } from '@yakuba/meetings';
import { PUSH_CONTEXT } from '@yakuba/push';
import { SURVEYS_CONTEXT } from '@yakuba/surveys';
import type { BoundedContext } from '@yakuba/platform';

/**
 * The bounded contexts this server runs, in migration order (after the platform's own). Adding a context is one
 * line here (docs/architecture.md, "Adding a context").
 */
export const CONTEXTS: BoundedContext[] = [CHAT_CONTEXT, MEETINGS_CONTEXT, DISASTERS_CONTEXT, APPROVALS_CONTEXT, SURVEYS_CONTEXT, INSIGHTS_CONTEXT, PUSH_CONTEXT];
