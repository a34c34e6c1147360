/**
 * OpenAPI response schemas of the chat routes added for search and 既読 (the shapes are libs/contracts chat.ts's).
 * A message is described by its contract fields; the rest of MessageView is listed in docs/realtime.md.
 */
const MESSAGE = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    channelId: { type: 'string', format: 'uuid' },
    seq: { type: 'integer' },
    clientMsgId: { type: 'string' },
    authorId: { type: 'string', format: 'uuid' },
    body: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    editedAt: { type: 'string', format: 'date-time' },
    deletedAt: { type: 'string', format: 'date-time' },
    threadRootId: { type: 'string', format: 'uuid' },
    attachments: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, mediaType: { type: 'string' }, size: { type: 'integer' }, url: { type: 'string' } } },
    },
  },
} as const;

const HIGHLIGHTS = { type: 'array', items: { type: 'object', properties: { start: { type: 'integer' }, end: { type: 'integer' } } } } as const;
const PERSON = { type: 'object', properties: { userId: { type: 'string', format: 'uuid' }, displayName: { type: 'string' } } } as const;

export const HISTORY_PAGE_SCHEMA = {
  type: 'object',
  required: ['messages'],
  properties: {
    messages: { type: 'array', items: MESSAGE },
    hasOlder: { type: 'boolean', description: '`around` pages: more messages lie before the first' },
    hasNewer: { type: 'boolean', description: '`around` pages: more messages lie after the last' },
  },
};

export const READERS_SCHEMA = {
  type: 'object',
  required: ['readCount', 'readers', 'unreadCount', 'unread'],
  properties: {
    readCount: { type: 'integer' },
    readers: { type: 'array', items: PERSON },
    unreadCount: { type: 'integer' },
    unread: { type: 'array', items: PERSON, description: 'members (the author excepted) who have not read it yet' },
  },
};

export const SEARCH_SCHEMA = {
  type: 'object',
  required: ['results', 'query'],
  properties: {
    query: { type: 'string' },
    results: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          message: MESSAGE,
          channel: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' } } },
          author: { type: 'object', properties: { id: { type: 'string' }, displayName: { type: 'string' } } },
          highlights: HIGHLIGHTS,
          attachment: {
            type: 'object',
            description: 'the attached file that matched (its name or a PDF’s text), with a passage around the match',
            properties: {
              id: { type: 'string', format: 'uuid' },
              name: { type: 'string' },
              mediaType: { type: 'string' },
              excerpt: { type: 'string' },
              highlights: HIGHLIGHTS,
            },
          },
        },
      },
    },
  },
};
