import { io, type Socket } from 'socket.io-client';

let socket: Socket | undefined;

/** One Socket.IO connection per tab, authenticated by the session cookie at the handshake. */
export function getSocket(): Socket {
  socket ??= io({ path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
  return socket;
}

export function closeSocket(): void {
  socket?.disconnect();
  socket = undefined;
}
