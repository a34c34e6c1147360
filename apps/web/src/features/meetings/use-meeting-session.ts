import { useCallback, useEffect, useRef, useState } from 'react';
import { getSocket } from '../../api/socket';
import type {
  Ack,
  MeetingPointer,
  MeetingPresenceEntry,
  MeetingServerEvents,
  MeetingStateResult,
  PresentationState,
  SharedHighlight,
} from '@yakuba/contracts';

/** Where this tablet is: following the presenter, or browsing freely on a page (told to the presenter's panel). */
export interface FollowReport {
  following: boolean;
  documentId?: string;
  page?: number;
}

/**
 * The live session of one meeting: joins on connect (and again after every reconnect, so a tablet that slept
 * comes back on the presenter's page), keeps the state with the highest version, relays pointer and highlight,
 * tells the room whether this tablet follows (`meeting:follow`, again after each join) and keeps who is in the room.
 */
export function useMeetingSession(meetingId: string, report: FollowReport) {
  const [state, setState] = useState<PresentationState | null>(null);
  const [connected, setConnected] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pointer, setPointer] = useState<MeetingPointer | null>(null);
  const [highlight, setHighlight] = useState<SharedHighlight | null>(null);
  const [presence, setPresence] = useState<MeetingPresenceEntry[]>([]);
  const latest = useRef<PresentationState | null>(null);
  const joined = useRef(false);
  const lastReport = useRef(report);
  lastReport.current = report;

  const sendFollow = useCallback(
    (r: FollowReport) => joined.current && getSocket().emit('meeting:follow', { meetingId, ...r }, () => undefined),
    [meetingId],
  );

  const accept = useCallback((next: PresentationState) => {
    if (latest.current && next.version <= latest.current.version && next.meetingId === latest.current.meetingId) return;
    latest.current = next;
    setState(next);
  }, []);

  useEffect(() => {
    const socket = getSocket();
    latest.current = null;
    joined.current = false;
    const join = () => {
      setConnected(true);
      socket.emit('meeting:join', { meetingId }, (res: Ack<MeetingStateResult>) => {
        if (res.ok) {
          // After a reconnect the server's state is the truth, even if this tablet saw a later version before.
          latest.current = null;
          joined.current = true;
          accept(res.state);
          setError(null);
          // The server lists a new socket as following: a tablet that browses says so at once.
          if (!lastReport.current.following) sendFollow(lastReport.current);
        } else setError(res.error.message);
      });
    };
    const onState = ({ state: next }: MeetingServerEvents['meeting:state']) => next.meetingId === meetingId && accept(next);
    const onPointer = (p: MeetingServerEvents['meeting:pointer']) => p.meetingId === meetingId && setPointer(p);
    const onHighlight = (h: MeetingServerEvents['meeting:highlight']) => h.meetingId === meetingId && setHighlight(h);
    const onPresence = (p: MeetingServerEvents['meeting:presence']) => p.meetingId === meetingId && setPresence(p.participants);
    const onDisconnect = () => {
      joined.current = false;
      setConnected(false);
    };
    socket.on('connect', join);
    socket.on('disconnect', onDisconnect);
    socket.on('meeting:state', onState);
    socket.on('meeting:pointer', onPointer);
    socket.on('meeting:highlight', onHighlight);
    socket.on('meeting:presence', onPresence);
    if (socket.connected) join();
    return () => {
      joined.current = false;
      socket.emit('meeting:leave', { meetingId }, () => undefined);
      socket.off('connect', join);
      socket.off('disconnect', onDisconnect);
      socket.off('meeting:state', onState);
      socket.off('meeting:pointer', onPointer);
      socket.off('meeting:highlight', onHighlight);
      socket.off('meeting:presence', onPresence);
    };
  }, [meetingId, accept, sendFollow]);

  // Every change of following or of the freely browsed page goes to the presenter's panel.
  const { following, documentId, page } = report;
  useEffect(() => {
    sendFollow(following ? { following } : { following, documentId, page });
  }, [sendFollow, following, documentId, page]);

  const present = useCallback(
    (documentId: string, page: number, zoom?: number) =>
      new Promise<void>((resolve, reject) => {
        getSocket().emit('meeting:present', { meetingId, documentId, page, zoom }, (res: Ack<MeetingStateResult>) => {
          if (res.ok) {
            accept(res.state);
            resolve();
          } else reject(new Error(res.error.message));
        });
      }),
    [meetingId, accept],
  );

  const sendPointer = useCallback((p: MeetingPointer) => getSocket().volatile.emit('meeting:pointer', { meetingId, ...p }), [meetingId]);
  const sendHighlight = useCallback(
    (h: SharedHighlight) =>
      getSocket().emit('meeting:highlight', { meetingId, page: h.page, stroke: h.stroke ?? undefined }, () => undefined),
    [meetingId],
  );

  /** The organiser gives the presenter role to someone (`meeting:handover`); the room hears it as `meeting:state`. */
  const handOver = useCallback(
    (userId: string) =>
      new Promise<void>((resolve, reject) => {
        getSocket().emit('meeting:handover', { meetingId, userId }, (res: Ack<MeetingStateResult>) => {
          if (res.ok) {
            accept(res.state);
            resolve();
          } else reject(new Error(res.error.message));
        });
      }),
    [meetingId, accept],
  );

  return { state, connected, error, pointer, highlight, presence, present, handOver, sendPointer, sendHighlight };
}
