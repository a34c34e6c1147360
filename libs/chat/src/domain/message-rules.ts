import { DomainError, MAX_MESSAGE_CHARS } from '@yakuba/contracts';

export const MAX_BODY_CHARS = MAX_MESSAGE_CHARS;
export const MAX_ATTACHMENTS = 10;

/** A body is kept as written (Markdown source); it may be empty only when files are attached. */
export function checkBody(body: string, attachmentCount: number): string {
  if ([...body].length > MAX_BODY_CHARS) throw new DomainError('too_large', `body: at most ${MAX_BODY_CHARS} characters`);
  if (body.trim().length === 0 && attachmentCount === 0) throw new DomainError('bad_request', 'body: must not be empty');
  if (attachmentCount > MAX_ATTACHMENTS) throw new DomainError('bad_request', `attachmentIds: at most ${MAX_ATTACHMENTS}`);
  return body;
}

export function checkChannelName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed.length < 1 || trimmed.length > 80) throw new DomainError('bad_request', 'name: 1 to 80 characters');
  return trimmed;
}

/** One direct conversation per set of people: its key is the sorted member ids. */
export function directKey(userIds: Iterable<string>): string {
  return [...new Set(userIds)].sort().join(',');
}

export interface MessageFacts {
  authorId: string;
  deleted: boolean;
}

export function assertCanEdit(message: MessageFacts, userId: string): void {
  if (message.deleted) throw new DomainError('conflict', 'the message was deleted');
  if (message.authorId !== userId) throw new DomainError('forbidden', 'only the author may edit a message');
}

/** The author may delete; so may the channel's owner and chat administrators (moderation). */
export function assertCanDelete(message: MessageFacts, userId: string, isChannelOwner: boolean, isChatAdmin: boolean): void {
  if (message.authorId !== userId && !isChannelOwner && !isChatAdmin)
    throw new DomainError('forbidden', 'only the author or a channel owner may delete a message');
}

/** Reactions are short: one emoji or a short :name:. */
export function checkReaction(emoji: string): string {
  const value = emoji.trim();
  if (value.length === 0 || [...value].length > 16 || /\s/.test(value))
    throw new DomainError('bad_request', 'emoji: one emoji or a :name: of up to 16 characters');
  return value;
}
