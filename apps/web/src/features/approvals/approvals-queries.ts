import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import type { ApprovalChangedEvent, ApprovalSearchQuery, ApprovalView, InboxCounts } from '@yakuba/contracts';
import { getSocket } from '../../api/socket';
import { useSession } from '../../auth/session';
import { approvalsApi } from './approvals-api';

/** 電子決裁 through the query cache; `approvals:changed` (to everyone concerned) keeps it current. */
export const approvalsKeys = {
  all: ['approvals'] as const,
  counts: ['approvals', 'counts'] as const,
  inbox: ['approvals', 'inbox'] as const,
  /** Under the inbox key: refreshed whenever the inbox is. */
  acted: (offset: number) => ['approvals', 'inbox', 'acted', offset] as const,
  detail: (id: string) => ['approvals', 'detail', id] as const,
  types: ['approvals', 'types'] as const,
  authority: ['approvals', 'authority'] as const,
  prefixes: ['approvals', 'prefixes'] as const,
  absences: ['approvals', 'absences'] as const,
  search: (q: ApprovalSearchQuery) => ['approvals', 'search', q] as const,
  retention: (fy: number) => ['approvals', 'retention', fy] as const,
};

export const useInboxCounts = (enabled: boolean) =>
  useQuery({ queryKey: approvalsKeys.counts, queryFn: approvalsApi.counts, enabled, staleTime: 30_000 });
export const useInbox = () => useQuery({ queryKey: approvalsKeys.inbox, queryFn: approvalsApi.inbox, staleTime: 10_000 });
export const ACTED_PAGE = 50;
export const useActed = (offset: number, enabled: boolean) =>
  useQuery({
    queryKey: approvalsKeys.acted(offset),
    queryFn: () => approvalsApi.acted(ACTED_PAGE, offset),
    enabled,
    staleTime: 10_000,
  });
export const useApproval = (id: string | undefined) =>
  useQuery({ queryKey: approvalsKeys.detail(id ?? ''), queryFn: () => approvalsApi.get(id!), enabled: !!id, staleTime: 5_000 });
export const useDocumentTypes = () => useQuery({ queryKey: approvalsKeys.types, queryFn: approvalsApi.types, staleTime: 5 * 60_000 });
export const useAuthorityTable = () => useQuery({ queryKey: approvalsKeys.authority, queryFn: approvalsApi.authorityTable });
export const usePrefixes = () => useQuery({ queryKey: approvalsKeys.prefixes, queryFn: approvalsApi.prefixes });
export const useAbsences = () => useQuery({ queryKey: approvalsKeys.absences, queryFn: approvalsApi.absences });

/**
 * The navigation badge's data and the live link: counts come with every `approvals:changed` this person receives;
 * the inbox and that approval are marked stale so an open screen refetches. Mounted once, by the shell's badge.
 */
export function useApprovalsLive(): InboxCounts | undefined {
  const { user, can } = useSession();
  const enabled = !!user && can('approvals.use');
  const queryClient = useQueryClient();
  const counts = useInboxCounts(enabled).data;
  useEffect(() => {
    if (!enabled) return;
    const socket = getSocket();
    const onChanged = (e: ApprovalChangedEvent) => {
      queryClient.setQueryData(approvalsKeys.counts, e.counts);
      void queryClient.invalidateQueries({ queryKey: approvalsKeys.inbox });
      void queryClient.invalidateQueries({ queryKey: approvalsKeys.detail(e.approvalId) });
      void queryClient.invalidateQueries({ queryKey: ['approvals', 'search'] });
    };
    // A reconnect may have missed events: ask again.
    const onConnect = () => void queryClient.invalidateQueries({ queryKey: approvalsKeys.counts });
    socket.on('approvals:changed', onChanged);
    socket.on('connect', onConnect);
    return () => {
      socket.off('approvals:changed', onChanged);
      socket.off('connect', onConnect);
    };
  }, [enabled, queryClient]);
  return counts;
}

/** After a write: the answer into the cache, and the lists and counts stale. */
export function useApprovalChanged(): (next?: ApprovalView) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(
    async (next?: ApprovalView) => {
      if (next) queryClient.setQueryData(approvalsKeys.detail(next.id), next);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: approvalsKeys.inbox }),
        queryClient.invalidateQueries({ queryKey: approvalsKeys.counts }),
      ]);
    },
    [queryClient],
  );
}
