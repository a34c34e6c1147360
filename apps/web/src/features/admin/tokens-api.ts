import { api } from '../../api/client';

/** API tokens for outside relays (administrators): create (the secret comes back once), list, revoke. */
export interface ApiTokenRow {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  createdBy?: string | null;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}

export const tokensApi = {
  list: () => api<ApiTokenRow[]>('GET', '/api/api-tokens'),
  create: (input: { name: string; scopes: string[] }) => api<{ id: string; token: string }>('POST', '/api/api-tokens', input),
  revoke: (id: string) => api('DELETE', `/api/api-tokens/${id}`),
};
