import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@yakuba/contracts';

/** The tab's connection, typed by the contract's event maps: an event or payload outside them does not compile. */
export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: AppSocket | undefined;

/** One Socket.IO connection per tab, authenticated by the session cookie at the handshake. */
export function getSocket(): AppSocket {
  socket ??= io({ path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
  return socket;
}

export function closeSocket(): void {
  socket?.disconnect();
  socket = undefined;
}
