// Chaos campaign (issue #13): clients with outboxes send messages while the server is killed with SIGKILL and
// restarted, PostgreSQL is restarted, and client networks are cut. Afterwards every acknowledged message must be
// stored exactly once, every channel's seq gap-free, and every client must converge through chat:sync.
//
//   node test/campaigns/chaos.mjs [--nodes 1|2] [--clients 50] [--messages 100000] [--json out.json] [--until 2026-11-30T17:50:00Z]
//
// --nodes 2 runs the installation of issue #12 instead of one server: two nodes (the built dist/) on the one
// PostgreSQL with a redis-server between them, and Debian's nginx in front with deploy/nginx/yakuba.conf (the
// processes of test/bench/cluster-lib.mjs). Every client signs in and connects through nginx with its session
// cookie, nginx's sticky hash key; the campaign signs a client in again until the clients are spread evenly over the
// two nodes, and one client in five uses long-polling, the transport that needs the stickiness. Each node in turn is
// killed with SIGKILL and started again on its port (twice each, never both at once), PostgreSQL restarts under both,
// and client networks are cut. The checks are the same.
//
// --until (or CAMPAIGN_UNTIL) bounds a full run on a shared machine: the chaos plan then fires at its shares of
// acknowledgements or of the time until then, whichever comes first; at that time the outboxes stop taking messages
// that were never sent, the ones already sent are driven to their acknowledgement, and every check runs over what
// was sent. The report says how many of the planned messages were sent.
//
// Plain Node ESM (no jest transform): it runs the built server (dist/) in child processes over its own embedded
// PostgreSQL cluster, which it stops and starts itself. test/campaigns/chaos.e2e-spec.ts runs it small with one node
// in `npm test`; `npm run test:campaigns` runs it full size with one node and with two.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { io } from 'socket.io-client';
import { serverNodeFlags } from '../../scripts/lib.mjs';
import { ensureServerBuild, freePort, ROOT, DEMO_PASSWORD } from '../bench/bench-lib.mjs';
import { keepOutput, startNginx, startNode, startRedis } from '../bench/cluster-lib.mjs';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .join(' ')
    .split('--')
    .filter(Boolean)
    .map((part) => part.trim().split(/\s+/)),
);
const NODES = Number(args.nodes ?? 1);
if (NODES !== 1 && NODES !== 2) throw new Error(`--nodes ${args.nodes}: 1 or 2`);
const CLIENTS = Number(args.clients ?? 50);
const MESSAGES = Number(args.messages ?? 100_000);
const CHANNELS = 5;
const IN_FLIGHT = 4;
const ACK_TIMEOUT_MS = 4_000;
/** Two nodes: one client in this many polls (through nginx's sticky hash) instead of holding a WebSocket. */
const POLLING_EVERY = 5;
/** nginx passes over a node that refused a connection for 10 s (fail_timeout in deploy/nginx/yakuba.conf). */
const NGINX_FAIL_TIMEOUT_MS = 10_000;
const UNTIL = args.until ?? process.env.CAMPAIGN_UNTIL ? Date.parse(args.until ?? process.env.CAMPAIGN_UNTIL) : Number.POSITIVE_INFINITY;
const log = (message) => process.stderr.write(`[chaos${NODES > 1 ? ' 2 nodes' : ''} ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

await ensureServerBuild();
const { startEmbeddedPostgres } = await import(join(ROOT, 'dist/libs/platform/src/database/embedded-postgres.js'));
const work = mkdtempSync(join(tmpdir(), 'yakuba-chaos-'));
const pgDir = join(work, 'pg');
const pgPort = await freePort();
log('starting PostgreSQL');
let database = await startEmbeddedPostgres({ dir: pgDir, port: pgPort });
const adminUrl = database.url;
log(`PostgreSQL up: ${adminUrl.replace(/:[^:@/]*@/, ':***@')}`);
{
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query('CREATE DATABASE yakuba');
  await c.end();
}
const dbUrl = adminUrl.replace(/\/[^/]*$/, '/yakuba');
const env = {
  ...process.env,
  // One data directory for every node, as docker-compose.yml gives both nodes one volume.
  DATA_DIR: join(work, 'data'),
  DATABASE_URL: dbUrl,
  HOST: '127.0.0.1',
  LOG_LEVEL: 'error',
  SEED_DEMO: 'true',
  JWT_SECRET: 'chaos-campaign-secret-'.padEnd(48, 'x'),
  LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
  LOGIN_MAX_FAILURES_PER_ACCOUNT: '10000',
  // Beyond the demo's staff the campaign makes accounts; a forced password change at first sign-in would keep their
  // sockets out (at 50 clients, 22 never connected).
  PASSWORD_CHANGE_AT_FIRST_SIGN_IN: 'false',
};
delete env.REDIS_URL;
delete env.PORT;
/** The flags `npm start` gives the server (scripts/lib.mjs). */
const nodeArgs = await serverNodeFlags();

/** The server nodes: one, or two behind nginx. Each keeps its port, so that a restarted node is where nginx looks. */
const nodes = [];
for (let i = 0; i < NODES; i++) nodes.push({ name: NODES > 1 ? `node ${i + 1}` : 'the server', port: await freePort(), entry: undefined, startedAt: 0, restarting: false });
/** redis-server and nginx in the two-node mode, stopped at the end. */
const helpers = [];
/** Exits the campaign did not cause (it kills with SIGKILL itself): a crash, logged and counted, then restarted. */
const crashes = [];
const failures = [];
let stopping = false;

async function startServer(node) {
  const started = await startNode({ name: node.name, env, port: node.port, nodeArgs, track: keepOutput });
  node.entry = started.entry;
  node.startedAt = Date.now();
  const child = started.entry.child;
  child.once('exit', (code, signal) => {
    if (signal === 'SIGKILL' || signal === 'SIGTERM' || node.entry.child !== child || stopping) return;
    const output = node.entry.output().slice(-3_000);
    crashes.push({ node: node.name, at: new Date().toISOString(), code, signal, output });
    log(`${node.name} exited by itself (code ${code}, signal ${signal}):\n${output}`);
    if (!node.restarting) {
      node.restarting = true;
      void startServer(node)
        .then(() => log(`${node.name} restarted after its exit`))
        .catch((error) => failures.push(`restart of ${node.name} after a crash: ${error}`))
        .finally(() => (node.restarting = false));
    }
  });
}
const exited = (child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', resolve)));

/** Where clients and the campaign's own requests go: the server, or nginx in front of the two nodes. */
let base = `http://127.0.0.1:${nodes[0].port}`;

async function api(method, path, { token, cookie, json } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(cookie ? { cookie } : {}),
      ...(json ? { 'content-type': 'application/json' } : {}),
    },
    body: json ? JSON.stringify(json) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}
async function login(username, password = DEMO_PASSWORD) {
  const res = await api('POST', '/api/auth/login', { json: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.accessToken, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], id: res.body.user.id };
}
/** The node nginx sends this session to (deploy/nginx/yakuba.conf hashes the session cookie), as `127.0.0.1:<port>`. */
const upstreamOf = async (user) => (await api('GET', '/api/health', { cookie: user.cookie })).headers.get('x-yakuba-upstream');

const codes = {};
const counters = { serverKills: 0, pgRestarts: 0, networkCuts: 0, timeouts: 0, retried: 0, refusedThenRetried: 0, reconnects: 0 };

class Client {
  constructor(index, user, channels) {
    this.index = index;
    this.user = user;
    this.channels = channels;
    this.transport = NODES > 1 && index % POLLING_EVERY === POLLING_EVERY - 1 ? 'polling' : 'websocket';
    this.outbox = [];
    this.inFlight = new Set();
    this.acked = new Map();
    this.received = new Set();
  }
  connect() {
    this.socket = io(base, {
      transports: [this.transport],
      auth: { token: this.user.token },
      // Through nginx the session cookie picks the node (a browser sends it with the handshake and every poll).
      ...(NODES > 1 ? { extraHeaders: { cookie: this.user.cookie } } : {}),
      reconnectionDelay: 100,
      reconnectionDelayMax: 1_000,
      randomizationFactor: 0.5,
    });
    this.socket.on('connect', () => this.pump());
    this.socket.io.on('reconnect', () => (counters.reconnects += 1));
    this.socket.on('chat:message', (p) => this.received.add(p.message.id));
  }
  enqueue(n) {
    for (let i = 0; i < n; i++) {
      const channelId = this.channels[(this.index + i) % this.channels.length];
      this.outbox.push({ clientMsgId: randomUUID(), channelId, body: `chaos ${this.index}/${i}`, attempts: 0 });
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
    if (entry.attempts > 1) counters.retried += 1;
    let answer;
    try {
      // The wait for an acknowledgement doubles with every attempt (4 s, 8 s, … 64 s): a server slowed down by load
      // is not buried under copies of what it is already storing (at 50 clients a fixed 4 s livelocked the run).
      answer = await this.socket.timeout(Math.min(ACK_TIMEOUT_MS * 2 ** (entry.attempts - 1), 64_000)).emitWithAck('chat:send', { channelId: entry.channelId, clientMsgId: entry.clientMsgId, body: entry.body });
    } catch {
      counters.timeouts += 1;
    }
    this.inFlight.delete(entry);
    if (answer?.ok) {
      this.acked.set(entry.clientMsgId, { id: answer.message.id, seq: answer.message.seq, channelId: entry.channelId });
    } else {
      // Not acknowledged (timeout, rate limit, a server that died or a database that restarted): the outbox keeps
      // it, at the front, and sends it again with the same clientMsgId.
      if (answer && !answer.ok) {
        counters.refusedThenRetried += 1;
        codes[answer.error?.code] = (codes[answer.error?.code] ?? 0) + 1;
      }
      if (answer && !answer.ok && !['rate_limited', 'unavailable', 'internal_error'].includes(answer.error?.code)) {
        failures.push(`client ${this.index}: chat:send refused for good: ${JSON.stringify(answer.error)}`);
      } else {
        this.outbox.unshift(entry);
        if (answer?.error?.code === 'rate_limited' || answer?.error?.code === 'unavailable') await sleep(200);
      }
    }
    this.pump();
  }
  get done() {
    return this.outbox.length === 0 && this.inFlight.size === 0;
  }
}

async function stopProcesses() {
  stopping = true;
  const children = [...nodes.map((n) => n.entry?.child), ...helpers.map((h) => h.child)].filter(Boolean);
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      if (!(await Promise.race([exited(child).then(() => true), sleep(20_000).then(() => false)]))) child.kill('SIGKILL');
    }),
  );
}

// Stopped from outside (a runner's timeout, ^C): the servers, nginx, redis-server and the cluster go with it.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    stopping = true;
    for (const node of nodes) node.entry?.child.kill('SIGKILL');
    for (const helper of helpers) helper.child.kill('SIGKILL');
    void database
      .stop()
      .catch(() => undefined)
      .finally(() => {
        rmSync(work, { recursive: true, force: true });
        process.exit(130);
      });
  });
}

const started = Date.now();
let stoppedAt;
let report;
try {
  if (NODES > 1) {
    const redis = await startRedis({ dir: work });
    helpers.push(redis.entry);
    env.REDIS_URL = redis.url;
    // nginx is the only proxy: the nodes take the client's address from its X-Forwarded-For.
    env.TRUSTED_PROXIES = 'loopback';
  }
  // One after the other: the first migrates and seeds the demo town hall, the second finds it done.
  for (const node of nodes) {
    log(`starting ${node.name}`);
    await startServer(node);
  }
  if (NODES > 1) {
    const nginx = await startNginx({ dir: join(work, 'nginx'), nodes });
    helpers.push(nginx.entry);
    base = nginx.url;
  }
  log(`up: ${nodes.map((n) => `${n.name} on ${n.port}`).join(', ')}${NODES > 1 ? `, nginx at ${base}` : ''}, PostgreSQL on ${pgPort}`);
  const admin = await login('admin');
  const departmentId = (await api('GET', '/api/departments', { token: admin.token })).body[0].id;
  const demo = (await api('GET', '/api/users', { token: admin.token })).body.filter((u) => u.active).map((u) => u.username);
  const usernames = [];
  for (let i = 0; usernames.length < CLIENTS; i++) {
    if (i < demo.length) {
      usernames.push([demo[i], DEMO_PASSWORD]);
      continue;
    }
    const username = `chaos${i}`;
    const created = await api('POST', '/api/users', {
      token: admin.token,
      json: { username, displayName: `混沌 ${i}`, password: 'chaos-password-1', departmentId },
    });
    if (created.status !== 201) throw new Error(`create ${username}: ${created.status} ${JSON.stringify(created.body)}`);
    usernames.push([username, 'chaos-password-1']);
  }
  // Two nodes: client i belongs on node (i mod 2); a sign-in is a new session cookie, so a new place on nginx's hash
  // ring, and the campaign signs in again until nginx sends the session there.
  const clientsPerNode = Object.fromEntries(nodes.map((n) => [n.name, 0]));
  const users = [];
  for (const [index, [username, password]] of usernames.entries()) {
    if (NODES === 1) {
      users.push({ username, ...(await login(username, password)) });
      continue;
    }
    const wanted = nodes[index % NODES];
    let user;
    for (let attempt = 0; attempt < 30 && !user; attempt++) {
      const candidate = await login(username, password);
      if ((await upstreamOf(candidate)) === `127.0.0.1:${wanted.port}`) user = candidate;
    }
    if (!user) throw new Error(`${username}: 30 sign-ins and never on ${wanted.name}`);
    clientsPerNode[wanted.name] += 1;
    users.push({ username, ...user });
  }
  const channels = [];
  for (let c = 0; c < CHANNELS; c++) {
    const res = await api('POST', '/api/chat/channels', {
      token: admin.token,
      json: { name: `chaos-${c}`, type: 'private', memberIds: users.map((u) => u.id).filter((id) => id !== admin.id) },
    });
    if (res.status !== 201) throw new Error(`channel: ${res.status} ${JSON.stringify(res.body)}`);
    channels.push(res.body.id);
  }
  const clients = users.map((u, i) => new Client(i, u, channels));
  clients.forEach((c) => c.connect());
  const perClient = Math.ceil(MESSAGES / CLIENTS);
  clients.forEach((c) => c.enqueue(perClient));
  const planned = perClient * CLIENTS;
  let total = planned;
  const sendingStarted = Date.now();
  const ackedCount = () => clients.reduce((n, c) => n + c.acked.size, 0);

  // The chaos. One node: at a quarter of the acknowledgements the server dies with SIGKILL; at a half, PostgreSQL
  // restarts; at three quarters, a third of the clients lose their network (the transport is dropped without a close
  // handshake); the server is killed once more at 90%. Two nodes: each node in turn is killed and restarted, PostgreSQL
  // restarts under both, a third of the clients lose their network, and each node is killed once more.
  const plan =
    NODES === 1
      ? [
          [0.25, 'kill', nodes[0]],
          [0.5, 'pg'],
          [0.75, 'cut'],
          [0.9, 'kill', nodes[0]],
        ]
      : [
          [0.15, 'kill', nodes[0]],
          [0.3, 'kill', nodes[1]],
          [0.45, 'pg'],
          [0.6, 'cut'],
          [0.75, 'kill', nodes[0]],
          [0.9, 'kill', nodes[1]],
        ];
  const deadline = Number.isFinite(UNTIL) ? UNTIL + 900_000 : Date.now() + Math.max(600_000, total * 30);
  let lastProgress = Date.now();
  while (ackedCount() < total) {
    if (Date.now() > deadline) throw new Error(`only ${ackedCount()} of ${total} acknowledged before the deadline`);
    if (Date.now() > UNTIL && total === planned) {
      // Out of time: messages never sent leave the outboxes; those sent at least once stay until acknowledged.
      for (const c of clients) c.outbox = c.outbox.filter((entry) => entry.attempts > 0);
      total = clients.reduce((n, c) => n + c.acked.size + c.outbox.length + c.inFlight.size, 0);
      stoppedAt = Date.now();
      log(`time limit: ${total} of ${planned} messages sent, draining`);
    }
    const share = Math.max(ackedCount() / total, Number.isFinite(UNTIL) ? (Date.now() - sendingStarted) / (UNTIL - sendingStarted) : 0);
    while (plan.length && share >= plan[0][0]) {
      const [, what, node] = plan.shift();
      if (what === 'kill') {
        if (NODES > 1) {
          // Never both nodes at once: the other node has been up long enough for nginx to send clients to it again.
          const other = nodes.find((n) => n !== node);
          await sleep(Math.max(0, other.startedAt + NGINX_FAIL_TIMEOUT_MS + 1_000 - Date.now()));
        }
        log(`SIGKILL ${node.name} at ${ackedCount()} acknowledged`);
        const child = node.entry.child;
        child.kill('SIGKILL');
        await exited(child);
        counters.serverKills += 1;
        await startServer(node);
        log(`${node.name} restarted`);
      } else if (what === 'pg') {
        log(`restarting PostgreSQL at ${ackedCount()} acknowledged`);
        await database.stop();
        database = await startEmbeddedPostgres({ dir: pgDir, port: pgPort });
        counters.pgRestarts += 1;
        log('PostgreSQL restarted');
      } else {
        const cut = clients.filter((_, i) => i % 3 === 0);
        log(`cutting the network of ${cut.length} clients at ${ackedCount()} acknowledged`);
        for (const c of cut) c.socket.io.engine.close();
        counters.networkCuts += cut.length;
      }
    }
    for (const c of clients) c.pump();
    await sleep(100);
    if (Date.now() - lastProgress > 5_000) {
      lastProgress = Date.now();
      const connected = clients.filter((c) => c.socket.connected).length;
      const waiting = clients.reduce((n, c) => n + c.outbox.length + c.inFlight.size, 0);
      log(`${ackedCount()}/${total} acknowledged, ${connected}/${clients.length} connected, ${waiting} waiting, ${JSON.stringify(counters)}, codes ${JSON.stringify(codes)}`);
    }
  }
  const drainedAt = Date.now();
  for (const c of crashes) failures.push(`${c.node} crashed at ${c.at} (code ${c.code}, signal ${c.signal})`);
  log(`all ${total} acknowledged; checking the database and converging every client`);

  // Every acknowledged message stored exactly once, under the id and seq its acknowledgement gave.
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const stored = (
    await db.query(`SELECT id::text, channel_id::text AS channel_id, seq::text AS seq, client_msg_id FROM chat_messages WHERE channel_id = ANY($1::uuid[])`, [channels])
  ).rows;
  const byClientId = new Map();
  let duplicates = 0;
  for (const row of stored) {
    if (byClientId.has(row.client_msg_id)) {
      duplicates += 1;
      if (failures.length < 50) failures.push(`clientMsgId ${row.client_msg_id} stored twice`);
    }
    byClientId.set(row.client_msg_id, row);
  }
  let checked = 0;
  for (const c of clients) {
    for (const [clientMsgId, ack] of c.acked) {
      const row = byClientId.get(clientMsgId);
      checked += 1;
      if (!row) failures.push(`acknowledged ${clientMsgId} is not stored`);
      else if (row.id !== ack.id || Number(row.seq) !== ack.seq) failures.push(`acknowledged ${clientMsgId} differs from what is stored`);
    }
  }
  if (stored.length !== total) failures.push(`${stored.length} messages stored for ${total} sent`);
  // Gap-free seq per channel.
  let seqGaps = 0;
  for (const channelId of channels) {
    const seqs = stored
      .filter((r) => r.channel_id === channelId)
      .map((r) => Number(r.seq))
      .sort((a, b) => a - b);
    seqs.forEach((seq, i) => {
      if (seq === i + 1) return;
      seqGaps += 1;
      if (failures.length < 50) failures.push(`channel ${channelId}: seq ${seq} at position ${i + 1}`);
    });
  }
  // Every client converges through chat:sync from nothing.
  let converged = 0;
  for (const c of clients) {
    if (!c.socket.connected) await new Promise((resolve) => c.socket.once('connect', resolve));
    const seen = new Set();
    const cursors = Object.fromEntries(channels.map((id) => [id, 0]));
    for (let round = 0; round < 10_000; round++) {
      const answer = await c.socket.timeout(30_000).emitWithAck('chat:sync', { cursors });
      if (!answer.ok) throw new Error(`sync: ${JSON.stringify(answer.error)}`);
      for (const m of answer.messages) {
        seen.add(m.id);
        cursors[m.channelId] = Math.max(cursors[m.channelId], m.seq);
      }
      if (!answer.more.length) break;
    }
    if (seen.size === stored.length && stored.every((r) => seen.has(r.id))) converged += 1;
    else failures.push(`client ${c.index} converged on ${seen.size} of ${stored.length}`);
  }
  await db.end();
  clients.forEach((c) => c.socket.disconnect());
  report = {
    campaign: NODES > 1 ? 'chaos-two-nodes' : 'chaos',
    nodes: NODES,
    clients: CLIENTS,
    ...(NODES > 1 ? { clientsPerNode, pollingClients: clients.filter((c) => c.transport === 'polling').length } : {}),
    channels: CHANNELS,
    planned,
    sent: total,
    stoppedAtTimeLimit: stoppedAt !== undefined,
    sendingSeconds: Math.round((drainedAt - sendingStarted) / 1000),
    acknowledged: ackedCount(),
    stored: stored.length,
    duplicates,
    seqGaps,
    acknowledgementsChecked: checked,
    clientsConverged: converged,
    ...counters,
    refusedCodes: codes,
    internalErrors: codes.internal_error ?? 0,
    serverCrashes: crashes.length,
    crashOutput: crashes.map((c) => `${c.node} ${c.at} code ${c.code}: ${c.output.slice(-600)}`),
    seconds: Math.round((Date.now() - started) / 1000),
    failures: failures.length,
    firstFailures: failures.slice(0, 10),
  };
} catch (error) {
  failures.push(String(error instanceof Error ? error.stack : error));
  report = {
    campaign: NODES > 1 ? 'chaos-two-nodes' : 'chaos',
    nodes: NODES,
    failures: failures.length,
    firstFailures: failures.slice(0, 10),
    ...counters,
    output: [...nodes.filter((n) => n.entry), ...helpers.map((h) => ({ entry: h }))].map((n) => `--- ${n.entry.name}\n${n.entry.output().slice(-2_000)}`).join('\n'),
  };
} finally {
  await stopProcesses();
  await database.stop().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}
const line = JSON.stringify(report);
if (args.json) writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${line}\n`);
process.exit(failures.length ? 1 : 0);
