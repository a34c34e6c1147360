// The socket load generator shared by bench:chat and bench:meeting: connects many socket.io clients, sends at a
// steady rate from one process, and matches every delivery to its send by clientMsgId (one clock: the latency is
// "emit → receipt on each member socket"). Every loop is bounded in count and in time.
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';
import { percentiles, pool } from './bench-lib.mjs';

/** Connects `count` clients; `authOf(i)` gives the handshake auth (undefined for the bare relay); `extraHeaders` go with the handshake. */
export async function connectClients(url, count, authOf, concurrency = 50, extraHeaders = undefined) {
  const sockets = await pool(Array.from({ length: count }, (_, i) => i), concurrency, (i) =>
    new Promise((resolve, reject) => {
      const socket = io(url, { transports: ['websocket'], auth: authOf(i), extraHeaders, reconnection: false, forceNew: true, timeout: 30_000 });
      const timer = setTimeout(() => reject(new Error(`client ${i}: no connection within 30 s`)), 30_000);
      socket.once('connect', () => (clearTimeout(timer), resolve(socket)));
      socket.once('connect_error', (error) => (clearTimeout(timer), reject(new Error(`client ${i}: connect_error ${error.message}`))));
    }),
  );
  return sockets;
}

export async function disconnectAll(sockets) {
  for (const s of sockets) s.disconnect();
  await sleep(200);
}

export function emitAck(socket, event, payload, timeoutMs = 15_000) {
  return new Promise((resolve) => {
    socket.timeout(timeoutMs).emit(event, payload, (error, answer) => resolve(error ? { ok: false, error: { code: 'timeout', message: String(error.message ?? error) } } : answer));
  });
}

/**
 * A run of traffic. `groups`: [{ senders: [socket...], expected: n, payload(i, clientMsgId) }] — a send goes to a
 * group round-robin, from its next sender, and must reach `expected` sockets. `keyOf(eventPayload)` extracts the
 * clientMsgId of a delivery; `keyFor(i)` (optional) names send i when the event carries no client id. Listeners are attached to `receivers` for the duration of the run only.
 */
export async function runPhase({ label, receivers, event, keyOf, keyFor, sendEvent, groups, rate, seconds, drainMs = 10_000, ackTimeoutMs = 15_000 }) {
  const pending = new Map();
  const latencies = [];
  const ackLatencies = [];
  let delivered = 0;
  let unexpected = 0;
  const onMessage = (payload) => {
    const now = performance.now();
    const entry = pending.get(keyOf(payload));
    if (!entry) return void unexpected++;
    entry.got++;
    delivered++;
    latencies.push(now - entry.t0);
    entry.first ??= now - entry.t0;
    entry.last = now - entry.t0;
  };
  for (const s of receivers) s.on(event, onMessage);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  // This generator's own GC pauses: a delivery read late because the generator was collecting is not the server's.
  const gcPauses = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcPauses.push(e.duration);
      if (process.env.BENCH_GC_LOG && e.duration > 20) console.error(`generator GC kind ${e.detail?.kind} ${e.duration.toFixed(1)} ms`);
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });

  const prefix = `${label}-${Date.now().toString(36)}`;
  const total = Math.max(1, Math.round(rate * seconds));
  let sent = 0;
  let acked = 0;
  let failed = 0;
  const errors = new Map();
  const cursor = groups.map(() => 0);
  const start = performance.now();
  const sendOne = () => {
    const g = sent % groups.length;
    const group = groups[g];
    const sender = group.senders[cursor[g]++ % group.senders.length];
    const key = keyFor ? keyFor(sent + 1) : `${prefix}-${sent}`;
    const t0 = performance.now();
    pending.set(key, { t0, got: 0, expected: group.expected, ok: undefined });
    sent++;
    sender.timeout(ackTimeoutMs).emit(sendEvent, group.payload(sent, key), (error, answer) => {
      const entry = pending.get(key);
      if (!error && answer?.ok) {
        acked++;
        entry.ok = true;
        entry.ackMs = performance.now() - t0;
        ackLatencies.push(entry.ackMs);
      } else {
        failed++;
        entry.ok = false;
        const code = error ? 'timeout' : answer?.error?.code ?? 'no ack';
        errors.set(code, (errors.get(code) ?? 0) + 1);
      }
    });
  };
  // Paced sending: every tick sends what is due by now (bounded by `total` and by the time limit).
  const hardStop = start + seconds * 1000 * 3 + 5000;
  while (sent < total && performance.now() < hardStop) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
    while (sent < due) sendOne();
    await sleep(2);
  }
  const sendSeconds = (performance.now() - start) / 1000;
  const expectedDeliveries = () => {
    let n = 0;
    for (const e of pending.values()) if (e.ok !== false) n += e.expected;
    return n;
  };
  const drainEnd = performance.now() + drainMs;
  while (performance.now() < drainEnd && (acked + failed < sent || delivered < expectedDeliveries())) await sleep(20);
  loop.disable();
  gcObserver.disconnect();
  for (const s of receivers) s.off(event, onMessage);

  let incomplete = 0;
  let lost = 0;
  let duplicates = 0;
  for (const e of pending.values()) {
    if (e.ok === false) continue;
    if (e.got < e.expected) {
      incomplete++;
      lost += e.expected - e.got;
    }
    duplicates += Math.max(0, e.got - e.expected);
  }
  const latency = percentiles(latencies);
  // Where the tail lies: the messages whose last delivery came at or after the p99 of all deliveries, with their
  // acknowledgement (sent after the commit) and first delivery. An ack as late as the deliveries puts the delay
  // before the fan-out (the event loop or the database); an early ack and a late last delivery put it in the fan-out
  // or in the receiving clients.
  const slow = [...pending.values()].filter((e) => e.last !== undefined && e.last >= latency.p99);
  const mid = (xs) => percentiles(xs).p50;
  const tail = {
    messages: slow.length,
    ackP50: mid(slow.filter((e) => e.ackMs !== undefined).map((e) => e.ackMs)),
    firstP50: mid(slow.map((e) => e.first)),
    lastP50: mid(slow.map((e) => e.last)),
    // When in the run they were sent (s from its start): a burst at the start is a cold path, spread out a stall.
    sentAt: (() => {
      const at = slow.map((e) => (e.t0 - start) / 1000);
      return { first: Math.min(...at), p50: percentiles(at).p50, last: Math.max(...at) };
    })(),
  };
  return {
    label,
    rate,
    sent,
    acked,
    failed,
    errors: Object.fromEntries(errors),
    sendSeconds,
    achievedRate: sent / sendSeconds,
    expected: expectedDeliveries(),
    delivered,
    lost,
    incomplete,
    unexpected,
    duplicates,
    tail,
    latency,
    ack: percentiles(ackLatencies),
    generatorLagP99: Math.max(0, loop.percentile(99) / 1e6 - 5), // the histogram includes its 5 ms resolution
    generatorLagMax: loop.max / 1e6,
    generatorGcMax: gcPauses.length ? Math.max(...gcPauses) : 0,
    allDelivered: failed === 0 && lost === 0 && duplicates === 0 && acked === sent,
    raw: { latencies, ackLatencies, lagP99s: [Math.max(0, loop.percentile(99) / 1e6 - 5)] },
  };
}

/** One result from several slices of the same traffic (counts summed, latencies pooled, CPU weighted by time). */
export function mergeRuns(runs) {
  const sum = (f) => runs.reduce((a, r) => a + f(r), 0);
  const latencies = runs.flatMap((r) => r.raw.latencies);
  const ackLatencies = runs.flatMap((r) => r.raw.ackLatencies);
  const errors = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
  const merged = {
    label: runs[0].label.replace(/-\d+$/, ''),
    rate: runs[0].rate,
    sent: sum((r) => r.sent),
    acked: sum((r) => r.acked),
    failed: sum((r) => r.failed),
    errors,
    sendSeconds: sum((r) => r.sendSeconds),
    expected: sum((r) => r.expected),
    delivered: sum((r) => r.delivered),
    lost: sum((r) => r.lost),
    incomplete: sum((r) => r.incomplete),
    unexpected: sum((r) => r.unexpected),
    duplicates: sum((r) => r.duplicates ?? 0),
    latency: percentiles(latencies),
    ack: percentiles(ackLatencies),
    generatorLagP99: Math.max(...runs.map((r) => r.generatorLagP99)),
    generatorLagMax: Math.max(...runs.map((r) => r.generatorLagMax ?? 0)),
    generatorGcMax: Math.max(...runs.map((r) => r.generatorGcMax ?? 0)),
    allDelivered: runs.every((r) => r.allDelivered),
    slices: runs.length,
  };
  merged.achievedRate = merged.sent / merged.sendSeconds;
  if (runs.every((r) => r.proc)) {
    const seconds = sum((r) => r.proc.seconds);
    const avg = (k) => sum((r) => r.proc[k] * r.proc.seconds) / seconds;
    merged.proc = {
      seconds,
      machineBusyPct: avg('machineBusyPct'),
      generatorPct: avg('generatorPct'),
      othersPct: avg('othersPct'),
      cpuPct: avg('cpuPct'),
      cpuSeconds: sum((r) => r.proc.cpuSeconds),
      childCpuPct: avg('childCpuPct'),
      childCpuSeconds: sum((r) => r.proc.childCpuSeconds),
      rssKb: runs.at(-1).proc.rssKb,
      peakRssKb: Math.max(...runs.map((r) => r.proc.peakRssKb)),
      childRssKb: runs.at(-1).proc.childRssKb,
    };
  }
  return merged;
}

/**
 * The floor and our server under the same traffic, interleaved in `slices` slices (floor, ours, floor, ours …) so
 * that whatever else the machine does at the time weighs on both alike. Answers both merged results.
 */
export async function interleaved({ slices, floor, ours }) {
  const a = [];
  const b = [];
  for (let s = 0; s < slices; s++) {
    a.push(await floor(s));
    b.push(await ours(s));
  }
  return { floor: mergeRuns(a), ours: mergeRuns(b) };
}
