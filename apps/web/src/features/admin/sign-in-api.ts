import type { LoginThrottleView } from '@yakuba/contracts';
import { api } from '../../api/client';

/** Sign-in delays (administrators): who is being slowed down, and releasing them. */
export const signInApi = {
  throttles: () => api<LoginThrottleView[]>('GET', '/api/auth/throttles'),
  release: (target: { username?: string; ip?: string }) => api<{ cleared: number }>('POST', '/api/auth/throttles/clear', target),
};
