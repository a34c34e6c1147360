import { useCallback, useEffect, useRef, useState } from 'react';
import { getSocket } from '../../api/socket';
import type { Ack, MeetingPointer, MeetingServerEvents, MeetingStateResult, PresentationState, SharedHighlight } from '@yakuba/contracts';

/**
 * The live session of one meeting: joins on connect (and again after every reconnect, so a tablet that slept
 * comes back on the presenter's page), keeps the state with the highest version, relays pointer and highlight.
 */
export function useMeetingSession(meetingId: string) {
  const [state, setState] = useState<PresentationState | null>(null);
  const [connected, setConnected] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pointer, setPointer] = useState<MeetingPointer | null>(null);
  const [highlight, setHighlight] = useState<SharedHighlight | null>(null);
  const latest = useRef<PresentationState | null>(null);

  const accept = useCallback((next: PresentationState) => {
    if (latest.current && next.version <= latest.current.version && next.meetingId === latest.current.meetingId) return;
    latest.current = next;
    setState(next);
  }, []);

  useEffect(() => {
    const socket = getSocket();
    latest.current = null;
    const join = () => {
      setConnected(true);
      socket.emit('meeting:join', { meetingId }, (res: Ack<MeetingStateResult>) => {
        if (res.ok) {
          // After a reconnect the server's state is the truth, even if this tablet saw a later version before.
          latest.current = null;
          accept(res.state);
          setError(null);
        } else setError(res.error.message);
      });
    };
    const onState = ({ state: next }: MeetingServerEvents['meeting:state']) => next.meetingId === meetingId && accept(next);
    const onPointer = (p: MeetingServerEvents['meeting:pointer']) => p.meetingId === meetingId && setPointer(p);
    const onHighlight = (h: MeetingServerEvents['meeting:highlight']) => h.meetingId === meetingId && setHighlight(h);
    const onDisconnect = () => setConnected(false);
    socket.on('connect', join);
    socket.on('disconnect', onDisconnect);
    socket.on('meeting:state', onState);
    socket.on('meeting:pointer', onPointer);
    socket.on('meeting:highlight', onHighlight);
    if (socket.connected) join();
    return () => {
      socket.emit('meeting:leave', { meetingId }, () => undefined);
      socket.off('connect', join);
      socket.off('disconnect', onDisconnect);
      socket.off('meeting:state', onState);
      socket.off('meeting:pointer', onPointer);
      socket.off('meeting:highlight', onHighlight);
    };
  }, [meetingId, accept]);

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

  return { state, connected, error, pointer, highlight, present, sendPointer, sendHighlight };
}
