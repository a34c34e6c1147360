import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { DamageReportView, DisasterDutyView, DisasterServerEvents, SituationHistory, UrgentMessageSummary } from '@yakuba/contracts';
import { getSocket } from '../../api/socket';
import { useSession } from '../../auth/session';
import { primeAlertSound } from './alert-sound';
import { DisasterStore } from './disaster-store';
import { disasterKeys, putDisaster, refreshSoon } from './disasters-queries';

const StoreContext = createContext<DisasterStore | null>(null);

/**
 * Mounted once by the shell around every page: the urgent-message store (overlay, receipts, offline outbox) and the
 * socket listeners that keep the disaster queries current wherever they are shown.
 */
export function DisastersProvider({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const [store, setStore] = useState<DisasterStore | null>(null);
  useEffect(() => {
    if (!user) return;
    const next = new DisasterStore({ id: user.id }, getSocket());
    next.start();
    setStore(next);
    return () => {
      next.stop();
      setStore(null);
    };
  }, [user?.id]); // eslint-disable-line react-hooks/exhaustive-deps
  useLiveDisasterQueries(!!user);
  // Browsers play sound only after a gesture: the first click or key press unlocks it for later alerts.
  useEffect(() => {
    const unlock = () => primeAlertSound();
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, []);
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store (null before sign-in), re-rendering the caller whenever it changes. */
export function useDisasterStore(): DisasterStore | null {
  const store = useContext(StoreContext);
  useSyncExternalStore(store?.subscribe ?? noopSubscribe, store?.getVersion ?? zero);
  return store;
}
const noopSubscribe = () => () => undefined;
const zero = () => 0;

/** Socket events → the query cache: lists and boards patched at once, the rest refreshed soon after. */
function useLiveDisasterQueries(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const socket = getSocket();
    const onDisaster = ({ disaster }: DisasterServerEvents['disaster:declared']) => putDisaster(queryClient, disaster);
    const onAck = ({ disasterId, receipt, counts }: DisasterServerEvents['disaster:ack']) => {
      queryClient.setQueryData<UrgentMessageSummary[]>(disasterKeys.urgent(disasterId), (list) =>
        list?.map((m) => (m.messageId === receipt.messageId ? { ...m, counts } : m)),
      );
      refreshSoon(queryClient, disasterKeys.acks(disasterId, receipt.messageId));
    };
    // Officers hear each answer, other staff its counts only: either way the tally is read again.
    const onRollCall = ({ disasterId }: DisasterServerEvents['disaster:roll-call-count']) =>
      refreshSoon(queryClient, disasterKeys.rollCall(disasterId));
    const onDuty = ({ disasterId, duty }: DisasterServerEvents['disaster:duty']) =>
      queryClient.setQueryData<DisasterDutyView[]>(disasterKeys.duties(disasterId), (list) =>
        list ? (list.some((d) => d.id === duty.id) ? list.map((d) => (d.id === duty.id ? duty : d)) : [...list, duty]) : list,
      );
    const onDamage = ({ disasterId, report }: DisasterServerEvents['disaster:damage']) => {
      // Every filtered list holding the report gets its new state; the filters are applied again by a refresh.
      queryClient.setQueriesData<DamageReportView[]>({ queryKey: disasterKeys.damage(disasterId) }, (list) =>
        list ? (list.some((r) => r.id === report.id) ? list.map((r) => (r.id === report.id ? report : r)) : [report, ...list]) : list,
      );
      refreshSoon(queryClient, disasterKeys.damage(disasterId), 1000);
    };
    const onSituation = ({ disasterId, report }: DisasterServerEvents['disaster:situation']) =>
      queryClient.setQueryData<SituationHistory>(disasterKeys.situation(disasterId), (old) =>
        old && (!old.current || old.current.version < report.version) ? { current: report, history: [report, ...old.history] } : old,
      );
    const onTimeline = ({ disasterId }: { disasterId: string }) => refreshSoon(queryClient, disasterKeys.timeline(disasterId), 2000);
    // A new urgent message appears on the officer's list as soon as it is sent.
    const onMessage = ({ message }: { message: { urgent?: boolean; channelId: string } }) => {
      if (!message.urgent) return;
      void queryClient.invalidateQueries({ queryKey: ['disasters', 'of'], predicate: (q) => q.queryKey[3] === 'urgent' });
    };
    socket.on('disaster:declared', onDisaster);
    socket.on('disaster:updated', onDisaster);
    socket.on('disaster:closed', onDisaster);
    socket.on('disaster:ack', onAck);
    socket.on('disaster:roll-call', onRollCall);
    socket.on('disaster:roll-call-count', onRollCall);
    socket.on('disaster:duty', onDuty);
    socket.on('disaster:damage', onDamage);
    socket.on('disaster:situation', onSituation);
    socket.on('disaster:duty', onTimeline);
    socket.on('disaster:damage', onTimeline);
    socket.on('disaster:situation', onTimeline);
    socket.on('chat:message', onMessage);
    // After a reconnect the active list may have changed while this tab was away.
    const onConnect = () => void queryClient.invalidateQueries({ queryKey: disasterKeys.active });
    socket.on('connect', onConnect);
    return () => {
      socket.off('disaster:declared', onDisaster);
      socket.off('disaster:updated', onDisaster);
      socket.off('disaster:closed', onDisaster);
      socket.off('disaster:ack', onAck);
      socket.off('disaster:roll-call', onRollCall);
      socket.off('disaster:roll-call-count', onRollCall);
      socket.off('disaster:duty', onDuty);
      socket.off('disaster:damage', onDamage);
      socket.off('disaster:situation', onSituation);
      socket.off('disaster:duty', onTimeline);
      socket.off('disaster:damage', onTimeline);
      socket.off('disaster:situation', onTimeline);
      socket.off('chat:message', onMessage);
      socket.off('connect', onConnect);
    };
  }, [enabled, queryClient]);
}

/**
 * While a disaster page is open: join its room (`disaster:watch`) for the live boards, again after every reconnect,
 * and leave it when the page closes.
 */
export function useWatchDisaster(disasterId: string): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!disasterId) return;
    const socket = getSocket();
    const watch = () => {
      socket.emit('disaster:watch', { disasterId }, () => undefined);
      // Whatever moved while the room was not followed.
      void queryClient.invalidateQueries({ queryKey: disasterKeys.of(disasterId) });
    };
    if (socket.connected) socket.emit('disaster:watch', { disasterId }, () => undefined);
    socket.on('connect', watch);
    return () => {
      socket.off('connect', watch);
      if (socket.connected) socket.emit('disaster:unwatch', { disasterId }, () => undefined);
    };
  }, [disasterId, queryClient]);
}
