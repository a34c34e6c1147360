// npm run bench:users [-- --quick] [MESSAGES=1000000 START=250 STEP=250 MAX_USERS=4000 STEP_SECONDS=120 CHANNELS=200 NODES=1]
// How many staff one node carries, by Mattermost's simulated-user model (mattermost-load-test-ng's SimulController:
// each user waits 1–39 s, 20 s on average, between actions, and picks the next action with the frequencies of its
// action list: switching channel 6.52, scrolling 1.99, opening a direct/group channel 0.98, checking unreads 1,
// posting 1 (a tenth of them replies), global threads 0.60, thread read 0.32, permalink 0.30, viewing a thread 0.28,
// reconnecting the WebSocket 0.144, reacting 0.13, editing 0.04, searching users 0.032, searching posts 0.022,
// plus the rare ones folded into the nearest of ours). Yakuba's action for each (the same API the web client uses):
//   switch channel → GET history (latest page) + chat:read      scroll → GET history before the oldest seen
//   unread check / global threads → GET /api/chat/channels    open DM → history of one of the user's channels
//   post / reply → chat:send (a reply in a thread 1 in 10)      react → chat:react       edit → chat:edit
//   thread view / permalink → GET history with threadRootId     search → GET /api/chat/search   search users → GET
//   /api/users?q=<a name>   reconnect → GET /api/users (the directory, which the web client loads once at start) +
//   a new socket + chat:sync
// Users are added in steps (START, +STEP every STEP_SECONDS) over a dataset of MESSAGES messages, with the database
// and this load generator on the same machine as the server. A step fails when p99 > 2 s, the mean > 100 ms or
// errors (5xx, socket internal_error/unavailable, timeouts) > 0.025% of actions; the supported users are those of
// the last step that passed. Prints per step: users, actions/s, p50/p95/p99/mean, errors, server CPU and memory.
// The floor of each step: GET /api/health interleaved (the machine's own latency at that load).
// NODES=2: two nodes on the one PostgreSQL, redis-server (REDIS_URL) and Debian's nginx in front with
// deploy/nginx/yakuba.conf, as in production; every simulated user goes through nginx and carries its session
// cookie, which is what the proxy's sticky hash reads (test/bench/cluster-lib.mjs starts them).
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { api, machine, ms, onCleanup, options, percentiles, ProcSampler, ROOT, runBenchmark, startYakuba, stopChild, table } from './bench-lib.mjs';
import { keepOutput, startNginx, startNode, startRedis } from './cluster-lib.mjs';
import { connectClients, emitAck } from './load-driver.mjs';

const opts = options(
  { MESSAGES: 1_000_000, START: 250, STEP: 250, MAX_USERS: 4000, STEP_SECONDS: 120, CHANNELS: 200, NODES: 1 },
  { MESSAGES: 50_000, START: 50, STEP: 50, MAX_USERS: 150, STEP_SECONDS: 30, CHANNELS: 30 },
);
const MIN_IDLE_MS = 1000;
const AVG_IDLE_MS = 20_000;
const LIMITS = { p99: 2000, mean: 100, errorShare: 0.00025 };

const JWT_SECRET = randomBytes(32).toString('hex');
const b64 = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
function sessionToken(sub, sid) {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, sid, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 * 12 })}`;
  return `${head}.${createHmac('sha256', JWT_SECRET).update(head).digest('base64url')}`;
}

const ACTIONS = [
  ['switchChannel', 6.5219],
  ['scrollChannel', 1.9873],
  ['openSmallChannel', 0.9843],
  ['unreadCheck', 1 + 0.6023],
  ['post', 1],
  ['viewThread', 0.2841 + 0.3],
  ['threadRead', 0.3236],
  ['reconnect', 0.144],
  ['react', 0.1306],
  ['edit', 0.04],
  ['searchUsers', 0.032],
  ['searchPosts', 0.0218 + 0.015],
];
const TOTAL = ACTIONS.reduce((n, [, f]) => n + f, 0);
function pickAction() {
  let r = Math.random() * TOTAL;
  for (const [name, f] of ACTIONS) if ((r -= f) < 0) return name;
  return ACTIONS[0][0];
}
const idle = () => MIN_IDLE_MS + Math.random() * (2 * AVG_IDLE_MS - 2 * MIN_IDLE_MS);
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const WORDS = [
  '会議',
  '資料',
  '確認',
  '予算',
  '住民',
  '窓口',
  '道路',
  '除雪',
  '防災',
  '訓練',
  '申請',
  '決裁',
  '議会',
  '広報',
  '税務',
  '福祉',
];
const sentence = () => `${pick(WORDS)}の件、${pick(WORDS)}について${pick(['確認しました', 'お願いします', '共有します', '承知しました'])}`;

/** Loads the dataset with SQL: channels with members, MESSAGES messages (search terms by the chat's own tokenizer). */
async function loadData(db, users) {
  const t0 = performance.now();
  const require = createRequire(import.meta.url);
  const { indexTerms } = require(join(ROOT, 'dist/libs/chat/src/domain/search-terms.js'));
  const { rows: channels } = await db.query(
    `INSERT INTO chat_channels (name, type, created_by) SELECT 'bench-users-' || g, 'public', $1 FROM generate_series(1, $2::int) g RETURNING id`,
    [users[0].id, opts.CHANNELS],
  );
  // Every user in 5 channels of about MAX_USERS × 5 / CHANNELS members.
  const memberships = [];
  users.forEach((u, i) => {
    for (let k = 0; k < 5; k++) memberships.push([channels[(i * 7 + k * 37) % channels.length].id, u.id]);
  });
  await db.query(
    `INSERT INTO chat_members (channel_id, user_id, role) SELECT c, u, 'member' FROM unnest($1::uuid[], $2::uuid[]) AS x(c, u) ON CONFLICT DO NOTHING`,
    [memberships.map((m) => m[0]), memberships.map((m) => m[1])],
  );
  const phrases = Array.from({ length: 200 }, () => sentence());
  await db.query('CREATE TEMP TABLE bench_phrases (i int, body text, terms text[])');
  await db.query(
    'INSERT INTO bench_phrases SELECT i - 1, b, ARRAY(SELECT json_array_elements_text(t)) FROM unnest($1::text[], $2::json[]) WITH ORDINALITY AS x(b, t, i)',
    [phrases, phrases.map((p) => JSON.stringify(indexTerms(p)))],
  );
  const perChannel = Math.ceil(opts.MESSAGES / channels.length);
  for (const { id } of channels) {
    await db.query(
      `INSERT INTO chat_messages (channel_id, seq, client_msg_id, author_id, body, created_at, updated_at, search_terms)
       SELECT $1, g, 'b' || g, (SELECT user_id FROM chat_members WHERE channel_id = $1 ORDER BY user_id LIMIT 1 OFFSET (g % 5)),
              p.body || ' ' || g, now() - interval '365 days' + (g::float / $2) * interval '365 days',
              now() - interval '365 days' + (g::float / $2) * interval '365 days', p.terms
         FROM generate_series(1, $2::int) g JOIN bench_phrases p ON p.i = g % 200`,
      [id, perChannel],
    );
    await db.query('UPDATE chat_channels SET last_seq = $2 WHERE id = $1', [id, perChannel]);
  }
  await db.query('UPDATE chat_members m SET last_read_seq = c.last_seq FROM chat_channels c WHERE c.id = m.channel_id');
  await db.query('ANALYZE');
  console.log(
    `dataset: ${channels.length} channels, ${memberships.length} memberships, ${perChannel * channels.length} messages in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const byUser = new Map();
  for (const [c, u] of memberships) byUser.set(u, [...(byUser.get(u) ?? []), c]);
  return byUser;
}

/** One simulated person: their socket, their channels, what they saw; runs actions until `stop`. */
class SimUser {
  constructor(server, user, channels, record) {
    Object.assign(this, { server, user, channels, record });
    this.seen = new Map();
    this.stopped = false;
  }

  async connect() {
    [this.socket] = await connectClients(this.server.url, 1, () => ({ token: this.user.token }), 1, this.server.headersOf?.(this.user));
    this.socket.on('chat:message', () => undefined);
  }

  async timed(name, fn) {
    const t0 = performance.now();
    let error = null;
    try {
      const ok = await fn();
      if (ok === false) error = 'failed';
    } catch (e) {
      error = e.message ?? String(e);
    }
    this.record(name, performance.now() - t0, error);
  }

  async http(method, path, json, headers = {}) {
    const res = await api(this.server.url, method, path, { token: this.user.token, json, headers: { ...this.server.headersOf?.(this.user), ...headers } });
    if (res.status >= 500) throw new Error(`${method} ${path}: ${res.status}`);
    return res;
  }

  async socketCall(event, payload) {
    const answer = await emitAck(this.socket, event, payload, 15_000);
    if (!answer.ok && ['internal_error', 'unavailable'].includes(answer.error?.code)) throw new Error(`${event}: ${answer.error.code}`);
    return answer;
  }

  async history(channelId, query = '') {
    const res = await this.http('GET', `/api/chat/channels/${channelId}/messages${query}`);
    const messages = res.body?.messages ?? [];
    if (messages.length) this.seen.set(channelId, messages);
    return messages;
  }

  async act(name) {
    const channel = pick(this.channels);
    switch (name) {
      case 'switchChannel':
        return this.timed(name, async () => {
          const messages = await this.history(channel, '?limit=50');
          const last = messages.at(-1);
          if (last) await this.socketCall('chat:read', { channelId: channel, seq: Number(last.seq) });
        });
      case 'scrollChannel':
        return this.timed(name, async () => {
          const oldest = this.seen.get(channel)?.[0];
          await this.history(channel, oldest ? `?limit=50&before=${oldest.seq}` : '?limit=50');
        });
      case 'openSmallChannel':
        return this.timed(name, () => this.history(channel, '?limit=50'));
      case 'unreadCheck':
        return this.timed(name, () => this.http('GET', '/api/chat/channels'));
      case 'post':
        return this.timed(name, async () => {
          const root = Math.random() < 0.1 ? pick(this.seen.get(channel) ?? [null]) : null;
          const answer = await this.socketCall('chat:send', {
            channelId: channel,
            clientMsgId: randomUUID(),
            body: sentence(),
            ...(root ? { threadRootId: root.id } : {}),
          });
          if (answer.ok) this.mine = { id: answer.message.id };
          return answer.ok || answer.error?.code === 'rate_limited';
        });
      case 'viewThread':
      case 'threadRead':
        return this.timed(name, async () => {
          const root = pick(this.seen.get(channel) ?? [null]);
          if (root) await this.history(channel, `?threadRootId=${root.id}`);
        });
      case 'reconnect':
        return this.timed(name, async () => {
          // A device that wakes up: the web client starts again, loading the staff directory once, as at start.
          this.socket.disconnect();
          // As a browser does with the directory's ETag (Cache-Control: no-cache): 304 while it has not changed.
          const directory = await this.http('GET', '/api/users', undefined, this.directoryTag ? { 'if-none-match': this.directoryTag, 'cache-control': 'max-age=0' } : {});
          this.directoryTag = directory.headers.get('etag') ?? this.directoryTag;
          await this.connect();
          const cursors = Object.fromEntries(this.channels.map((c) => [c, Number(this.seen.get(c)?.at(-1)?.seq ?? 0)]));
          await this.socketCall('chat:sync', { cursors });
        });
      case 'react':
        return this.timed(name, async () => {
          const target = pick(this.seen.get(channel) ?? [null]);
          if (target) await this.socketCall('chat:react', { messageId: target.id, emoji: pick(['👍', '🙏', '✅']) });
        });
      case 'edit':
        return this.timed(name, async () => {
          if (this.mine) await this.socketCall('chat:edit', { messageId: this.mine.id, body: `${sentence()}（修正）` });
        });
      case 'searchUsers':
        return this.timed(name, () => this.http('GET', `/api/users?q=${encodeURIComponent(`職員${1 + Math.floor(Math.random() * opts.MAX_USERS)}`)}`));
      case 'searchPosts':
        return this.timed(name, () => this.http('GET', `/api/chat/search?q=${encodeURIComponent(pick(WORDS))}`));
    }
  }

  async run() {
    await new Promise((r) => setTimeout(r, Math.random() * AVG_IDLE_MS));
    while (!this.stopped) {
      await this.act(pickAction());
      await new Promise((r) => setTimeout(r, idle()));
    }
  }
}

async function main() {
  console.log(`bench:users — ${machine()}`);
  console.log(
    `simulated staff (Mattermost's SimulController model), +${opts.STEP} every ${opts.STEP_SECONDS} s from ${opts.START} to ${opts.MAX_USERS}, over ${opts.MESSAGES} messages\n`,
  );
  const cluster = opts.NODES > 1 ? await startCluster() : null;
  const server = cluster?.front ?? (await startYakuba({ JWT_SECRET, SEED_DEMO: 'false' }));
  console.log(`Yakuba ${cluster ? `${opts.NODES} nodes behind nginx` : 'server'} ready in ${server.startSeconds.toFixed(1)} s (pid ${server.pids ?? server.pid})`);
  const db = new pg.Client({ connectionString: server.pgUrl });
  await db.connect();
  onCleanup(() => db.end());
  const { rows: inserted } = await db.query(
    `INSERT INTO users (username, display_name, password_hash, roles)
     SELECT 'bench.users.' || g, 'ベンチ 職員' || g, 'no-password', '{staff}' FROM generate_series(1, $1::int) g ORDER BY g RETURNING id`,
    [opts.MAX_USERS],
  );
  const { rows: sessions } = await db.query(
    `INSERT INTO sessions (user_id, expires_at) SELECT u, now() + interval '12 hours' FROM unnest($1::uuid[]) u RETURNING id, user_id`,
    [inserted.map((u) => u.id)],
  );
  const users = sessions.map((s) => ({ id: s.user_id, token: sessionToken(s.user_id, s.id) }));
  const channelsOf = await loadData(db, users);

  let samples = [];
  const record = (name, latency, error) => samples.push({ name, latency, error });
  const active = [];
  const steps = [];
  let supported = 0;
  for (let target = opts.START; target <= opts.MAX_USERS; target += opts.STEP) {
    const added = users.slice(active.length, target).map((u) => new SimUser(server, u, channelsOf.get(u.id), record));
    for (let i = 0; i < added.length; i += 25) await Promise.all(added.slice(i, i + 25).map((u) => u.connect()));
    for (const u of added) {
      active.push(u);
      void u.run();
    }
    samples = [];
    const floor = [];
    const samplers = (server.pids ?? [server.pid]).map((pid) => new ProcSampler(pid));
    const until = Date.now() + opts.STEP_SECONDS * 1000;
    while (Date.now() < until) {
      const t0 = performance.now();
      await fetch(`${server.url}/api/health`);
      floor.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 500));
    }
    const windows = samplers.map((sampler) => (clearInterval(sampler.timer), sampler.window()));
    // Several nodes: their CPU and peak RSS added up; PostgreSQL runs under the first.
    const proc = {
      cpuPct: windows.reduce((n, w) => n + w.cpuPct, 0),
      childCpuPct: windows[0].childCpuPct,
      machineBusyPct: windows[0].machineBusyPct,
      generatorPct: windows[0].generatorPct,
      peakRssKb: windows.reduce((n, w) => n + w.peakRssKb, 0),
    };
    const lat = samples.map((s) => s.latency);
    const p = percentiles(lat);
    const mean = lat.reduce((a, b) => a + b, 0) / Math.max(1, lat.length);
    const errors = samples.filter((s) => s.error).length;
    const share = errors / Math.max(1, samples.length);
    const passed = p.p99 <= LIMITS.p99 && mean <= LIMITS.mean && share <= LIMITS.errorShare;
    const step = {
      users: active.length,
      actions: samples.length,
      perSecond: samples.length / opts.STEP_SECONDS,
      p,
      mean,
      errors,
      share,
      floor: percentiles(floor),
      cpu: proc.cpuPct,
      pgCpu: proc.childCpuPct,
      busy: proc.machineBusyPct,
      generator: proc.generatorPct,
      rssMb: proc.peakRssKb / 1024,
      passed,
      worst: Object.entries(samples.reduce((m, s) => ((m[s.name] = [...(m[s.name] ?? []), s.latency]), m), {}))
        .map(([name, values]) => [name, percentiles(values).p99])
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3),
      firstError: samples.find((s) => s.error)?.error,
    };
    steps.push(step);
    console.log(
      `${String(step.users).padStart(5)} users  ${step.perSecond.toFixed(1)} actions/s  p50 ${ms(p.p50)}  p95 ${ms(p.p95)}  p99 ${ms(p.p99)}  mean ${ms(mean)}  ` +
        `errors ${errors} (${(share * 100).toFixed(3)}%)  floor p99 ${ms(step.floor.p99)}  server / PG / generator CPU ${step.cpu.toFixed(0)} / ${step.pgCpu.toFixed(0)} / ${step.generator.toFixed(0)}%  machine ${step.busy.toFixed(0)}%  RSS ${step.rssMb.toFixed(0)} MiB  ${passed ? 'ok' : 'OVER'}` +
        (step.firstError ? `  first error: ${step.firstError}` : ''),
    );
    if (!passed) break;
    supported = step.users;
  }
  for (const u of active) {
    u.stopped = true;
    u.socket?.disconnect();
  }
  console.log('');
  console.log(
    table(
      [
        'users',
        'actions/s',
        'p50',
        'p95',
        'p99',
        'mean',
        'errors',
        'floor p99',
        'server / PG / generator CPU',
        'machine busy',
        'server RSS',
        'slowest p99',
        'verdict',
      ],
      steps.map((s) => [
        s.users,
        s.perSecond.toFixed(1),
        ms(s.p.p50),
        ms(s.p.p95),
        ms(s.p.p99),
        ms(s.mean),
        `${s.errors} (${(s.share * 100).toFixed(3)}%)`,
        ms(s.floor.p99),
        `${s.cpu.toFixed(0)} / ${s.pgCpu.toFixed(0)} / ${s.generator.toFixed(0)} %`,
        `${s.busy.toFixed(0)} %`,
        `${s.rssMb.toFixed(0)} MiB`,
        s.worst.map(([n, v]) => `${n} ${ms(v)}`).join(', '),
        s.passed ? 'ok' : 'over',
      ]),
    ),
  );
  const last = steps.filter((s) => s.passed).at(-1);
  console.log(
    `\nsupported users on ${cluster ? `${opts.NODES} nodes` : 'one node'}: ${supported}${supported >= opts.MAX_USERS ? ' (the most this run tried)' : ''}` +
      (last
        ? `; per user: ${(last.cpu / last.users).toFixed(3)} % of one core, ${((last.rssMb * 1024) / last.users).toFixed(0)} KiB of server RSS`
        : ''),
  );
  console.log('limits: p99 ≤ 2 s, mean ≤ 100 ms, errors ≤ 0.025% (5xx, internal_error/unavailable, timeouts)');
}

/**
 * NODES=2: redis-server, the first node with the embedded PostgreSQL (startYakuba), the others on its database, and
 * nginx in front. Answers the server as startYakuba does, with the front's URL, every node's pid and the cookie
 * header that keeps a user on one node.
 */
async function startCluster() {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'yakuba-bench-cluster-'));
  const tracked = [];
  const track = (name, child) => {
    const entry = keepOutput(name, child);
    tracked.push(entry);
    return entry;
  };
  onCleanup(async () => {
    await Promise.all(tracked.map((e) => stopChild(e.child)));
    rmSync(dir, { recursive: true, force: true });
  });
  const redis = await startRedis({ dir, track });
  const first = await startYakuba({ JWT_SECRET, SEED_DEMO: 'false', REDIS_URL: redis.url, TRUSTED_PROXIES: '127.0.0.1' });
  const nodes = [{ port: Number(new URL(first.url).port), url: first.url }];
  for (let i = 2; i <= opts.NODES; i++) {
    const env = {
      ...process.env,
      JWT_SECRET,
      SEED_DEMO: 'false',
      DATABASE_URL: first.pgUrl,
      REDIS_URL: redis.url,
      TRUSTED_PROXIES: '127.0.0.1',
      DATA_DIR: first.dataDir,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MIGRATE_ON_START: 'false',
    };
    const { serverNodeFlags } = await import('../../scripts/lib.mjs');
    nodes.push(await startNode({ name: `node-${i}`, env, track, nodeArgs: await serverNodeFlags() }));
  }
  const nginx = await startNginx({ dir, nodes, track });
  return {
    front: {
      url: nginx.url,
      pgUrl: first.pgUrl,
      pid: first.pid,
      pids: [first.pid, ...tracked.filter((e) => e.name.startsWith('node-')).map((e) => e.child.pid)],
      startSeconds: (performance.now() - started) / 1000,
      headersOf: (user) => ({ cookie: `yakuba_session=${user.token}` }),
    },
  };
}

runBenchmark('bench:users', main, 3 * 3600_000);
