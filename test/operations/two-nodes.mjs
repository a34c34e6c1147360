// Two nodes, one dies (issue #12): two server processes (the built dist/) on one PostgreSQL and one redis-server,
// Debian's nginx in front with deploy/nginx/yakuba.conf, and clients on both nodes: chat with outboxes (WebSocket and
// long-polling), a meeting presentation (the presenter on the node that dies, followers on both) and disaster
// acknowledgements. The presenter's node is killed with SIGKILL mid-load; its clients reconnect through nginx to the
// other node. Then: every acknowledged message is stored once, seq is gap-free, every client converges through
// chat:sync, every follower holds the meeting's exact state, the presenter's panel lists the followers of both nodes
// (one browsing freely) before the kill and drops the dead node's sockets after it, and the acknowledgement counts
// are exact. Before the load, small checks that what happens on one node reaches sockets on the other (a message,
// session:revoked after a logout, presence, sign-in throttling, a meeting room's panel and presenter), that the
// client's address behind nginx is the one nginx saw (HTTP and socket handshake; a forged X-Forwarded-For is
// ignored), and a Redis restart mid-traffic: SIGKILL, start again on the same port, nothing refused, convergence.
//
//   node test/operations/two-nodes.mjs [--clients 10] [--messages 1000] [--json out.json]
//
// Plain Node ESM like test/campaigns/chaos.mjs: it owns processes (PostgreSQL, Redis, nginx, two servers) that a
// jest worker must not share. test/operations/two-nodes.e2e-spec.ts runs it.
import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { io } from 'socket.io-client';
import { ensureServerBuild, freePort, ROOT, DEMO_PASSWORD } from '../bench/bench-lib.mjs';
import { keepOutput, startNginx as startNginx_, startNode as startNode_, startRedis as startRedis_, until } from '../bench/cluster-lib.mjs';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .join(' ')
    .split('--')
    .filter(Boolean)
    .map((part) => part.trim().split(/\s+/)),
);
const CLIENTS = Number(args.clients ?? 10);
const MESSAGES = Number(args.messages ?? 1000);
const IN_FLIGHT = 4;
const log = (message) => process.stderr.write(`[two-nodes ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

const failures = [];
const fail = (message) => {
  if (failures.length < 100) failures.push(message);
};
const processes = [];
let database;
const work = mkdtempSync(join(tmpdir(), 'yakuba-two-nodes-'));

/** Resolves with the first matching `event` on the socket, or rejects after `ms`. */
function next(socket, event, predicate = () => true, ms = 10_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const handler = (payload) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}
const connected = (socket) => (socket.connected ? Promise.resolve() : new Promise((resolve) => socket.once('connect', resolve)));

// ---------------------------------------------------------------- processes

function own(name, child) {
  const entry = keepOutput(name, child);
  processes.push(entry);
  return entry;
}
const startRedis = () => startRedis_({ dir: work, track: own });
const startNode = (name, env) => startNode_({ name, env, track: own });
const startNginx = (nodes) => startNginx_({ dir: join(work, 'nginx'), nodes, track: own });

async function stopAll() {
  await Promise.all(
    processes.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const exited = await Promise.race([new Promise((resolve) => child.once('exit', () => resolve(true))), sleep(20_000).then(() => false)]);
      if (!exited) child.kill('SIGKILL');
    }),
  );
  await database?.stop().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    for (const { child } of processes) child.kill('SIGKILL');
    void (database?.stop() ?? Promise.resolve()).catch(() => undefined).finally(() => {
      rmSync(work, { recursive: true, force: true });
      process.exit(130);
    });
  });
}

// ---------------------------------------------------------------- HTTP

async function api(base, method, path, { token, cookie, json, headers = {} } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(cookie ? { cookie } : {}),
      ...(json ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: json ? JSON.stringify(json) : undefined,
  });
  const text = await res.text();
  let body = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* text */
  }
  return { status: res.status, body, headers: res.headers };
}
/**
 * An HTTP request from another loopback address (127.0.0.2, …): to nginx and the nodes a client that is not the
 * proxy (TRUSTED_PROXIES=127.0.0.1 names nginx's own address only).
 */
function requestFrom(localAddress, url, { method = 'GET', headers = {}, json } = {}) {
  return new Promise((resolve, reject) => {
    const body = json ? JSON.stringify(json) : undefined;
    const req = httpRequest(url, { method, localAddress, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
async function login(base, username, password = DEMO_PASSWORD) {
  const res = await api(base, 'POST', '/api/auth/login', { json: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return { username, token: res.body.accessToken, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], id: res.body.user.id };
}
function socketTo(base, user, { transport = 'websocket', reconnection = true, localAddress, headers = {} } = {}) {
  return io(base, {
    transports: [transport],
    auth: { token: user.token },
    extraHeaders: { cookie: user.cookie, ...headers },
    ...(localAddress ? { agent: new Agent({ localAddress }) } : {}),
    reconnection,
    reconnectionDelay: 100,
    reconnectionDelayMax: 1_000,
    forceNew: true,
  });
}

// ---------------------------------------------------------------- clients under load

const counters = { reconnects: 0, chatRetries: 0, presentRetries: 0, ackRetries: 0 };

class ChatClient {
  constructor(index, user, channels, base) {
    this.index = index;
    this.user = user;
    this.channels = channels;
    this.transport = index % 3 === 2 ? 'polling' : 'websocket';
    this.socket = socketTo(base, user, { transport: this.transport });
    this.socket.on('connect', () => this.pump());
    this.socket.io.on('reconnect', () => (counters.reconnects += 1));
    this.outbox = [];
    this.inFlight = new Set();
    this.acked = new Map();
  }
  enqueue(n) {
    for (let i = 0; i < n; i++) {
      this.outbox.push({ clientMsgId: randomUUID(), channelId: this.channels[(this.index + i) % this.channels.length], body: `two nodes ${this.index}/${i}`, attempts: 0 });
    }
    this.pump();
  }
  pump() {
    while (this.socket.connected && this.inFlight.size < IN_FLIGHT && this.outbox.length) {
      const entry = this.outbox.shift();
      this.inFlight.add(entry);
      void this.send(entry);
    }
  }
  async send(entry) {
    entry.attempts += 1;
    if (entry.attempts > 1) counters.chatRetries += 1;
    let answer;
    try {
      answer = await this.socket.timeout(4_000).emitWithAck('chat:send', { channelId: entry.channelId, clientMsgId: entry.clientMsgId, body: entry.body });
    } catch {
      /* no answer: sent again */
    }
    this.inFlight.delete(entry);
    if (answer?.ok) this.acked.set(entry.clientMsgId, { id: answer.message.id, seq: answer.message.seq });
    else if (answer && !['rate_limited', 'unavailable'].includes(answer.error?.code)) fail(`client ${this.index}: chat:send refused: ${JSON.stringify(answer.error)}`);
    else {
      this.outbox.unshift(entry);
      if (answer) await sleep(200);
    }
    this.pump();
  }
  get done() {
    return this.outbox.length === 0 && this.inFlight.size === 0;
  }
}

/** A follower keeps the state with the highest version, from events and from its (re)join answers. */
class Follower {
  constructor(user, meetingId, base) {
    this.user = user;
    this.state = null;
    this.socket = socketTo(base, user);
    const keep = (state) => {
      if (!this.state || state.version > this.state.version) this.state = state;
    };
    this.socket.on('meeting:state', ({ state }) => keep(state));
    let joined;
    /** Resolves once the first meeting:join is answered ok. */
    this.joined = new Promise((resolve) => (joined = resolve));
    this.socket.on('connect', () => {
      void this.socket
        .timeout(5_000)
        .emitWithAck('meeting:join', { meetingId })
        .then((answer) => (answer.ok ? (keep(answer.state), joined()) : fail(`${user.username}: meeting:join ${JSON.stringify(answer.error)}`)))
        .catch(() => this.socket.disconnect().connect());
    });
  }
}

// ---------------------------------------------------------------- the run

const started = Date.now();
let report;
try {
  await ensureServerBuild();
  const { startEmbeddedPostgres } = await import(join(ROOT, 'dist/libs/platform/src/database/embedded-postgres.js'));
  log('starting PostgreSQL and redis-server');
  database = await startEmbeddedPostgres({ dir: join(work, 'pg'), port: await freePort() });
  {
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    await c.query('CREATE DATABASE yakuba');
    await c.end();
  }
  const dbUrl = database.url.replace(/\/[^/]*$/, '/yakuba');
  const redis = await startRedis();
  const env = {
    ...process.env,
    // One volume for both nodes' files (uploads, meeting papers), as docker-compose.yml shares it.
    DATA_DIR: join(work, 'data'),
    DATABASE_URL: dbUrl,
    REDIS_URL: redis.url,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'true',
    JWT_SECRET: 'two-nodes-secret-'.padEnd(48, 'x'),
    // nginx's own address only: clients on 127.0.0.2… (requestFrom) are not proxies, whatever they forward.
    TRUSTED_PROXIES: '127.0.0.1',
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
    LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
    PASSWORD_CHANGE_AT_FIRST_SIGN_IN: 'false',
  };
  // One after the other: the first migrates and seeds the demo town hall, the second finds it done.
  log('starting node 1 (migrations, demo data), then node 2');
  const node1 = await startNode('node-1', env);
  const node2 = await startNode('node-2', env);
  const nodes = [node1, node2];
  const nginx = await startNginx(nodes);
  log(`nodes on ${node1.port} and ${node2.port}, nginx on ${nginx.url}, ${redis.url}`);

  const admin = await login(node1.url, 'admin');
  const allUsers = (await api(node1.url, 'GET', '/api/users', { token: admin.token })).body;
  const demo = allUsers.filter((u) => u.active && !['admin', 'system', 'yakuba'].includes(u.username) && !u.username.startsWith('guest-'));
  const departmentId = (await api(node1.url, 'GET', '/api/departments', { token: admin.token })).body[0].id;
  async function newUser(username) {
    const res = await api(node1.url, 'POST', '/api/users', { token: admin.token, json: { username, displayName: `二系統 ${username}`, password: 'two-nodes-password-1', departmentId } });
    if (res.status !== 201) throw new Error(`create ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  // ------------------------------------------------ what happens on one node reaches the other
  const checks = {};
  {
    const [alice, bob, carol] = await Promise.all(['xa', 'xb', 'xc'].map(async (u) => (await newUser(u), login(node1.url, u, 'two-nodes-password-1'))));
    const channel = await api(node1.url, 'POST', '/api/chat/channels', { token: alice.token, json: { name: 'two-nodes-check', type: 'private', memberIds: [bob.id] } });
    // A message sent on node 1 reaches a socket on node 2.
    const bobOn2 = socketTo(node2.url, bob, { reconnection: false });
    const aliceOn1 = socketTo(node1.url, alice, { reconnection: false });
    await Promise.all([connected(bobOn2), connected(aliceOn1)]);
    const heard = next(bobOn2, 'chat:message', (p) => p.message.body === 'across');
    const sent = await aliceOn1.timeout(5_000).emitWithAck('chat:send', { channelId: channel.body.id, clientMsgId: randomUUID(), body: 'across' });
    checks.messageAcrossNodes = sent.ok && (await heard).message.id === sent.message.id;
    // Presence of a user connected only to node 2, seen from node 1 (event and GET), and gone when they leave.
    const carolOnline = next(aliceOn1, 'chat:presence', (p) => p.userId === carol.id && p.status === 'online');
    const carolOn2 = socketTo(node2.url, carol, { reconnection: false });
    await connected(carolOn2);
    await carolOnline;
    const seen = await api(node1.url, 'GET', '/api/chat/presence', { token: alice.token });
    const carolOffline = next(aliceOn1, 'chat:presence', (p) => p.userId === carol.id && p.status === 'offline');
    carolOn2.disconnect();
    await carolOffline;
    const gone = await api(node1.url, 'GET', '/api/chat/presence', { token: alice.token });
    checks.presenceAcrossNodes = seen.body[carol.id] === 'online' && gone.body[carol.id] === undefined;
    // A logout on node 1 closes the session's socket on node 2.
    const revoked = next(bobOn2, 'session:revoked');
    const closed = next(bobOn2, 'disconnect');
    const logout = await api(node1.url, 'POST', '/api/auth/logout', { token: bob.token });
    await revoked;
    checks.revokedAcrossNodes = logout.status < 300 && (await closed) === 'io server disconnect';
    aliceOn1.disconnect();
    // Sign-in failures count once, whichever node they reach (LOGIN_MAX_FAILURES_PER_ACCOUNT=3 per source).
    const wrong = (node) => api(node.url, 'POST', '/api/auth/login', { json: { username: 'xc', password: 'wrong-password-1' } });
    const statuses = [(await wrong(node1)).status, (await wrong(node2)).status, (await wrong(node1)).status];
    const right = await api(node2.url, 'POST', '/api/auth/login', { json: { username: 'xc', password: 'two-nodes-password-1' } });
    checks.throttleAcrossNodes = statuses.every((s) => s === 401) && right.status === 429;

    // The meeting room across nodes: the presenter (alice, node 1) lists carol's tablet on node 2 with its follow
    // state, and loses it when it disconnects. The presenter cache of node 2 follows a hand-over made on node 1.
    const meeting = await api(node1.url, 'POST', '/api/meetings', {
      token: alice.token,
      json: { title: '二系統会議', startsAt: new Date(Date.now() + 3_600_000).toISOString(), participantIds: [carol.id] },
    });
    if (meeting.status !== 201) throw new Error(`meeting: ${meeting.status} ${JSON.stringify(meeting.body)}`);
    const meetingId = meeting.body.id;
    const aliceRoom = socketTo(node1.url, alice, { reconnection: false });
    const carolRoom = socketTo(node2.url, carol, { reconnection: false });
    await Promise.all([connected(aliceRoom), connected(carolRoom)]);
    let roster = [];
    aliceRoom.on('meeting:presence', (p) => p.meetingId === meetingId && (roster = p.participants));
    const carolEntry = () => roster.find((p) => p.userId === carol.id);
    const joined = [(await aliceRoom.timeout(5_000).emitWithAck('meeting:join', { meetingId })).ok, (await carolRoom.timeout(5_000).emitWithAck('meeting:join', { meetingId })).ok];
    let rosterOk = joined.every(Boolean);
    try {
      await until('alice (node 1) lists carol (node 2), following', () => carolEntry()?.following === true && roster.some((p) => p.userId === alice.id), 10_000);
      const browse = await carolRoom.timeout(5_000).emitWithAck('meeting:follow', { meetingId, following: false, page: 2 });
      rosterOk &&= browse.ok;
      await until('alice sees carol browse page 2', () => carolEntry()?.following === false && carolEntry()?.page === 2 && carolEntry()?.devices === 1, 10_000);
    } catch (error) {
      fail(`${error.message}: ${JSON.stringify(roster)}`);
      rosterOk = false;
    }
    const point = async (socket) => (await socket.timeout(5_000).emitWithAck('meeting:pointer', { meetingId, page: 1, x: 0.5, y: 0.5 })).ok;
    // Carol's refused pointer fills node 2's cache with alice as the presenter; the hand-over on node 1 must empty it
    // (node:forget) well before the cache's own 30 s.
    const before = [await point(aliceRoom), await point(carolRoom)];
    const handOver = await api(node1.url, 'POST', `/api/meetings/${meetingId}/presenter`, { token: alice.token, json: { userId: carol.id } });
    let presenterOk = before[0] === true && before[1] === false && handOver.status < 300 && (await point(aliceRoom)) === false;
    try {
      await until('carol points from node 2 once she presents', () => point(carolRoom).catch(() => false), 5_000);
    } catch (error) {
      fail(error.message);
      presenterOk = false;
    }
    checks.presenterAcrossNodes = presenterOk;
    carolRoom.disconnect();
    try {
      await until('carol leaves the list of alice when her socket on node 2 disconnects', () => !carolEntry() && roster.length === 1, 10_000);
    } catch (error) {
      fail(`${error.message}: ${JSON.stringify(roster)}`);
      rosterOk = false;
    }
    checks.rosterAcrossNodes = rosterOk;
    aliceRoom.disconnect();

    // The client's address behind nginx, one rule for HTTP and sockets. Each client comes from its own loopback
    // address (the refusal auditor coalesces per address) and forges X-Forwarded-For.
    const forged = { 'x-forwarded-for': '203.0.113.9' };
    const foreign = { ...forged, origin: 'http://evil.example' };
    const handshake = (from, base) => requestFrom(from, `${base}/socket.io/?EIO=4&transport=polling`, { headers: foreign });
    const refused = [await handshake('127.0.0.2', nginx.url), await handshake('127.0.0.3', node2.url)].map((r) => r.status);
    const signIn = await requestFrom('127.0.0.4', `${nginx.url}/api/auth/login`, { method: 'POST', headers: forged, json: { username: 'xa', password: 'two-nodes-password-1' } });
    const fromFive = socketTo(nginx.url, alice, { reconnection: false, localAddress: '127.0.0.5', headers: forged });
    await connected(fromFive);
    const notJoined = await fromFive.timeout(5_000).emitWithAck('meeting:follow', { meetingId: randomUUID(), following: true });
    fromFive.disconnect();
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    const refusedAt = async (targetId) =>
      (await db.query(`SELECT ip FROM audit_log WHERE action = 'authz.refused' AND target_type = 'socket' AND target_id = $1 ORDER BY id`, [targetId])).rows.map((r) => r.ip);
    try {
      await until('the refusals are in the audit log', async () => (await refusedAt('handshake')).length >= 2 && (await refusedAt('meeting:follow')).length >= 1, 10_000);
    } catch (error) {
      fail(error.message);
    }
    const addresses = {
      refused,
      handshakes: await refusedAt('handshake'),
      socketEvent: await refusedAt('meeting:follow'),
      session: (await db.query(`SELECT ip FROM sessions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`, [alice.id])).rows[0]?.ip,
      signIn: signIn.status,
      notJoined: notJoined.error?.code,
    };
    await db.end();
    log(`addresses: ${JSON.stringify(addresses)}`);
    // Through nginx: the address nginx saw (127.0.0.2), not the forged one; straight to a node from a client that is
    // no proxy: its own address, its X-Forwarded-For ignored.
    checks.handshakeAddressThroughProxy = refused.every((st) => st === 403) && addresses.handshakes.includes('127.0.0.2');
    checks.forgedAddressIgnored = addresses.handshakes.includes('127.0.0.3') && ![...addresses.handshakes, ...addresses.socketEvent, addresses.session].includes('203.0.113.9');
    checks.sessionAddressThroughProxy = signIn.status === 200 && addresses.session === '127.0.0.4';
    checks.socketAddressThroughProxy = notJoined.error?.code === 'forbidden' && addresses.socketEvent.includes('127.0.0.5');

    // Redis dies mid-traffic (SIGKILL) and starts again on the same port, empty (no persistence): the nodes keep
    // answering, every chat send is stored (no 5xx, no refusal), and once Redis is back emits cross nodes again and
    // a client converges through chat:sync on everything sent meanwhile.
    const talk = await api(node1.url, 'POST', '/api/chat/channels', { token: alice.token, json: { name: 'two-nodes-redis', type: 'private', memberIds: [carol.id] } });
    const talkId = talk.body.id;
    const aliceTalk = socketTo(node1.url, alice, { reconnection: false });
    const carolTalk = socketTo(node2.url, carol, { reconnection: false });
    await Promise.all([connected(aliceTalk), connected(carolTalk)]);
    const sendOn = async (socket, body) => {
      try {
        const answer = await socket.timeout(10_000).emitWithAck('chat:send', { channelId: talkId, clientMsgId: randomUUID(), body });
        return answer.ok ? 'ok' : `refused: ${answer.error?.code}`;
      } catch {
        return 'no answer';
      }
    };
    const outcomes = [];
    let talking = true;
    const traffic = (async () => {
      for (let i = 0; talking; i++) {
        outcomes.push(await sendOn(i % 2 ? carolTalk : aliceTalk, `redis ${i}`));
        await sleep(100);
      }
    })();
    const health = async () => (await Promise.all(nodes.map((node) => api(node.url, 'GET', '/api/health')))).map((h) => `${h.status} ${h.body?.redis}`);
    const restart = { healthBefore: await health() };
    try {
      await until('traffic before Redis stops', () => outcomes.length >= 4, 10_000);
      const stopped = new Promise((resolve) => redis.entry.child.once('exit', resolve));
      redis.entry.child.kill('SIGKILL');
      await stopped;
      await until('both nodes report Redis down', async () => (await health()).every((h) => h === '200 down'), 10_000);
      restart.healthDuring = await health();
      const during = outcomes.length;
      restart.httpSends = [];
      for (const node of nodes) {
        restart.httpSends.push((await api(node.url, 'POST', `/api/chat/channels/${talkId}/messages`, { token: alice.token, json: { body: `over HTTP on ${node.name}` } })).status);
      }
      await until('traffic while Redis is down', () => outcomes.length >= during + 6, 15_000);
      restart.sentWhileDown = outcomes.length - during;
      const downFor = Date.now();
      await startRedis_({ dir: work, track: own, port: redis.port });
      await until('both nodes report Redis up', async () => (await health()).every((h) => h === '200 up'), 20_000);
      restart.reconnectMs = Date.now() - downFor;
      const after = outcomes.length;
      await until('traffic after Redis is back', () => outcomes.length >= after + 4, 10_000);
    } catch (error) {
      fail(`redis restart: ${error.message}`);
    }
    talking = false;
    await traffic;
    // Emits cross nodes again: a message sent on node 1 reaches carol's socket on node 2.
    const heardAfter = next(carolTalk, 'chat:message', (p) => p.message.body === 'after redis', 15_000).then(
      (p) => p.message.id,
      () => null,
    );
    const last = await aliceTalk.timeout(10_000).emitWithAck('chat:send', { channelId: talkId, clientMsgId: randomUUID(), body: 'after redis' });
    restart.crossNodeAfter = last.ok && (await heardAfter) === last.message.id;
    const talkDb = new pg.Client({ connectionString: dbUrl });
    await talkDb.connect();
    const storedTalk = (await talkDb.query('SELECT id::text FROM chat_messages WHERE channel_id = $1', [talkId])).rows.map((r) => r.id);
    await talkDb.end();
    const synced = new Set();
    for (let cursor = 0, round = 0; round < 100; round++) {
      const answer = await carolTalk.timeout(10_000).emitWithAck('chat:sync', { cursors: { [talkId]: cursor } });
      for (const m of answer.messages ?? []) {
        synced.add(m.id);
        cursor = Math.max(cursor, m.seq);
      }
      if (!answer.more?.length) break;
    }
    restart.sends = outcomes.length;
    restart.failedSends = outcomes.filter((o) => o !== 'ok');
    restart.stored = storedTalk.length;
    restart.synced = synced.size;
    log(`redis restart: ${JSON.stringify(restart)}`);
    checks.redisRestartNoFailure =
      restart.failedSends.length === 0 &&
      (restart.httpSends ?? []).length === 2 &&
      restart.httpSends.every((status) => status === 201) &&
      (restart.healthDuring ?? []).every((h) => h === '200 down') &&
      restart.stored === outcomes.length + 3;
    checks.redisRestartConverged = restart.crossNodeAfter && synced.size === storedTalk.length && storedTalk.every((id) => synced.has(id));
    aliceTalk.disconnect();
    carolTalk.disconnect();
    for (const [name, ok] of Object.entries(checks)) if (!ok) fail(`cross-node check failed: ${name}`);
    log(`cross-node checks: ${JSON.stringify(checks)}`);
  }

  // ------------------------------------------------ the load, through nginx
  const upstreamOf = async (user) => (await api(nginx.url, 'GET', '/api/health', { cookie: user.cookie })).headers.get('x-yakuba-upstream');
  const presenter = await login(nginx.url, 'sato.somu');
  const victimAddress = await upstreamOf(presenter);
  const victim = nodes.find((n) => victimAddress === `127.0.0.1:${n.port}`);
  if (!victim) throw new Error(`nginx sent the presenter to ${victimAddress}, not a node`);
  const survivor = nodes.find((n) => n !== victim);
  const meetings = (await api(nginx.url, 'GET', '/api/meetings', { token: presenter.token })).body;
  const chogi = meetings.find((m) => m.title.includes('庁議'));
  const detail = (await api(nginx.url, 'GET', `/api/meetings/${chogi.id}`, { token: presenter.token })).body;
  const papers = detail.documents.filter((d) => d.pageCount > 0).slice(0, 2);
  if (papers.length < 2) throw new Error('the demo 庁議 has fewer than two papers');
  const participantIds = new Set(detail.participants.map((p) => p.userId));

  // Each sign-in is a new session cookie, so a new place on nginx's hash ring: signing in again until it lands on the
  // wanted node spreads the clients over both nodes for certain (half of them, and half of the meeting's followers,
  // on the node that dies).
  const survivorAddress = `127.0.0.1:${survivor.port}`;
  async function loginOn(username, address) {
    for (let attempt = 0; attempt < 30; attempt++) {
      const user = await login(nginx.url, username);
      if ((await upstreamOf(user)) === address) return user;
    }
    throw new Error(`${username}: 30 sign-ins and never on ${address}`);
  }
  const users = demo.filter((u) => u.username !== 'sato.somu').slice(0, CLIENTS);
  const turn = { participant: 0, other: 0 };
  const signedIn = [];
  for (const u of users) {
    const kind = participantIds.has(u.id) ? 'participant' : 'other';
    signedIn.push(await loginOn(u.username, turn[kind]++ % 2 === 0 ? victimAddress : survivorAddress));
  }
  const channels = [];
  for (let c = 0; c < 3; c++) {
    const res = await api(nginx.url, 'POST', '/api/chat/channels', { token: admin.token, json: { name: `two-nodes-${c}`, type: 'private', memberIds: signedIn.map((u) => u.id) } });
    if (res.status !== 201) throw new Error(`channel: ${res.status} ${JSON.stringify(res.body)}`);
    channels.push(res.body.id);
  }
  const where = new Map();
  for (const u of [...signedIn, presenter]) where.set(u.id, await upstreamOf(u));
  const onVictim = signedIn.filter((u) => where.get(u.id) === victimAddress);
  if (onVictim.length === 0 || onVictim.length === signedIn.length) throw new Error(`nginx put ${onVictim.length} of ${signedIn.length} clients on one node: no spread`);

  // Disaster: a drill declared, one urgent message; each client's person acknowledges it, half before the kill.
  const disaster = await api(nginx.url, 'POST', '/api/disasters', { token: admin.token, json: { title: '二系統訓練', kind: 'earthquake', drill: true } });
  if (disaster.status !== 201) throw new Error(`declare: ${disaster.status} ${JSON.stringify(disaster.body)}`);
  const urgent = await api(nginx.url, 'POST', `/api/disasters/${disaster.body.id}/urgent`, { token: admin.token, json: { body: '参集してください' } });
  if (urgent.status !== 201) throw new Error(`urgent: ${urgent.status} ${JSON.stringify(urgent.body)}`);
  const messageId = urgent.body.message.id;

  // A user whose only socket is on the node that dies, with no reconnection: the survivor must say they went offline.
  const leaverUser = await newUser('leaver');
  const leaver = await login(victim.url, 'leaver', 'two-nodes-password-1');
  const observer = await login(survivor.url, 'xa', 'two-nodes-password-1');
  const observerSocket = socketTo(survivor.url, observer, { reconnection: false });
  const leaverSocket = socketTo(victim.url, leaver, { reconnection: false });
  await Promise.all([connected(observerSocket), connected(leaverSocket)]);

  const clients = signedIn.map((u, i) => new ChatClient(i, u, channels, nginx.url));
  const followers = signedIn.filter((u) => participantIds.has(u.id)).map((u) => new Follower(u, chogi.id, nginx.url));
  const followerNodes = new Set(followers.map((f) => where.get(f.user.id)));
  if (followerNodes.size < 2) fail(`the meeting's followers are all on one node (${[...followerNodes]})`);
  const presenterSocket = socketTo(nginx.url, presenter);
  // The presenter's panel: the last meeting:presence it heard.
  let panel = [];
  presenterSocket.on('meeting:presence', (p) => p.meetingId === chogi.id && (panel = p.participants));
  await Promise.all([...clients.map((c) => connected(c.socket)), ...followers.map((f) => connected(f.socket)), connected(presenterSocket)]);
  await presenterSocket.timeout(5_000).emitWithAck('meeting:join', { meetingId: chogi.id });
  // A participant whose only socket is on the node that dies, with no reconnection: the panel must drop them.
  const followerIds = new Set(followers.map((f) => f.user.id));
  const ghostParticipant = detail.participants.find((p) => !followerIds.has(p.userId) && p.userId !== presenter.id);
  const ghostName = allUsers.find((u) => u.id === ghostParticipant?.userId)?.username;
  if (!ghostName) throw new Error('the demo 庁議 has no participant left for the ghost');
  const ghost = await login(victim.url, ghostName);
  const ghostSocket = socketTo(victim.url, ghost, { reconnection: false });
  await connected(ghostSocket);
  if (!(await ghostSocket.timeout(5_000).emitWithAck('meeting:join', { meetingId: chogi.id })).ok) throw new Error('the ghost could not join');
  // A follower on the surviving node browses freely (first paper, page 1): the panel shows it, before and after.
  const browser = followers.find((f) => where.get(f.user.id) === survivorAddress);
  if (!browser) throw new Error('no follower on the surviving node');
  await Promise.all(followers.map((f) => f.joined));
  const browse = await browser.socket.timeout(5_000).emitWithAck('meeting:follow', { meetingId: chogi.id, following: false, documentId: papers[0].id, page: 1 });
  if (!browse.ok) fail(`meeting:follow refused: ${JSON.stringify(browse.error)}`);
  const panelShows = (ids) =>
    panel.length === ids.length &&
    ids.every((id) => {
      const entry = panel.find((p) => p.userId === id);
      if (!entry || entry.devices !== 1) return false;
      return id === browser.user.id ? !entry.following && entry.documentId === papers[0].id && entry.page === 1 : entry.following;
    });
  const panelBefore = [presenter.id, ghost.id, ...followerIds];
  let panelBeforeKill = false;
  try {
    await until('the presenter lists the followers of both nodes, the ghost and itself', () => panelShows(panelBefore), 20_000);
    panelBeforeKill = true;
  } catch (error) {
    fail(`${error.message}: ${JSON.stringify(panel)}`);
  }

  const perClient = Math.ceil(MESSAGES / clients.length);
  const total = perClient * clients.length;
  clients.forEach((c) => c.enqueue(perClient));
  const ackedCount = () => clients.reduce((n, c) => n + c.acked.size, 0);

  // The presenter turns pages all through the run (alternating papers, so every turn is a change).
  let presenting = true;
  let lastPresented = null;
  let presents = 0;
  const presenterLoop = (async () => {
    for (let i = 0; presenting; i++) {
      const paper = papers[i % 2];
      await connected(presenterSocket);
      try {
        const answer = await presenterSocket.timeout(4_000).emitWithAck('meeting:present', { meetingId: chogi.id, documentId: paper.id, page: 1 + (Math.floor(i / 2) % paper.pageCount) });
        if (answer.ok) {
          lastPresented = answer.state;
          presents += 1;
        } else fail(`meeting:present refused: ${JSON.stringify(answer.error)}`);
      } catch {
        counters.presentRetries += 1;
      }
      await sleep(40);
    }
  })();
  // A presenter that reconnects joins the room again (its rooms were on the dead node).
  presenterSocket.io.on('reconnect', () => void presenterSocket.timeout(5_000).emitWithAck('meeting:join', { meetingId: chogi.id }).catch(() => undefined));

  const ackers = new Set();
  const acknowledge = async (client) => {
    for (let attempt = 0; attempt < 20; attempt++) {
      await connected(client.socket);
      try {
        const answer = await client.socket.timeout(4_000).emitWithAck('disaster:ack', { messageId, clientAckId: `${client.user.id}:${messageId}` });
        if (answer.ok) return ackers.add(client.user.id);
        fail(`disaster:ack refused: ${JSON.stringify(answer.error)}`);
        return undefined;
      } catch {
        counters.ackRetries += 1;
      }
    }
    fail(`${client.user.username}: disaster:ack never answered`);
    return undefined;
  };
  const firstHalf = clients.filter((_, i) => i % 2 === 0).map(acknowledge);

  await until('two fifths of the messages acknowledged', () => ackedCount() >= total * 0.4, 60_000);
  const leaverOffline = next(observerSocket, 'chat:presence', (p) => p.userId === leaverUser.id && p.status === 'offline', 40_000);
  log(`SIGKILL ${victim.name} (the presenter's node, ${onVictim.length} of ${clients.length} chat clients) at ${ackedCount()}/${total} acknowledged`);
  victim.entry.child.kill('SIGKILL');
  await new Promise((resolve) => (victim.entry.child.exitCode !== null || victim.entry.child.signalCode ? resolve() : victim.entry.child.once('exit', resolve)));
  const secondHalf = clients.filter((_, i) => i % 2 === 1).map(acknowledge);

  await until('every message acknowledged', () => clients.every((c) => c.done) && ackedCount() >= total, 90_000);
  await Promise.all([...firstHalf, ...secondHalf]);
  presenting = false;
  await presenterLoop;
  let leaverReported = false;
  try {
    await leaverOffline;
    leaverReported = true;
  } catch (error) {
    fail(`the user whose only node died was not reported offline: ${error.message}`);
  }
  log(`all ${total} acknowledged; ${counters.reconnects} reconnects; checking`);

  // ------------------------------------------------ the checks
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const stored = (await db.query(`SELECT id::text, channel_id::text AS channel_id, seq::int AS seq, client_msg_id FROM chat_messages WHERE channel_id = ANY($1::uuid[])`, [channels])).rows;
  const byClientId = new Map();
  let duplicates = 0;
  for (const row of stored) {
    if (byClientId.has(row.client_msg_id)) duplicates += 1;
    byClientId.set(row.client_msg_id, row);
  }
  if (duplicates) fail(`${duplicates} messages stored twice`);
  for (const c of clients) {
    for (const [clientMsgId, ack] of c.acked) {
      const row = byClientId.get(clientMsgId);
      if (!row) fail(`acknowledged ${clientMsgId} is not stored`);
      else if (row.id !== ack.id || row.seq !== ack.seq) fail(`acknowledged ${clientMsgId} differs from what is stored`);
    }
  }
  if (stored.length !== total) fail(`${stored.length} messages stored for ${total} sent`);
  let seqGaps = 0;
  for (const channelId of channels) {
    const seqs = stored.filter((r) => r.channel_id === channelId).map((r) => r.seq).sort((a, b) => a - b);
    seqs.forEach((seq, i) => {
      if (seq !== i + 1) seqGaps += 1;
    });
  }
  if (seqGaps) fail(`${seqGaps} seq out of place`);
  log('stored messages checked; converging every client through chat:sync');
  let converged = 0;
  for (const c of clients) {
    await connected(c.socket);
    const seen = new Set();
    const cursors = Object.fromEntries(channels.map((id) => [id, 0]));
    for (let round = 0; round < 1_000; round++) {
      const answer = await c.socket.timeout(20_000).emitWithAck('chat:sync', { cursors });
      if (!answer.ok) throw new Error(`sync: ${JSON.stringify(answer.error)}`);
      for (const m of answer.messages) {
        seen.add(m.id);
        cursors[m.channelId] = Math.max(cursors[m.channelId], m.seq);
      }
      if (!answer.more.length) break;
    }
    if (seen.size === stored.length && stored.every((r) => seen.has(r.id))) converged += 1;
    else fail(`client ${c.index} converged on ${seen.size} of ${stored.length}`);
  }
  log('clients converged; checking the meeting and the acknowledgements');
  // The meeting: the stored state is the presenter's last acknowledged one, and every follower holds exactly it.
  const [row] = (await db.query(`SELECT current_document_id::text AS "documentId", current_page AS page, zoom::float AS zoom, presenter_id::text AS "presenterId", state_version AS version FROM meetings WHERE id = $1`, [chogi.id])).rows;
  if (!lastPresented || lastPresented.version !== row.version || lastPresented.documentId !== row.documentId || lastPresented.page !== row.page)
    fail(`meeting: stored ${JSON.stringify(row)}, presenter's last ${JSON.stringify(lastPresented)}`);
  try {
    await until('every follower holds the final meeting state', () => followers.every((f) => f.state?.version === row.version), 15_000);
  } catch (error) {
    fail(`${error.message}: ${followers.map((f) => f.state?.version).join(',')} for ${row.version}`);
  }
  // The panel after the death: every follower once (those of the dead node reconnected), the browsing one still
  // browsing, the presenter; the ghost, whose socket died with its node, is gone.
  let panelAfterKill = false;
  try {
    await until('the panel drops the dead node\'s sockets', () => panelShows([presenter.id, ...followerIds]), 30_000);
    panelAfterKill = true;
  } catch (error) {
    fail(`${error.message}: ${JSON.stringify(panel)}`);
  }
  const followersExact = followers.filter((f) => f.state && f.state.version === row.version && f.state.documentId === row.documentId && f.state.page === row.page && f.state.presenterId === row.presenterId).length;
  // Disaster acknowledgements: exactly the people who acknowledged, once each.
  const acks = (await api(nginx.url, 'GET', `/api/disasters/${disaster.body.id}/urgent/${messageId}/acks`, { token: admin.token })).body;
  const ackRows = (await db.query(`SELECT count(*)::int AS n FROM disaster_receipts WHERE message_id = $1 AND acknowledged_at IS NOT NULL`, [messageId])).rows[0].n;
  const ackedIds = new Set(acks.acknowledged.map((a) => a.userId));
  if (acks.counts.acknowledged !== ackers.size || ackRows !== ackers.size || ![...ackers].every((id) => ackedIds.has(id)))
    fail(`acknowledgements: ${acks.counts.acknowledged} counted, ${ackRows} stored, ${ackers.size} acknowledged`);
  // Presence after the death: everyone still connected is online on the survivor; the leaver is not.
  const presence = (await api(nginx.url, 'GET', '/api/chat/presence', { token: admin.token })).body;
  const missing = clients.filter((c) => presence[c.user.id] !== 'online').length;
  if (missing) fail(`${missing} connected clients not online after the death of a node`);
  if (presence[leaverUser.id]) fail('the user whose only node died is still shown present');
  await db.end();
  for (const s of [observerSocket, presenterSocket, ghostSocket, ...clients.map((c) => c.socket), ...followers.map((f) => f.socket)]) s.disconnect();
  report = {
    campaign: 'two-nodes',
    checks,
    clients: clients.length,
    pollingClients: clients.filter((c) => c.transport === 'polling').length,
    clientsOnKilledNode: onVictim.length,
    sent: total,
    acknowledged: ackedCount(),
    stored: stored.length,
    duplicates,
    seqGaps,
    clientsConverged: converged,
    followers: followers.length,
    followersExact,
    presents,
    meetingVersion: row.version,
    ackers: ackers.size,
    acknowledgementsCounted: acks.counts.acknowledged,
    leaverReportedOffline: leaverReported,
    panelBeforeKill,
    panelAfterKill,
    panelFollowers: followers.length,
    ...counters,
    seconds: Math.round((Date.now() - started) / 1000),
    failures: failures.length,
    firstFailures: failures.slice(0, 10),
  };
} catch (error) {
  fail(String(error instanceof Error ? error.stack : error));
  report = {
    campaign: 'two-nodes',
    failures: failures.length,
    firstFailures: failures.slice(0, 10),
    output: processes.map((p) => `--- ${p.name}\n${p.output().slice(-2_000)}`).join('\n'),
  };
} finally {
  log('stopping');
  await stopAll();
}
if (args.json) writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(failures.length ? 1 : 0);
