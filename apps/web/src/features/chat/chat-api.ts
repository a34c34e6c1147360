import type {
  AttachmentView,
  ChannelMemberView,
  ChannelType,
  ChannelView,
  ChatHistoryPage,
  ChatSearchResult,
  MessageReaders,
  MessageView,
  PresenceStatus,
} from '@yakuba/contracts';
import { api, queryString, upload } from '../../api/client';

/** Every chat REST request (the socket carries sending, reading and live events). */
export interface NewChannel {
  name: string;
  type: ChannelType;
  topic?: string;
  memberIds: string[];
}

export interface ChatSearchQuery {
  q: string;
  channelId?: string;
  authorId?: string;
  from?: string;
  to?: string;
}

const channel = (id: string) => `/api/chat/channels/${id}`;

export const chatApi = {
  channels: () => api<ChannelView[]>('GET', '/api/chat/channels'),
  browse: () => api<ChannelView[]>('GET', '/api/chat/channels/browse'),
  channel: (id: string) => api<ChannelView>('GET', channel(id)),
  create: (input: NewChannel) => api<ChannelView>('POST', '/api/chat/channels', input),
  update: (id: string, change: { name?: string; topic?: string; archived?: boolean }) => api<ChannelView>('PATCH', channel(id), change),
  join: (id: string) => api<ChannelView>('POST', `${channel(id)}/join`),
  leave: (id: string) => api('POST', `${channel(id)}/leave`),
  members: (id: string) => api<ChannelMemberView[]>('GET', `${channel(id)}/members`),
  addMembers: (id: string, userIds: string[]) => api('POST', `${channel(id)}/members`, { userIds }),
  removeMember: (id: string, userId: string) => api('DELETE', `${channel(id)}/members/${userId}`),
  messages: (id: string, page: { limit?: number; before?: number; after?: number; around?: number; threadRootId?: string }) =>
    api<ChatHistoryPage>('GET', `${channel(id)}/messages${queryString(page)}`),
  pins: (id: string) => api<{ messages: MessageView[] }>('GET', `${channel(id)}/pins`),
  attach: (id: string, file: File, onProgress: (fraction: number) => void) => {
    const form = new FormData();
    form.append('file', file);
    return upload<AttachmentView>(`${channel(id)}/attachments`, form, onProgress);
  },
  readers: (messageId: string) => api<MessageReaders>('GET', `/api/chat/messages/${messageId}/readers`),
  search: (query: ChatSearchQuery) => api<{ results: ChatSearchResult[] }>('GET', `/api/chat/search${queryString({ ...query })}`),
  presence: () => api<Record<string, PresenceStatus>>('GET', '/api/chat/presence'),
};
