import { execFileSync } from 'node:child_process';
import { createDecipheriv, createECDH, hkdfSync, randomBytes, type ECDH } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChannel, send } from '../chat/chat-helpers';
import { TestServer, type SignedIn } from '../support/test-server';

/**
 * A stand-in for a browser's push service on 127.0.0.1 (HTTPS with a throwaway certificate, trusted by the server
 * through WEB_PUSH_CA_FILE): it records every POST, answers 201, and 410 under /gone/ (a subscription the browser
 * dropped). Each recorded body is decrypted as the browser would (RFC 8291 aes128gcm) with the device's keys.
 */
class FakePushService {
  readonly received: { path: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
  private readonly waiters: { path: string; after: number; resolve: () => void }[] = [];
  private server?: Server;
  url = '';

  async start(cert: { key: Buffer; cert: Buffer }): Promise<void> {
    this.server = createServer(cert, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(req.url?.startsWith('/gone/') ? 410 : 201).end();
        for (const w of [...this.waiters]) {
          if (this.to(w.path).length > w.after) {
            this.waiters.splice(this.waiters.indexOf(w), 1);
            w.resolve();
          }
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  to(path: string) {
    return this.received.filter((r) => r.path === path);
  }

  /** Resolves with the next POST to `path` (after the `after` already received there). */
  async next(path: string, after = this.to(path).length, timeoutMs = 10_000) {
    if (this.to(path).length <= after)
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no push to ${path} within ${timeoutMs} ms`)), timeoutMs);
        this.waiters.push({ path, after, resolve: () => (clearTimeout(timer), resolve()) });
      });
    return this.to(path)[after];
  }

  close(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

interface Device {
  ecdh: ECDH;
  auth: Buffer;
  path: string;
  subscription: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
}

function device(service: FakePushService, path: string): Device {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    path,
    subscription: {
      endpoint: `${service.url}${path}`,
      expirationTime: null,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
    },
  };
}

/** What the browser would hand the service worker: RFC 8291 key derivation, RFC 8188 aes128gcm, one record. */
function decrypt(d: Device, body: Buffer): Record<string, unknown> {
  const salt = body.subarray(0, 16);
  const idLength = body[20];
  const serverKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const ecdhSecret = d.ecdh.computeSecret(serverKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), d.ecdh.getPublicKey(), serverKey]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, d.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const plain = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  let end = plain.length - 1;
  while (end > 0 && plain[end] === 0) end--;
  expect(plain[end]).toBe(2); // the last record's padding delimiter
  return JSON.parse(plain.subarray(0, end).toString('utf8')) as Record<string, unknown>;
}

describe('Web Push (enabled, against a local push service)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yakuba-push-'));
  const service = new FakePushService();
  let t: TestServer;
  let sato: SignedIn;
  let kato: SignedIn;
  let suzuki: SignedIn;
  let devices: Record<'sato' | 'kato' | 'suzuki', Device>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    await service.start({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) });
    t = await TestServer.start({ WEB_PUSH_ENABLED: 'true', WEB_PUSH_ALLOWED_HOSTS: '127.0.0.1', WEB_PUSH_CA_FILE: join(dir, 'cert.pem') });
    [sato, kato, suzuki] = await Promise.all([t.login('sato.somu'), t.login('kato.zeimu'), t.login('suzuki.somu')]);
    devices = { sato: device(service, '/push/sato'), kato: device(service, '/push/kato'), suzuki: device(service, '/push/suzuki') };
  });
  afterAll(async () => {
    await t?.close();
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the VAPID public key, generated once into DATA_DIR', async () => {
    const res = await t.request('GET', '/api/push/config', { token: kato.token });
    expect(res.status).toBe(200);
    expect(res.body.enabled).toBe(true);
    expect(Buffer.from(res.body.publicKey, 'base64url')).toHaveLength(65);
    expect(JSON.parse(readFileSync(join(t.dataDir, 'vapid-keys.json'), 'utf8')).publicKey).toBe(res.body.publicKey);
    expect((await t.request('GET', '/api/push/config')).status).toBe(401);
  });

  it('refuses bad subscriptions with 400 and stores nothing', async () => {
    const good = devices.kato.subscription;
    const bad: unknown[] = [
      {},
      null,
      [],
      'x',
      { endpoint: good.endpoint },
      { ...good, keys: null },
      { ...good, keys: 'x' },
      { ...good, endpoint: 42 },
      { ...good, endpoint: 'x'.repeat(3000) },
      { ...good, endpoint: `http://127.0.0.1/push/x` },
      { ...good, endpoint: 'https://intranet.town.example.lg.jp/push' },
      { ...good, endpoint: 'not a url' },
      { ...good, keys: { ...good.keys, p256dh: Buffer.from([4, 1, 2]).toString('base64url') } },
      { ...good, keys: { ...good.keys, auth: 'short' } },
      { ...good, keys: { p256dh: good.keys.p256dh } },
      { ...good, extra: true },
      { ...good, expirationTime: 'soon' },
    ];
    for (const json of bad) {
      const res = await t.request('POST', '/api/push/subscriptions', { token: kato.token, json });
      expect([res.status, json]).toEqual([400, json]);
    }
    expect(await t.query('SELECT count(*)::int AS n FROM push_subscriptions')).toEqual([{ n: 0 }]);
  });

  it('stores one subscription per device, lists only the caller’s, and deletes only the caller’s', async () => {
    for (const [name, who] of [['sato', sato], ['kato', kato], ['suzuki', suzuki]] as const) {
      const res = await t.request('POST', '/api/push/subscriptions', { token: who.token, json: devices[name].subscription, headers: { 'user-agent': `test ${name}` } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ endpointHost: '127.0.0.1', userAgent: `test ${name}`, lastSuccessAt: null });
      expect(JSON.stringify(res.body)).not.toContain('/push/');
      ids[name] = res.body.id;
    }
    // The same device again (a reload) is the same row.
    const again = await t.request('POST', '/api/push/subscriptions', { token: kato.token, json: devices.kato.subscription });
    expect(again.body.id).toBe(ids.kato);
    const mine = await t.request('GET', '/api/push/subscriptions', { token: kato.token });
    expect(mine.body.map((s: { id: string }) => s.id)).toEqual([ids.kato]);
    expect((await t.request('DELETE', `/api/push/subscriptions/${ids.suzuki}`, { token: kato.token })).status).toBe(404);
    expect((await t.request('DELETE', '/api/push/subscriptions/not-a-uuid', { token: kato.token })).status).toBe(404);
    expect(await t.query('SELECT count(*)::int AS n FROM push_subscriptions')).toEqual([{ n: 3 }]);
  });

  it('pushes an urgent disaster message to every subscribed member but its author, encrypted, with high urgency', async () => {
    const declared = await t.request('POST', '/api/disasters', { token: sato.token, json: { title: 'プッシュ訓練', kind: 'earthquake', level: 3, drill: true } });
    expect(declared.status).toBe(201);
    const katoPush = service.next('/push/kato');
    const suzukiPush = service.next('/push/suzuki');
    const urgent = await t.request('POST', `/api/disasters/${declared.body.id}/urgent`, { token: sato.token, json: { body: '**全職員** 安否を報告してください' } });
    expect(urgent.status).toBe(201);
    const [toKato, toSuzuki] = await Promise.all([katoPush, suzukiPush]);
    expect(toKato.headers).toMatchObject({ 'content-encoding': 'aes128gcm', urgency: 'high', ttl: '86400' });
    expect(toKato.headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
    const payload = decrypt(devices.kato, toKato.body);
    expect(payload).toEqual({
      title: expect.stringMatching(/^【緊急】.*プッシュ訓練/),
      body: '全職員 安否を報告してください',
      tag: urgent.body.message.id,
      path: `/chat/${declared.body.channelId}`,
      urgent: true,
    });
    expect(decrypt(devices.suzuki, toSuzuki.body)).toMatchObject({ urgent: true, tag: urgent.body.message.id });
    expect(service.to('/push/sato')).toHaveLength(0);
  });

  it('pushes an @mention to the person named only, and nothing for an ordinary message', async () => {
    const channel = await createChannel(t, kato, 'private', [sato, suzuki], '予算資料');
    const socket = await t.socket({ token: kato.token });
    const before = { sato: service.to('/push/sato').length, suzuki: service.to('/push/suzuki').length };
    await send(socket, channel.id, 'おはようございます');
    const pushed = service.next('/push/suzuki', before.suzuki);
    const mention = await send(socket, channel.id, '@suzuki.somu 予算資料を確認してください');
    const toSuzuki = await pushed;
    expect(toSuzuki.headers).toMatchObject({ urgency: 'normal', ttl: '3600' });
    expect(decrypt(devices.suzuki, toSuzuki.body)).toEqual({
      title: '加藤 浩 — 予算資料',
      body: '@suzuki.somu 予算資料を確認してください',
      tag: mention.id,
      path: `/chat/${channel.id}`,
      urgent: false,
    });
    expect(service.to('/push/suzuki')).toHaveLength(before.suzuki + 1);
    expect(service.to('/push/sato')).toHaveLength(before.sato);
    expect(service.to('/push/kato').filter((r) => (decrypt(devices.kato, r.body).tag as string) === mention.id)).toHaveLength(0);
  });

  it('forgets a subscription the push service says is gone, on the test notification', async () => {
    const gone = device(service, '/gone/kato-old-phone');
    expect((await t.request('POST', '/api/push/subscriptions', { token: kato.token, json: gone.subscription })).status).toBe(201);
    const res = await t.request('POST', '/api/push/test', { token: kato.token });
    expect(res.body).toEqual({ sent: 1, failed: 0, removed: 1 });
    const mine = await t.request('GET', '/api/push/subscriptions', { token: kato.token });
    expect(mine.body).toEqual([expect.objectContaining({ id: ids.kato, lastSuccessAt: expect.any(String) })]);
  });

  it('deletes the caller’s own subscription, after which nothing is pushed to it', async () => {
    expect((await t.request('DELETE', `/api/push/subscriptions/${ids.suzuki}`, { token: suzuki.token })).status).toBe(204);
    expect((await t.request('GET', '/api/push/subscriptions', { token: suzuki.token })).body).toEqual([]);
    expect((await t.request('POST', '/api/push/test', { token: suzuki.token })).body).toEqual({ sent: 0, failed: 0, removed: 0 });
  });
});

describe('Web Push (off by default)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await TestServer.start();
  });
  afterAll(() => t?.close());

  it('says it is off, and refuses subscriptions and tests with 409', async () => {
    const staff = await t.login('kato.zeimu');
    expect((await t.request('GET', '/api/push/config', { token: staff.token })).body).toEqual({ enabled: false, publicKey: null });
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const json = { endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') } };
    expect((await t.request('POST', '/api/push/subscriptions', { token: staff.token, json })).status).toBe(409);
    expect((await t.request('POST', '/api/push/test', { token: staff.token })).status).toBe(409);
    expect(await t.query('SELECT count(*)::int AS n FROM push_subscriptions')).toEqual([{ n: 0 }]);
  });
});
