import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { MeetingDetail, MeetingViewerSettings } from '@yakuba/contracts';
import { meetingsApi } from './meetings-api';

/** Meetings through the query cache: the list, the town-wide KPI (also on the home page) and each meeting. */
export const meetingsKeys = {
  all: ['meetings'] as const,
  list: ['meetings', 'list'] as const,
  stats: ['meetings', 'stats'] as const,
  detail: (id: string) => ['meetings', 'detail', id] as const,
  viewerSettings: ['meetings', 'viewer-settings'] as const,
};

export const meetingListQuery = { queryKey: meetingsKeys.list, queryFn: meetingsApi.list };
export const paperStatsQuery = { queryKey: meetingsKeys.stats, queryFn: meetingsApi.stats };
export const meetingQuery = (id: string) => ({ queryKey: meetingsKeys.detail(id), queryFn: () => meetingsApi.get(id), enabled: !!id });
/** The reader's fit: asked once per session (the room and opening-page.ts's preload share it). */
export const viewerSettingsQuery = { queryKey: meetingsKeys.viewerSettings, queryFn: meetingsApi.viewerSettings, staleTime: Infinity };

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

/**
 * The reader's fit (width or page), kept on the server per user so every tablet and desktop of theirs opens the room
 * the same way. Changed optimistically: the page refits at once, the server is told after.
 */
export function useViewerSettings() {
  const queryClient = useQueryClient();
  const query = useQuery(viewerSettingsQuery);
  const mutation = useMutation({
    mutationFn: meetingsApi.saveViewerSettings,
    onMutate: (next: MeetingViewerSettings) => queryClient.setQueryData(meetingsKeys.viewerSettings, next),
    onSuccess: (saved) => queryClient.setQueryData(meetingsKeys.viewerSettings, saved),
  });
  // Loaded: answered, or failed and not being asked again (a preload refused before sign-in is asked again on mount).
  return { settings: query.data, loaded: query.isSuccess || (query.isFetched && !query.isFetching), save: mutation.mutate };
}
