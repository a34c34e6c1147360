import { createCanvas } from '@napi-rs/canvas';
import type { Socket } from 'socket.io-client';
import { DEMO_USERS } from '../../../seeds/demo-organisation';
import { emitAck, type SignedIn, type TestServer } from '../../support/test-server';

export const DEMO_USERNAMES = DEMO_USERS.map((u) => u.username);

/**
 * A real JPEG (8×8, drawn by @napi-rs/canvas) with an EXIF APP1 segment whose GPS IFD says 39°6'N 141°36'E, as a
 * phone's camera writes it: little-endian TIFF, IFD0 pointing to the GPS IFD, degrees/minutes/seconds as rationals.
 */
export function jpegWithGps(): Buffer {
  const canvas = createCanvas(8, 8);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#3366cc';
  ctx.fillRect(0, 0, 8, 8);
  const jpeg = canvas.toBuffer('image/jpeg');
  const tiff = Buffer.alloc(128);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  // IFD0: one entry, GPSInfo → 26.
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x8825, 10);
  tiff.writeUInt16LE(4, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt32LE(26, 18);
  tiff.writeUInt32LE(0, 22);
  // GPS IFD at 26: four entries.
  tiff.writeUInt16LE(4, 26);
  const entry = (i: number, tag: number, type: number, count: number, value: (at: number) => void) => {
    const at = 28 + i * 12;
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    value(at + 8);
  };
  entry(0, 1, 2, 2, (at) => tiff.write('N\0', at, 'latin1'));
  entry(1, 2, 5, 3, (at) => tiff.writeUInt32LE(80, at));
  entry(2, 3, 2, 2, (at) => tiff.write('E\0', at, 'latin1'));
  entry(3, 4, 5, 3, (at) => tiff.writeUInt32LE(104, at));
  tiff.writeUInt32LE(0, 28 + 48);
  const rationals = (at: number, values: number[]) =>
    values.forEach((v, i) => {
      tiff.writeUInt32LE(v, at + i * 8);
      tiff.writeUInt32LE(1, at + i * 8 + 4);
    });
  rationals(80, [39, 6, 0]);
  rationals(104, [141, 36, 0]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
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
