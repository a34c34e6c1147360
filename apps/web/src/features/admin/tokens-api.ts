import type { ApiTokenCreated, ApiTokenInput, ApiTokenView } from '@yakuba/contracts';
import { api } from '../../api/client';

/** API tokens for outside relays (administrators): create (the secret comes back once), list, revoke. */
export const tokensApi = {
  list: () => api<ApiTokenView[]>('GET', '/api/api-tokens'),
  create: (input: ApiTokenInput) => api<ApiTokenCreated>('POST', '/api/api-tokens', input),
  revoke: (id: string) => api<ApiTokenView>('DELETE', `/api/api-tokens/${id}`),
};
