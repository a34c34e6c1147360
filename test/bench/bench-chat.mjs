// npm run bench:chat [-- --quick] [USERS=1000 CHANNELS=100 RATE=200 DURATION=30 ...]
// Chat send → deliver latency of Yakuba (real authenticated sockets, chat:send / chat:message) against a bare
// socket.io relay under the same load in the same run, then a ramp to the highest sustained rate.
// See docs/benchmarks.md. The search benchmark is test/bench/bench-search.mjs (npm run bench:search).
import pg from 'pg';
import {
  api, expectStatus, insertUsers, login, machine, mb, ms, onCleanup, options, pool, ProcSampler, ratio, rssKb,
  runBenchmark, startRelay, startYakuba, stopChild, table,
} from './bench-lib.mjs';
import { connectClients, disconnectAll, emitAck, interleaved, runPhase } from './load-driver.mjs';

const opts = options(
  { USERS: 1000, CHANNELS: 100, RATE: 200, DURATION: 30, SLICES: 6, WARMUP: 3, RAMP_START: 250, RAMP_STEP: 50, RAMP_SECONDS: 10, RAMP_MAX: 1500, P99_BOUND_MS: 250, TARGET_RATIO: 2 },
  { USERS: 100, CHANNELS: 10, RATE: 50, DURATION: 6, SLICES: 2, WARMUP: 1, RAMP_START: 100, RAMP_STEP: 50, RAMP_SECONDS: 3, RAMP_MAX: 200 },
);
if (opts.USERS % opts.CHANNELS !== 0) throw new Error('USERS must be a multiple of CHANNELS');
const perChannel = opts.USERS / opts.CHANNELS;

const SENTENCES = ['台風接近に伴い、避難所の開設準備をお願いします。', '明日の会議資料を共有フォルダに置きました。', '安否確認の集計は15時までにお願いします。', '予算要求の締め切りは来週金曜日です。', '議会答弁の想定問答を確認してください。'];
const body = (i) => `${SENTENCES[i % SENTENCES.length]}（${i}）`;

function phaseRow(name, r, floor) {
  return [
    name, `${r.rate}/s`, r.achievedRate.toFixed(0), `${r.acked}/${r.sent}`, `${r.delivered}/${r.expected}`, ms(r.latency.p50), ms(r.latency.p95), ms(r.latency.p99),
    floor ? ratio(r.latency.p50, floor.latency.p50) : '', floor ? ratio(r.latency.p99, floor.latency.p99) : '', ms(r.ack.p50), ms(r.generatorLagP99), r.proc ? `${r.proc.machineBusyPct.toFixed(0)}%` : '', r.proc ? `${r.proc.othersPct.toFixed(0)}%` : '',
  ];
}
const HEADER = ['phase', 'rate', 'sent/s', 'acked', 'delivered', 'p50', 'p95', 'p99', 'p50 ratio', 'p99 ratio', 'ack p50', 'gen lag p99', 'machine busy', 'others CPU'];

/** The same traffic shape for both servers: CHANNELS rooms of USERS/CHANNELS sockets, each member sends in turn. */
function chatGroups(sockets, channelIds, relay) {
  return channelIds.map((channelId, c) => ({
    senders: sockets.slice(c * perChannel, (c + 1) * perChannel),
    expected: perChannel,
    payload: (i, clientMsgId) => (relay ? { room: channelId, channelId, clientMsgId, body: body(i) } : { channelId, clientMsgId, body: body(i) }),
  }));
}

/** Relay clients: USERS sockets, each joined to its channel's room. */
async function relayClients(relay) {
  const rssBefore = rssKb(relay.pid);
  const sockets = await connectClients(relay.url, opts.USERS, () => undefined);
  const channelIds = Array.from({ length: opts.CHANNELS }, (_, c) => `bench-${c}`);
  await Promise.all(sockets.map((s, i) => emitAck(s, 'join', [channelIds[Math.floor(i / perChannel)]])));
  const rssPerConnKb = (rssKb(relay.pid) - rssBefore) / opts.USERS;
  const common = { receivers: sockets, event: 'message', keyOf: (p) => p?.message?.clientMsgId, sendEvent: 'send', groups: chatGroups(sockets, channelIds, true) };
  return { sockets, common, rssPerConnKb };
}

/** Runs `common` traffic at `rate` for `seconds`, with the CPU/RSS window of `sampler`. */
async function measured(sampler, common, label, rate, seconds) {
  sampler.mark();
  const r = await runPhase({ ...common, label, rate, seconds });
  return { ...r, proc: sampler.window() };
}

const warnIfBusy = (what, ...runs) => {
  const busiest = Math.max(...runs.map((r) => r.proc?.othersPct ?? 0));
  if (busiest > 25) console.log(`NOTE (${what}): other processes on this machine used up to ${busiest.toFixed(0)}% of a core during the measurement; the figures are disturbed by them.`);
};
const strip = (key, value) => (key === 'raw' ? undefined : value);

async function main() {
  console.log(`bench:chat — ${machine()}`);
  console.log(`${opts.USERS} users in ${opts.CHANNELS} channels (${perChannel} members each), ${opts.RATE} msg/s for ${opts.DURATION} s in ${opts.SLICES} slices interleaved with the bare relay; one load-generator process (this one)\n`);

  // 1. The floor: a bare socket.io relay in a child process, with its own USERS sockets.
  const relay = await startRelay();
  const relaySampler = new ProcSampler(relay.pid);
  onCleanup(() => relaySampler.stop());
  const floorClients = await relayClients(relay);

  // 2. Yakuba: server, users (SQL, same argon2 hash as admin), sign-in, channels (REST), sockets.
  const server = await startYakuba();
  console.log(`Yakuba server ready in ${server.startSeconds.toFixed(1)} s (pid ${server.pid})`);
  const db = new pg.Client({ connectionString: server.pgUrl });
  await db.connect();
  onCleanup(() => db.end());
  const users = await insertUsers(db, 'chat', opts.USERS);
  let t = performance.now();
  const sessions = await pool(users, 4, (u) => login(server.url, u.username));
  console.log(`${users.length} sign-ins in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const channelIds = await pool(Array.from({ length: opts.CHANNELS }, (_, c) => c), 4, async (c) => {
    const members = sessions.slice(c * perChannel, (c + 1) * perChannel);
    const channel = await expectStatus(
      api(server.url, 'POST', '/api/chat/channels', { token: members[0].token, json: { name: `ベンチ ${c + 1}`, type: 'private', memberIds: members.slice(1).map((m) => m.user.id) } }),
      201,
      `create channel ${c + 1}`,
    );
    return channel.id;
  });
  const sampler = new ProcSampler(server.pid);
  onCleanup(() => sampler.stop());
  const rssBefore = rssKb(server.pid);
  t = performance.now();
  const sockets = await connectClients(server.url, opts.USERS, (i) => ({ token: sessions[i].token }));
  const connectSeconds = (performance.now() - t) / 1000;
  await new Promise((r) => setTimeout(r, 1000));
  sampler.mark();
  await new Promise((r) => setTimeout(r, 2000));
  const idle = sampler.window();
  const rssAfter = rssKb(server.pid);
  console.log(`${sockets.length} sockets connected in ${connectSeconds.toFixed(1)} s; server RSS ${mb(rssBefore)} → ${mb(rssAfter)}; idle CPU ${idle.cpuPct.toFixed(1)}%`);

  // 3. Steady rate: floor and Yakuba interleaved slice by slice (same load, same moments of the machine's life).
  const common = { receivers: sockets, event: 'chat:message', keyOf: (p) => p?.message?.clientMsgId, sendEvent: 'chat:send', groups: chatGroups(sockets, channelIds, false) };
  await runPhase({ ...floorClients.common, label: 'relay-warmup', rate: opts.RATE, seconds: opts.WARMUP });
  await runPhase({ ...common, label: 'warmup', rate: opts.RATE, seconds: opts.WARMUP });
  const slice = opts.DURATION / opts.SLICES;
  const { floor, ours: steady } = await interleaved({
    slices: opts.SLICES,
    floor: (i) => measured(relaySampler, floorClients.common, `relay-${i}`, opts.RATE, slice),
    ours: (i) => measured(sampler, common, `steady-${i}`, opts.RATE, slice),
  });
  console.log(`at ${opts.RATE}/s: bare relay p99 ${ms(floor.latency.p99)}, Yakuba p99 ${ms(steady.latency.p99)}, ${steady.delivered}/${steady.expected} delivered`);

  // 4. Ramp: +RAMP_STEP msg/s until p99 exceeds the bound, a message is lost or refused, or the sender falls behind;
  // each step is followed by the relay at the same rate.
  const ramp = [];
  const floorRamp = [];
  let sustained;
  for (let rate = opts.RAMP_START; rate <= opts.RAMP_MAX; rate += opts.RAMP_STEP) {
    const r = await measured(sampler, common, `ramp-${rate}`, rate, opts.RAMP_SECONDS);
    const ok = r.allDelivered && r.latency.p99 <= opts.P99_BOUND_MS && r.achievedRate >= rate * 0.95;
    ramp.push({ ...r, ok });
    floorRamp.push(await measured(relaySampler, floorClients.common, `relay-${rate}`, rate, opts.RAMP_SECONDS));
    console.log(`  ramp ${rate}/s: p99 ${ms(r.latency.p99)} (relay ${ms(floorRamp.at(-1).latency.p99)}), delivered ${r.delivered}/${r.expected}, errors ${JSON.stringify(r.errors)}, server CPU ${r.proc.cpuPct.toFixed(0)}% + PostgreSQL ${r.proc.childCpuPct.toFixed(0)}%, others ${r.proc.othersPct.toFixed(0)}% → ${ok ? 'sustained' : 'NOT sustained'}`);
    if (!ok) break;
    sustained = r;
  }
  await disconnectAll(sockets);
  await disconnectAll(floorClients.sockets);
  const serverPeakRss = sampler.window().peakRssKb;

  // 5. A second, informative floor: the relay that INSERTs and commits each message in the same embedded PostgreSQL
  // before relaying it (the least a durable chat does). Yakuba's server is idle (no sockets) meanwhile.
  // A third: the same relay with synchronous_commit off — the round trip to PostgreSQL without the WAL flush.
  const dbFloor = async (flush) => {
    const relayDb = await startRelay(server.pgUrl, { flush });
    const clients = await relayClients(relayDb);
    await runPhase({ ...clients.common, label: `db-${flush}-warmup`, rate: opts.RATE, seconds: opts.WARMUP });
    const run = await measured(new ProcSampler(relayDb.pid), clients.common, `db-${flush}`, opts.RATE, Math.min(opts.DURATION, 15));
    await disconnectAll(clients.sockets);
    await stopChild(relayDb.child, 5000);
    return run;
  };
  const durableRun = await dbFloor(true);
  const roundTripRun = await dbFloor(false);

  // 6. Report.
  const perConnKb = (rssAfter - rssBefore) / opts.USERS;
  console.log('\n=== bench:chat results ===');
  console.log(table(HEADER, [
    phaseRow('bare relay', floor),
    phaseRow('Yakuba', steady, floor),
    phaseRow('relay + PG commit', durableRun, floor),
    phaseRow('relay + PG, no flush', roundTripRun, floor),
    ...ramp.flatMap((r, i) => [phaseRow('Yakuba ramp', r, floorRamp[i]), phaseRow('  bare relay', floorRamp[i])]),
  ]));
  const cpuPerMsg = (steady.proc.cpuSeconds * 1000) / steady.sent;
  const pgCpuPerMsg = (steady.proc.childCpuSeconds * 1000) / steady.sent;
  console.log(`\nserver at ${opts.RATE}/s: CPU ${steady.proc.cpuPct.toFixed(1)}% of one core (${cpuPerMsg.toFixed(2)} ms CPU per message), embedded PostgreSQL ${steady.proc.childCpuPct.toFixed(1)}% (${pgCpuPerMsg.toFixed(2)} ms per message); idle with ${opts.USERS} sockets ${idle.cpuPct.toFixed(1)}%; bare relay ${floor.proc.cpuPct.toFixed(1)}%`);
  console.log(`server memory: RSS ${mb(rssAfter)} with ${opts.USERS} sockets, ${perConnKb.toFixed(1)} KiB per connection (bare relay ${floorClients.rssPerConnKb.toFixed(1)} KiB), peak ${mb(serverPeakRss)}; PostgreSQL processes (sum of RSS, shared memory counted in each) ${mb(steady.proc.childRssKb)}`);
  console.log(`highest sustained rate: ${sustained ? `${sustained.rate} msg/s (${sustained.rate * perChannel} deliveries/s), p99 ${ms(sustained.latency.p99)}` : `none of the ramp steps (from ${opts.RAMP_START}/s)`} — bound p99 ≤ ${opts.P99_BOUND_MS} ms, all delivered, sender on pace`);
  const p99Ratio = steady.latency.p99 / floor.latency.p99;
  const met = p99Ratio <= opts.TARGET_RATIO && steady.allDelivered;
  console.log(`\nTARGET (p99 within ${opts.TARGET_RATIO}x the bare relay at ${opts.RATE} msg/s, every message delivered): ${met ? 'MET' : 'MISSED'} — p99 ${ms(steady.latency.p99)} vs ${ms(floor.latency.p99)} = ${p99Ratio.toFixed(2)}x (p50 ${ratio(steady.latency.p50, floor.latency.p50)}); delivered ${steady.delivered}/${steady.expected}, acked ${steady.acked}/${steady.sent}${steady.failed ? `, errors ${JSON.stringify(steady.errors)}` : ''}`);
  console.log(`informative: against the relay that commits each message to PostgreSQL (p50 ${ms(durableRun.latency.p50)}, p99 ${ms(durableRun.latency.p99)}), Yakuba's p50 is ${ratio(steady.latency.p50, durableRun.latency.p50)} and p99 ${ratio(steady.latency.p99, durableRun.latency.p99)}`);
  console.log(`informative: that relay alone is at ${ratio(durableRun.latency.p99, floor.latency.p99)} of the bare relay's p99, and ${ratio(roundTripRun.latency.p99, floor.latency.p99)} without waiting for the WAL flush (p99 ${ms(roundTripRun.latency.p99)}): what one round trip to PostgreSQL costs on this machine`);
  warnIfBusy(`steady ${opts.RATE}/s`, floor, steady);
  if (process.env.BENCH_JSON) console.log(JSON.stringify({ opts, floor, steady, durableRun, roundTripRun, idle, ramp, floorRamp, perConnKb, relayPerConnKb: floorClients.rssPerConnKb }, strip));
}

runBenchmark('bench:chat', main, 45 * 60_000);
