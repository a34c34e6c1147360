import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { DisasterView } from '@yakuba/contracts';
import { disastersApi, type DamageFilter } from './disasters-api';

/**
 * Disasters through the query cache. The socket keeps them current (disaster-live.tsx): declarations and closings
 * rewrite the active list at once; receipts, answers, duties and damage reports patch or refresh the boards.
 */
export const disasterKeys = {
  all: ['disasters'] as const,
  active: ['disasters', 'active'] as const,
  list: ['disasters', 'list'] as const,
  mine: ['disasters', 'urgent-mine'] as const,
  plan: ['disasters', 'plan'] as const,
  detail: (id: string) => ['disasters', 'detail', id] as const,
  of: (id: string) => ['disasters', 'of', id] as const,
  urgent: (id: string) => ['disasters', 'of', id, 'urgent'] as const,
  acks: (id: string, messageId: string) => ['disasters', 'of', id, 'acks', messageId] as const,
  rollCall: (id: string) => ['disasters', 'of', id, 'roll-call'] as const,
  duties: (id: string) => ['disasters', 'of', id, 'duties'] as const,
  damage: (id: string) => ['disasters', 'of', id, 'damage'] as const,
  damageList: (id: string, filter: DamageFilter) => ['disasters', 'of', id, 'damage', filter] as const,
  situation: (id: string) => ['disasters', 'of', id, 'situation'] as const,
  timeline: (id: string) => ['disasters', 'of', id, 'timeline'] as const,
  guests: (id: string) => ['disasters', 'of', id, 'guests'] as const,
  people: (id: string) => ['disasters', 'of', id, 'people'] as const,
};

const NONE: DisasterView[] = [];

/** The active disasters (banners): the socket keeps this list exact, so it is never refetched on its own. */
export function useActiveDisasters(enabled = true): DisasterView[] {
  return useQuery({ queryKey: disasterKeys.active, queryFn: disastersApi.active, staleTime: Infinity, enabled }).data ?? NONE;
}

export function useDisaster(id: string) {
  return useQuery({ queryKey: disasterKeys.detail(id), queryFn: () => disastersApi.get(id), enabled: !!id, staleTime: 30_000 });
}

/** A declared, updated or closed disaster into every list that holds it. */
export function putDisaster(queryClient: QueryClient, disaster: DisasterView): void {
  // A list still loading (or reloading) may have been read before this event: its answer would drop the event, so
  // it is asked again instead (invalidating cancels the request in flight).
  const active = queryClient.getQueryState(disasterKeys.active);
  if (active && (active.data === undefined || active.fetchStatus === 'fetching')) void queryClient.invalidateQueries({ queryKey: disasterKeys.active });
  queryClient.setQueryData<DisasterView[]>(disasterKeys.active, (list) => {
    if (!list) return list;
    const rest = list.filter((d) => d.id !== disaster.id);
    return disaster.status === 'active' ? [disaster, ...rest] : rest;
  });
  queryClient.setQueryData<DisasterView>(disasterKeys.detail(disaster.id), (old) => (old ? { ...disaster, canRun: old.canRun } : old));
  void queryClient.invalidateQueries({ queryKey: disasterKeys.list });
}

/**
 * Refreshes a board at most twice a second: two hundred acknowledgements arriving in a burst cost a few requests,
 * not two hundred. The pushed event already carries the headline counts (patched at once by the caller).
 */
const scheduled = new Map<string, ReturnType<typeof setTimeout>>();
export function refreshSoon(queryClient: QueryClient, queryKey: readonly unknown[], delay = 500): void {
  const key = JSON.stringify(queryKey);
  if (scheduled.has(key)) return;
  scheduled.set(
    key,
    setTimeout(() => {
      scheduled.delete(key);
      void queryClient.invalidateQueries({ queryKey });
    }, delay),
  );
}

/** The channel's members by name: for guests (no directory) and for guests' names shown to staff. */
export function usePeople(disasterId: string | undefined) {
  return useQuery({
    queryKey: disasterKeys.people(disasterId ?? ''),
    queryFn: () => disastersApi.people(disasterId ?? ''),
    enabled: !!disasterId,
    staleTime: 60_000,
  });
}
