import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { MeetingDetail } from '@yakuba/contracts';
import { meetingsApi } from './meetings-api';

/** Meetings through the query cache: the list, the town-wide KPI (also on the home page) and each meeting. */
export const meetingsKeys = {
  all: ['meetings'] as const,
  list: ['meetings', 'list'] as const,
  stats: ['meetings', 'stats'] as const,
  detail: (id: string) => ['meetings', 'detail', id] as const,
};

export const meetingListQuery = { queryKey: meetingsKeys.list, queryFn: meetingsApi.list };
export const paperStatsQuery = { queryKey: meetingsKeys.stats, queryFn: meetingsApi.stats };
export const meetingQuery = (id: string) => ({ queryKey: meetingsKeys.detail(id), queryFn: () => meetingsApi.get(id), enabled: !!id });

export function useMeeting(id: string) {
  return useQuery(meetingQuery(id));
}

/**
 * After a write: put the answer in the cache when the server returned the meeting, and mark the list, the KPI and
 * the meeting stale (document counts, status and paper saved change with them).
 */
export function useMeetingChanged(): (next?: MeetingDetail) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(
    async (next?: MeetingDetail) => {
      if (next) queryClient.setQueryData(meetingsKeys.detail(next.id), next);
      await queryClient.invalidateQueries({ queryKey: meetingsKeys.all });
    },
    [queryClient],
  );
}
