import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';

/**
 * The app's one query cache for the REST screens. Data stays fresh for a minute (the directory, a meeting list),
 * so moving between pages does not refetch it; what the realtime socket keeps current (chat) is not in here.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      refetchOnWindowFocus: false,
      // 4xx answers do not change by asking again.
      retry: (failures, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && failures < 2,
    },
  },
});
