import { createCanvas } from '@napi-rs/canvas';
import type { Socket } from 'socket.io-client';
import { withGpsExif } from '../../../libs/disasters/src/demo-photo';
import { DEMO_USERS } from '../../../seeds/demo-organisation';
import { emitAck, type SignedIn, type TestServer } from '../../support/test-server';

export const DEMO_USERNAMES = DEMO_USERS.map((u) => u.username);

/** A real JPEG (8×8, drawn by @napi-rs/canvas) with EXIF GPS 39°6'N 141°36'E, as a phone's camera writes it. */
export function jpegWithGps(): Buffer {
  const canvas = createCanvas(8, 8);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#3366cc';
  ctx.fillRect(0, 0, 8, 8);
  return withGpsExif(canvas.toBuffer('image/jpeg'), 39.1, 141.6);
}

/** Retries a read until it holds (for what follows a domain event asynchronously, e.g. the directory sync). */
export async function eventually<T>(read: () => Promise<T>, holds: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (holds(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function declare(t: TestServer, who: SignedIn, body: Record<string, unknown>) {
  const res = await t.request('POST', '/api/disasters', { token: who.token, json: body });
  if (res.status !== 201) throw new Error(`declare: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; channelId: string; status: string; drill: boolean; [k: string]: any };
}

export async function ack(socket: Socket, messageId: string) {
  return emitAck(socket, 'disaster:ack', { messageId });
}
