// npm run bench:disaster [-- --quick] [USERS=2000 ROUNDS=3 ...]
// One urgent message to USERS connected staff sockets: the time until every socket has it (chat:message) and its
// `delivered` receipt is committed, then until USERS acknowledgements (each sent twice, as an outbox resend would)
// are committed and shown on the officer's board (disaster:ack counts, then GET …/acks). Floors in the same run:
// a bare socket.io broadcast to the same number of sockets, and a bare relay that commits one INSERT per
// acknowledgement before relaying it to one board socket. Ratios = Yakuba / floor. WATCHERS of the staff sockets
// also watch the disaster, as staff on its page do: the board is complete when each of them has seen every
// acknowledgement counted. See docs/benchmarks.md.
import { createHmac, randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  api,
  expectStatus,
  machine,
  ms,
  onCleanup,
  options,
  percentiles,
  ProcSampler,
  ratio,
  runBenchmark,
  startRelay,
  startYakuba,
  table,
} from './bench-lib.mjs';
import { connectClients, emitAck } from './load-driver.mjs';

/**
 * Sessions for the bulk users without 2,000 argon2 sign-ins (minutes on 2 cores, and not what is measured): a
 * `sessions` row each and the HS256 JWT the server signs at sign-in ({ sub, sid }), with the JWT_SECRET the bench
 * gives the server.
 */
const JWT_SECRET = randomBytes(32).toString('hex');
const b64 = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
function sessionToken(sub, sid) {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, sid, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 * 8 })}`;
  return `${head}.${createHmac('sha256', JWT_SECRET).update(head).digest('base64url')}`;
}

const opts = options({ USERS: 2000, ROUNDS: 3, TIMEOUT_S: 180, WATCHERS: 20 }, { USERS: 200, ROUNDS: 2 });

/** Resolves when `done()` holds, checked on every call of the returned `poke`; rejects after TIMEOUT_S. */
function waiter(done, what) {
  let poke;
  const promise = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: not done within ${opts.TIMEOUT_S} s`)), opts.TIMEOUT_S * 1000);
    poke = () => {
      if (done()) {
        clearTimeout(timer);
        resolve(performance.now());
      }
    };
  });
  return { promise, poke };
}

/** Floor 1: one broadcast from the bare relay to `sockets` (all in room 'all'); ms until every socket has it. */
async function floorBroadcast(sender, sockets, round) {
  const got = new Array(sockets.length).fill(NaN);
  let count = 0;
  const tag = `floor-${round}`;
  const w = waiter(() => count === sockets.length, 'floor broadcast');
  const handlers = sockets.map((s, i) => {
    const h = (p) => {
      if (p?.message?.tag !== tag || !Number.isNaN(got[i])) return;
      got[i] = performance.now();
      count++;
      w.poke();
    };
    s.on('message', h);
    return h;
  });
  const t0 = performance.now();
  await emitAck(sender, 'send', { room: 'all', tag, body: '【訓練】全職員は安否を回答してください。' });
  const end = await w.promise;
  sockets.forEach((s, i) => s.off('message', handlers[i]));
  return { total: end - t0, latency: percentiles(got.map((g) => g - t0)) };
}

/** Floor 2: every socket sends one durable message (INSERT + commit in the relay) to the board socket. */
async function floorAcks(board, sockets, round) {
  let count = 0;
  const sentAt = new Array(sockets.length);
  const lat = [];
  const tag = `ack-${round}`;
  const w = waiter(() => count === sockets.length, 'floor acks');
  const h = (p) => {
    if (p?.message?.tag !== tag) return;
    lat.push(performance.now() - sentAt[p.message.i]);
    count++;
    w.poke();
  };
  board.on('message', h);
  const t0 = performance.now();
  sockets.forEach((s, i) => {
    sentAt[i] = performance.now();
    s.emit('send', { room: 'board', tag, i });
  });
  const end = await w.promise;
  board.off('message', h);
  return { total: end - t0, latency: percentiles(lat) };
}

/** One urgent message through Yakuba: delivery to every socket, delivered receipts, then acknowledgements. */
async function yakubaRound(base, officer, board, watchers, sockets, userIds, disasterId, round) {
  const n = sockets.length;
  const got = new Array(n).fill(NaN);
  let received = 0;
  let deliveredCommitted = 0;
  let deliveredFailed = 0;
  let messageId;
  const wReceived = waiter(() => received === n, 'urgent delivery');
  const wDelivered = waiter(() => deliveredCommitted + deliveredFailed === n, 'delivered receipts');
  const handlers = sockets.map((s, i) => {
    const h = (p) => {
      if (!p?.message?.urgent || p.message.body !== `【訓練】第${round}報：安否を回答してください。` || !Number.isNaN(got[i])) return;
      got[i] = performance.now();
      received++;
      wReceived.poke();
      void emitAck(s, 'disaster:delivered', { messageIds: [p.message.id] }, 120_000).then((a) => {
        if (a.ok) deliveredCommitted++;
        else {
          deliveredFailed++;
          if (deliveredFailed <= 3) console.log(`delivered receipt refused: ${JSON.stringify(a.error)}`);
        }
        wDelivered.poke();
      });
    };
    s.on('chat:message', h);
    return h;
  });
  const t0 = performance.now();
  const posted = await expectStatus(
    api(base, 'POST', `/api/disasters/${disasterId}/urgent`, {
      token: officer.token,
      json: { body: `【訓練】第${round}報：安否を回答してください。` },
    }),
    201,
    'urgent',
  );
  messageId = posted.message.id;
  const receivedAt = await wReceived.promise;
  const deliveredAt = await wDelivered.promise;
  sockets.forEach((s, i) => s.off('chat:message', handlers[i]));

  // Acknowledgements: everyone presses 確認しました at once, and each press is sent twice (an outbox resend).
  const ackSentAt = new Map();
  const ackLat = [];
  let boardAcks = 0;
  let boardCount = 0;
  const wBoard = waiter(() => boardCount >= n && boardAcks >= n, 'board acknowledgements');
  const onBoard = (e) => {
    if (e.receipt.messageId !== messageId || e.receipt.state !== 'acknowledged') return;
    boardAcks++;
    boardCount = Math.max(boardCount, e.counts.acknowledged);
    const sent = ackSentAt.get(e.receipt.userId);
    if (sent !== undefined) ackLat.push(performance.now() - sent);
    wBoard.poke();
  };
  board.on('disaster:ack', onBoard);
  // The same board on the staff watchers' screens: complete when each has seen n acknowledged.
  const seen = new Array(watchers.length).fill(0);
  let watchersDone = 0;
  const wWatchers = waiter(() => watchersDone === watchers.length, "watchers' boards");
  const onWatch = watchers.map((s, i) => {
    const h = (e) => {
      if (e.receipt.messageId !== messageId || seen[i] >= n) return;
      seen[i] = Math.max(seen[i], e.counts.acknowledged);
      if (seen[i] >= n) {
        watchersDone++;
        wWatchers.poke();
      }
    };
    s.on('disaster:ack', h);
    return h;
  });
  wWatchers.poke();
  const a0 = performance.now();
  const answers = [];
  sockets.forEach((s, i) => {
    ackSentAt.set(userIds[i], performance.now());
    answers.push(emitAck(s, 'disaster:ack', { messageId }, 120_000), emitAck(s, 'disaster:ack', { messageId }, 120_000));
  });
  const boardAt = await wBoard.promise;
  const watchersAt = await wWatchers.promise;
  watchers.forEach((s, i) => s.off('disaster:ack', onWatch[i]));
  const oks = (await Promise.all(answers)).filter((a) => a.ok).length;
  board.off('disaster:ack', onBoard);
  const acks = await expectStatus(
    api(base, 'GET', `/api/disasters/${disasterId}/urgent/${messageId}/acks`, { token: officer.token }),
    200,
    'acks',
  );
  const ours = new Set(userIds);
  const counted = acks.acknowledged.filter((a) => ours.has(a.userId));
  const once = new Set(counted.map((a) => a.userId)).size === counted.length;
  return {
    delivery: { total: receivedAt - t0, latency: percentiles(got.map((g) => g - t0)) },
    deliveredReceipts: deliveredAt - t0,
    deliveredFailed,
    acks: { total: boardAt - a0, latency: percentiles(ackLat) },
    watchers: watchersAt - a0,
    check: { acknowledged: counted.length, boardEvents: boardAcks, oks, once, expected: n },
  };
}

async function main() {
  console.log(`bench:disaster — ${machine()}`);
  console.log(
    `${opts.USERS} staff sockets (${opts.WATCHERS} of them watching the board), ${opts.ROUNDS} urgent messages; floors: bare socket.io broadcast, bare durable relay\n`,
  );
  // No demo data (its seeding takes minutes on a busy 2-core machine): the bench makes its own staff and officer.
  const server = await startYakuba({ JWT_SECRET, SEED_DEMO: 'false' });
  console.log(`Yakuba server ready in ${server.startSeconds.toFixed(1)} s`);
  const relay = await startRelay(server.pgUrl);
  const floorSockets = await connectClients(relay.url, opts.USERS, () => undefined, 10);
  await Promise.all(floorSockets.map((s) => emitAck(s, 'join', ['all'])));
  const [floorSender, floorBoard] = await connectClients(relay.url, 2, () => undefined);
  await emitAck(floorBoard, 'join', ['board']);

  const db = new pg.Client({ connectionString: server.pgUrl });
  await db.connect();
  onCleanup(() => db.end());
  // Accounts that sign in only through the sessions below (no password can match this hash).
  const { rows: inserted } = await db.query(
    `INSERT INTO users (username, display_name, password_hash, roles)
     SELECT 'bench.disaster.' || g, 'ベンチ 職員' || g, 'no-password', CASE WHEN g = 0 THEN '{staff,disaster_officer}'::text[] ELSE '{staff}' END
       FROM generate_series(0, $1::int) g ORDER BY g RETURNING id, username`,
    [opts.USERS],
  );
  const officerRow = inserted.find((u) => u.username === 'bench.disaster.0');
  const users = inserted.filter((u) => u !== officerRow);
  let t = performance.now();
  const { rows: sessions } = await db.query(
    `INSERT INTO sessions (user_id, expires_at) SELECT u, now() + interval '8 hours' FROM unnest($1::uuid[]) u RETURNING id, user_id`,
    [[officerRow.id, ...users.map((u) => u.id)]],
  );
  const sid = new Map(sessions.map((r) => [r.user_id, r.id]));
  const tokens = users.map((u) => ({ token: sessionToken(u.id, sid.get(u.id)) }));
  console.log(`${users.length} sessions in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const sockets = await connectClients(server.url, opts.USERS, (i) => ({ token: tokens[i].token }), 10);
  console.log(`${sockets.length} sockets in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  onCleanup(() => [...sockets, ...floorSockets, floorSender, floorBoard].forEach((s) => s.disconnect()));
  const officer = { token: sessionToken(officerRow.id, sid.get(officerRow.id)) };
  const [board] = await connectClients(server.url, 1, () => ({ token: officer.token }));
  t = performance.now();
  const disaster = await expectStatus(
    api(server.url, 'POST', '/api/disasters', {
      token: officer.token,
      json: { title: 'ベンチマーク訓練', kind: 'earthquake', level: 1, drill: true },
    }),
    201,
    'declare',
  );
  console.log(`declared with ${disaster.memberCount} members in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  const watch = await emitAck(board, 'disaster:watch', { disasterId: disaster.id });
  if (!watch.ok) throw new Error(`watch: ${JSON.stringify(watch)}`);
  const watchers = sockets.slice(0, opts.WATCHERS);
  for (const s of watchers) {
    const w = await emitAck(s, 'disaster:watch', { disasterId: disaster.id });
    if (!w.ok) throw new Error(`staff watch: ${JSON.stringify(w)}`);
  }

  const sampler = new ProcSampler(server.pid);
  onCleanup(() => sampler.stop());
  const rows = [];
  const checks = [];
  for (let round = 1; round <= opts.ROUNDS; round++) {
    const fb = await floorBroadcast(floorSender, floorSockets, round);
    sampler.mark();
    const y = await yakubaRound(
      server.url,
      officer,
      board,
      watchers,
      sockets,
      users.map((u) => u.id),
      disaster.id,
      round,
    );
    const proc = sampler.window();
    const fa = await floorAcks(floorBoard, floorSockets, round);
    rows.push(
      [
        `${round}`,
        'delivery: all sockets have it',
        ms(y.delivery.total),
        ms(fb.total),
        ratio(y.delivery.total, fb.total),
        ms(y.delivery.latency.p50),
        ms(y.delivery.latency.p95),
        ms(y.delivery.latency.p99),
        `${proc.machineBusyPct.toFixed(0)}% / others ${proc.othersPct.toFixed(0)}%`,
      ],
      [
        `${round}`,
        `delivered receipts committed${y.deliveredFailed ? ` (${y.deliveredFailed} refused)` : ''}`,
        ms(y.deliveredReceipts),
        '',
        '',
        '',
        '',
        '',
        '',
      ],
      [
        `${round}`,
        `${opts.USERS} acks on the board`,
        ms(y.acks.total),
        ms(fa.total),
        ratio(y.acks.total, fa.total),
        ms(y.acks.latency.p50),
        ms(y.acks.latency.p95),
        ms(y.acks.latency.p99),
        '',
      ],
      [
        `${round}`,
        `the same on ${opts.WATCHERS} staff watchers' boards`,
        ms(y.watchers),
        ms(fa.total),
        ratio(y.watchers, fa.total),
        '',
        '',
        '',
        '',
      ],
      [`${round}`, 'acks on the board / bare broadcast', ms(y.acks.total), ms(fb.total), ratio(y.acks.total, fb.total), '', '', '', ''],
      [
        `${round}`,
        'floor latency p50/p99',
        '',
        '',
        '',
        `${ms(fb.latency.p50)} / ${ms(fa.latency.p50)}`,
        '',
        `${ms(fb.latency.p99)} / ${ms(fa.latency.p99)}`,
        '',
      ],
    );
    checks.push(y.check);
  }
  console.log(table(['round', 'what', 'Yakuba', 'floor', 'ratio', 'p50', 'p95', 'p99', 'machine busy'], rows));
  console.log('\nfloor latency row: broadcast / durable relay.');
  for (const [i, c] of checks.entries())
    console.log(
      `round ${i + 1}: ${c.acknowledged}/${c.expected} acknowledged on GET …/acks, ${c.boardEvents} board events for ${c.expected * 2} presses (${c.oks} answered ok), each counted once: ${c.once && c.acknowledged === c.expected && c.boardEvents === c.expected ? 'yes' : 'NO'}`,
    );
  if (checks.some((c) => !c.once || c.acknowledged !== c.expected || c.boardEvents !== c.expected))
    throw new Error('an acknowledgement was lost or counted twice');
}

runBenchmark('bench:disaster', main, 30 * 60_000);
