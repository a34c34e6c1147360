import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { RedisClientType } from 'redis';
import { Adapter, MessageType, type BroadcastOptions, type ClusterAdapter, type Room } from 'socket.io-adapter';

/** Where the adapter writes (one stream for the one namespace) and how much of it Redis keeps. */
export const ADAPTER_STREAM = 'yakuba:socket.io';
const STREAM_MAX_LENGTH = 10_000;
/** An XREAD blocks this long: the reader's loop, and how long a closing node waits for its reader to notice. */
const READ_BLOCK_MS = 1_000;

type AdapterFactory = (nsp: unknown) => ClusterAdapter;
interface Publishing {
  publish(message: { type: MessageType; data: unknown }): void;
}

const encodeOptions = (opts: BroadcastOptions) => ({ rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags });

/**
 * The socket.io Redis **streams** adapter (docs/realtime.md "Several nodes": why streams, not pub/sub), delivering to
 * this node's own sockets first.
 *
 * socket.io's cluster adapter writes a broadcast (or a room join, leave, disconnect) to Redis and acts on this node's
 * own sockets only once Redis has answered. Acting locally first, then writing the same entry for the other nodes,
 * keeps what one process promised: an emit has reached the node's own sockets when the service answers (a sender
 * has its own `chat:message` before its acknowledgement), a socket is in its room before the state it must not miss
 * is read (`meeting:join`), and a slow or briefly absent Redis delays only the other nodes — never this one's
 * sockets. Entries leave in the order they were made (one connection), so the other nodes see them in that order.
 * Hand-written because the library has no option for it; it uses only the adapter's `publish` and the in-memory
 * adapter's own methods, as the cluster adapter itself does.
 */
export function redisStreamsAdapter(client: RedisClientType): AdapterFactory {
  const factory = createAdapter(client, {
    streamName: ADAPTER_STREAM,
    channelPrefix: ADAPTER_STREAM,
    maxLen: STREAM_MAX_LENGTH,
    blockTimeInMs: READ_BLOCK_MS,
    onlyPlaintext: true,
  }) as AdapterFactory;
  // socket.io calls it with `new` (a function that returns an object; an arrow function cannot be).
  return function localFirstAdapter(nsp: unknown): ClusterAdapter {
    const adapter = factory(nsp);
    const publish = (type: MessageType, data: unknown) => (adapter as unknown as Publishing).publish({ type, data });
    const local = (opts: BroadcastOptions) => opts.flags?.local === true;
    Object.assign(adapter, {
      broadcast(packet: unknown, opts: BroadcastOptions): void {
        if (!local(opts)) publish(MessageType.BROADCAST, { packet, opts: encodeOptions(opts) });
        Adapter.prototype.broadcast.call(adapter, packet, opts);
      },
      addSockets(opts: BroadcastOptions, rooms: Room[]): void {
        if (!local(opts)) publish(MessageType.SOCKETS_JOIN, { opts: encodeOptions(opts), rooms });
        Adapter.prototype.addSockets.call(adapter, opts, rooms);
      },
      delSockets(opts: BroadcastOptions, rooms: Room[]): void {
        if (!local(opts)) publish(MessageType.SOCKETS_LEAVE, { opts: encodeOptions(opts), rooms });
        Adapter.prototype.delSockets.call(adapter, opts, rooms);
      },
      disconnectSockets(opts: BroadcastOptions, close: boolean): void {
        if (!local(opts)) publish(MessageType.DISCONNECT_SOCKETS, { opts: encodeOptions(opts), close });
        Adapter.prototype.disconnectSockets.call(adapter, opts, close);
      },
    });
    return adapter;
  };
}
