import type { Socket } from 'socket.io-client';
import { emitAck, type SignedIn, type TestServer } from '../support/test-server';

let counter = 0;
export const clientId = (prefix = 'c') => `${prefix}-${process.pid}-${Date.now()}-${++counter}`;

export async function createChannel(
  t: TestServer,
  owner: SignedIn,
  type: 'public' | 'private' | 'direct',
  members: SignedIn[],
  name = `test-${++counter}`,
) {
  const res = await t.request('POST', '/api/chat/channels', {
    token: owner.token,
    json: { name, type, memberIds: members.map((m) => m.user.id) },
  });
  if (res.status !== 201) throw new Error(`create channel: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; name: string; type: string };
}

export async function send(socket: Socket, channelId: string, body: string, extra: Record<string, unknown> = {}) {
  const res = await emitAck(socket, 'chat:send', { channelId, clientMsgId: clientId(), body, ...extra });
  if (!res.ok) throw new Error(`chat:send: ${JSON.stringify(res.error)}`);
  return res.message as { id: string; seq: number; channelId: string; body: string; clientMsgId: string; [field: string]: any };
}

/** Collects every event of a name on a socket, for asserting on what arrived (and what did not). */
export function collect<T = any>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

/** Resolves once `n` events matching the predicate have been collected. */
export async function until<T>(seen: T[], predicate: (all: T[]) => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!predicate(seen)) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms (have ${seen.length})`);
    await new Promise((r) => setImmediate(r));
  }
}
