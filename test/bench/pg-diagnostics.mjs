// What PostgreSQL and the server were doing during a measured run, to find where a latency tail comes from (issue
// #15): statement times (pg_stat_statements), WAL writes and flushes (pg_stat_wal, pg_stat_io), checkpoints,
// autovacuum, the backends at work and what they waited for (pg_stat_activity sampled every few milliseconds), and the
// server's own figures from GET /metrics (event-loop delay, GC pauses, socket event times, database pool).
// The server must run with EMBEDDED_PG_SETTINGS naming pg_stat_statements and the timing switches (diagnosticSettings).
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { percentiles } from './bench-lib.mjs';

/** For startYakuba's env: statement statistics and I/O timing on (no durability setting is touched). */
export const diagnosticSettings = 'shared_preload_libraries=pg_stat_statements track_wal_io_timing=on track_io_timing=on pg_stat_statements.track=all';

export async function preparePg(db) {
  await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
}

/** Counters of the whole cluster at one moment; `pgDelta(a, b)` is what happened between two of them. */
export async function pgSnapshot(db) {
  const one = async (sql) => (await db.query(sql)).rows[0] ?? {};
  const wal = await one('SELECT wal_records::float8 AS records, wal_fpi::float8 AS fpi, wal_bytes::float8 AS bytes, wal_buffers_full::float8 AS buffers_full FROM pg_stat_wal');
  const walIo = await one(
    `SELECT sum(writes)::float8 AS writes, sum(write_time)::float8 AS write_ms, sum(fsyncs)::float8 AS fsyncs, sum(fsync_time)::float8 AS fsync_ms
       FROM pg_stat_io WHERE object = 'wal'`,
  );
  const checkpoints = await one('SELECT num_timed::float8 + num_requested::float8 AS done, write_time::float8 AS write_ms, sync_time::float8 AS sync_ms, buffers_written::float8 AS buffers FROM pg_stat_checkpointer');
  const vacuum = await one('SELECT sum(autovacuum_count + autoanalyze_count)::float8 AS runs FROM pg_stat_user_tables');
  const maintained = Object.fromEntries(
    (await db.query('SELECT relname, autovacuum_count::float8 AS v, autoanalyze_count::float8 AS a FROM pg_stat_user_tables')).rows.map((r) => [r.relname, r]),
  );
  const statements = (
    await db.query(
      `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 60) AS query, calls::float8 AS calls, total_exec_time AS total_ms,
              max_exec_time AS max_ms, mean_exec_time AS mean_ms, stddev_exec_time AS stddev_ms
         FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        ORDER BY total_exec_time DESC LIMIT 8`,
    )
  ).rows;
  return { at: performance.now(), wal, walIo, checkpoints, vacuum, maintained, statements };
}

export async function resetStatements(db) {
  await db.query('SELECT pg_stat_statements_reset()');
}

export function pgDelta(a, b) {
  const d = (x, y, k) => (y?.[k] ?? 0) - (x?.[k] ?? 0);
  return {
    seconds: (b.at - a.at) / 1000,
    walRecords: d(a.wal, b.wal, 'records'),
    walFpi: d(a.wal, b.wal, 'fpi'),
    walBytes: d(a.wal, b.wal, 'bytes'),
    walBuffersFull: d(a.wal, b.wal, 'buffers_full'),
    walWrites: d(a.walIo, b.walIo, 'writes'),
    walFsyncs: d(a.walIo, b.walIo, 'fsyncs'),
    walFsyncMs: d(a.walIo, b.walIo, 'fsync_ms'),
    walWriteMs: d(a.walIo, b.walIo, 'write_ms'),
    checkpoints: d(a.checkpoints, b.checkpoints, 'done'),
    checkpointSyncMs: d(a.checkpoints, b.checkpoints, 'sync_ms'),
    autovacuums: d(a.vacuum, b.vacuum, 'runs'),
    // Which tables autovacuum vacuumed (v) or analysed (a) during the run.
    maintainedTables: Object.entries(b.maintained ?? {})
      .map(([name, r]) => [name, r.v - (a.maintained?.[name]?.v ?? 0), r.a - (a.maintained?.[name]?.a ?? 0)])
      .filter(([, v, an]) => v > 0 || an > 0)
      .map(([name, v, an]) => `${name}${v ? ' v' : ''}${an ? ' a' : ''}`),
    // Reset before the run: these are the run's own statements.
    statements: b.statements,
  };
}

/**
 * Samples pg_stat_activity every `intervalMs` (bench:chat's DIAG_SAMPLE_MS) on a connection of its own: how many
 * client backends were running a statement at once (the pool's real occupancy), what the running ones waited for,
 * and the longest a statement had been running when seen (an implicit transaction stays active through its commit,
 * so a slow WAL flush shows there, with the wait it was in). Each sample is a query of its own: every 10 ms they took
 * PostgreSQL about 9% of a core (0.9 ms of CPU per chat message at issue #15's load), on the two cores the measured
 * servers share.
 */
export class ActivitySampler {
  constructor(url, intervalMs) {
    this.url = url;
    this.intervalMs = intervalMs;
  }

  async start() {
    this.db = new pg.Client({ connectionString: this.url });
    await this.db.connect();
    this.running = true;
    this.reset();
    this.loop = (async () => {
      while (this.running) {
        const { rows } = await this.db.query(
          `SELECT wait_event_type, wait_event, (extract(epoch FROM clock_timestamp() - query_start) * 1000)::float8 AS ms,
                  left(regexp_replace(query, '\\s+', ' ', 'g'), 50) AS query
             FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()`,
        );
        this.samples.push(rows.length);
        for (const r of rows) {
          const key = r.wait_event ? `${r.wait_event_type}:${r.wait_event}` : 'CPU';
          this.waits.set(key, (this.waits.get(key) ?? 0) + 1);
          if (r.ms > this.longest.ms) this.longest = { ms: r.ms, wait: key, query: r.query };
        }
        await new Promise((r) => setTimeout(r, this.intervalMs));
      }
    })();
  }

  reset() {
    this.samples = [];
    this.waits = new Map();
    this.longest = { ms: 0, wait: '', query: '' };
  }

  /** The window since the last reset: active backends (mean, p99, max) and the running backends' waits by share. */
  window() {
    const s = Float64Array.from(this.samples).sort();
    const at = (p) => (s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : NaN);
    const total = [...this.waits.values()].reduce((a, b) => a + b, 0);
    const waits = [...this.waits.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${((100 * v) / total).toFixed(0)}%`);
    const longest = this.longest.ms ? `${this.longest.ms.toFixed(1)} ms (${this.longest.wait}: ${this.longest.query})` : 'none';
    return { samples: s.length, activeMean: s.reduce((a, b) => a + b, 0) / (s.length || 1), activeP99: at(0.99), activeMax: s.length ? s[s.length - 1] : NaN, waits, longest };
  }

  async stop() {
    this.running = false;
    await this.loop?.catch(() => undefined);
    await this.db?.end().catch(() => undefined);
  }
}

/** Prometheus text → { 'name{labels}': value }. */
export function parseMetrics(text) {
  const out = {};
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    out[line.slice(0, i)] = Number(line.slice(i + 1));
  }
  return out;
}

export async function scrapeMetrics(url) {
  const res = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) });
  return parseMetrics(await res.text());
}

/**
 * The server's side of a run, from two scrapes of /metrics (prom-client resets its event-loop histogram at each
 * scrape, so the second one's lag figures are the run's): event-loop delay, GC pauses by length, chat:send answers
 * slower than 25 and 100 ms (receipt → acknowledgement, i.e. including the commit), the pool's state at the end, and
 * the sockets' write backlog (its largest sample in the run).
 */
export function serverDelta(a, b) {
  const d = (k) => (b[k] ?? 0) - (a[k] ?? 0);
  const gcOver = (le) => {
    let over = 0;
    for (const kind of ['major', 'minor', 'incremental', 'weakcb'])
      over += d(`yakuba_nodejs_gc_duration_seconds_count{kind="${kind}"}`) - d(`yakuba_nodejs_gc_duration_seconds_bucket{le="${le}",kind="${kind}"}`);
    return over;
  };
  const gcCount = ['major', 'minor', 'incremental', 'weakcb'].reduce((n, kind) => n + d(`yakuba_nodejs_gc_duration_seconds_count{kind="${kind}"}`), 0);
  const gcSeconds = ['major', 'minor', 'incremental', 'weakcb'].reduce((n, kind) => n + d(`yakuba_nodejs_gc_duration_seconds_sum{kind="${kind}"}`), 0);
  const send = (suffix) => d(`yakuba_socket_event_duration_seconds_${suffix}`);
  const sendCount = send('count{event="chat:send",result="ok"}');
  const sendOver = (le) => sendCount - send(`bucket{le="${le}",event="chat:send",result="ok"}`);
  return {
    loopP99Ms: (b.yakuba_nodejs_eventloop_lag_p99_seconds ?? NaN) * 1000,
    loopMaxMs: (b.yakuba_nodejs_eventloop_lag_max_seconds ?? NaN) * 1000,
    gcCount,
    // Mark-compact collections: their concurrent marking runs on V8's helper threads (see GC_THREAD_NICE).
    gcMajor: d('yakuba_nodejs_gc_duration_seconds_count{kind="major"}'),
    gcMs: gcSeconds * 1000,
    gcOver10ms: gcOver('0.01'),
    gcOver100ms: gcOver('0.1'),
    sends: sendCount,
    sendOver25ms: sendOver('0.025'),
    sendOver100ms: sendOver('0.1'),
    poolTotal: b['yakuba_db_pool_connections{state="total"}'],
    poolOpened: d('yakuba_db_pool_connections_opened_total'),
    acquires: d('yakuba_db_pool_acquire_seconds_count'),
    acquireOver10ms: d('yakuba_db_pool_acquire_seconds_count') - d('yakuba_db_pool_acquire_seconds_bucket{le="0.01"}'),
    acquireOver100ms: d('yakuba_db_pool_acquire_seconds_count') - d('yakuba_db_pool_acquire_seconds_bucket{le="0.1"}'),
    // Output the kernel had not taken yet, the largest of the server's samples every 100 ms through the run.
    backlogMaxBytes: b['yakuba_socket_write_backlog{of="bytes",window="max"}'] ?? NaN,
    backlogMaxPackets: b['yakuba_socket_write_backlog{of="packets",window="max"}'] ?? NaN,
    backlogMaxConnections: b['yakuba_socket_write_backlog{of="connections",window="max"}'] ?? NaN,
  };
}

/** One 8 KiB write (at `position`, or appended when null) and its fdatasync: how long both took, in ms. */
async function durableWrite(file, page, position) {
  const t0 = performance.now();
  await file.write(page, 0, page.length, position);
  await file.datasync();
  return performance.now() - t0;
}

/**
 * The disk's own floor for a durable write: `count` appends of 8 KiB (a WAL page), each followed by fdatasync, in a
 * scratch file under `dir` (the file system PostgreSQL writes its WAL to). Answers the percentiles in ms.
 */
export async function fsyncProbe(dir, count = 300) {
  const path = join(dir, `fsync-probe-${process.pid}`);
  const file = await open(path, 'w');
  const page = Buffer.alloc(8192, 1);
  const times = [];
  try {
    for (let i = 0; i < count; i++) times.push(await durableWrite(file, page, null));
  } finally {
    await file.close();
    await rm(path, { force: true });
  }
  return percentiles(times);
}

/**
 * The same durable write, kept going during a measured run: one 8 KiB overwrite + fdatasync of a scratch file under
 * `dir` every `intervalMs` (through libuv's thread pool, so the generator's event loop never waits on it). A stall of
 * the disk itself (the same for every durable server) shows here, whichever server is under load: `window()` answers
 * the writes since the last `window()` or `start()`, with the longest and the time it started (ms since the window's
 * start), and how many took over `stallMs`.
 */
export class DiskProbe {
  constructor(dir, intervalMs = 50, stallMs = 50) {
    this.dir = dir;
    this.intervalMs = intervalMs;
    this.stallMs = stallMs;
    this.times = [];
    this.longest = { ms: 0, at: 0 };
    this.since = performance.now();
  }

  async start() {
    this.path = join(this.dir, `disk-probe-${process.pid}`);
    this.file = await open(this.path, 'w');
    const page = Buffer.alloc(8192, 1);
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const t0 = performance.now();
        const took = await durableWrite(this.file, page, 0);
        this.times.push(took);
        if (took > this.longest.ms) this.longest = { ms: took, at: t0 - this.since };
        await new Promise((r) => setTimeout(r, this.intervalMs));
      }
    })().catch((error) => console.error(`disk probe stopped: ${error.message}`));
  }

  window() {
    const times = this.times;
    this.times = [];
    const longest = this.longest;
    this.longest = { ms: 0, at: 0 };
    this.since = performance.now();
    return { ...percentiles(times), stalls: times.filter((t) => t > this.stallMs).length, longestAt: longest.at };
  }

  async stop() {
    this.running = false;
    await this.loop;
    await this.file?.close();
    if (this.path) await rm(this.path, { force: true });
  }
}
