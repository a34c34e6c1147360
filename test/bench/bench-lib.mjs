// Shared helpers of the load benchmarks (plain Node ESM, no build): percentiles, /proc sampling (proc-sampler.mjs),
// the Yakuba server and the bare socket.io relay as child processes, HTTP helpers, clean-up on every exit path.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'yakuba-demo';

// ---------------------------------------------------------------- arguments

/** `--quick`, `--search`, `KEY=value` on argv, and the environment (argv wins). */
export function options(defaults, quickDefaults) {
  const argv = process.argv.slice(2);
  const flags = new Set(argv.filter((a) => a.startsWith('--')).map((a) => a.slice(2)));
  const quick = flags.has('quick');
  const base = quick ? { ...defaults, ...quickDefaults } : { ...defaults };
  for (const key of Object.keys(defaults)) {
    if (process.env[key] !== undefined && process.env[key] !== '') base[key] = coerce(process.env[key], defaults[key]);
  }
  for (const arg of argv) {
    const m = /^([A-Z_]+)=(.*)$/.exec(arg);
    if (m && m[1] in defaults) base[m[1]] = coerce(m[2], defaults[m[1]]);
  }
  return { ...base, quick, flags };
}
const coerce = (value, like) => (typeof like === 'number' ? Number(value) : typeof like === 'boolean' ? ['1', 'true', 'yes'].includes(value) : value);

// ---------------------------------------------------------------- statistics

export function percentiles(values) {
  if (values.length === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  let sum = 0;
  for (const v of sorted) sum += v;
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1], mean: sum / sorted.length };
}

export const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 2 : 1)} ms` : 'n/a');
export const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
export const mb = (kb) => `${(kb / 1024).toFixed(1)} MiB`;

/** A fixed-width text table. */
export function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

export * from './proc-sampler.mjs';
import { descendants, niceGcThreads } from './proc-sampler.mjs';

/** The nice value of V8's helper threads: the server's default (GC_THREAD_NICE), for the generator and relays too. */
export const GC_THREAD_NICE = Number(process.env.GC_THREAD_NICE ?? 19);

// ---------------------------------------------------------------- processes and clean-up

const cleanups = [];
/** Registers a clean-up (LIFO). All of them run once, on normal exit, on an error and on SIGINT/SIGTERM. */
export function onCleanup(fn) {
  cleanups.push(fn);
}
let cleaning;
export async function cleanup() {
  if (cleaning) return cleaning;
  cleaning = (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop();
      try {
        await fn();
      } catch (error) {
        console.error(`clean-up: ${error instanceof Error ? error.message : error}`);
      }
    }
  })();
  await cleaning;
  cleaning = undefined;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** Runs `main`, cleans up, exits 0 on success and 1 with a clear message otherwise. A hard time limit stops it. */
export function runBenchmark(name, main, limitMs) {
  niceGcThreads(process.pid, GC_THREAD_NICE);
  const hard = setTimeout(() => {
    console.error(`\n${name}: FAILED — the run exceeded its time limit of ${Math.round(limitMs / 1000)} s`);
    void cleanup().finally(() => process.exit(1));
  }, limitMs);
  hard.unref();
  main()
    .then(async () => {
      await cleanup();
      clearTimeout(hard);
      process.exit(0);
    })
    .catch(async (error) => {
      console.error(`\n${name}: FAILED — ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      await cleanup();
      process.exit(1);
    });
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function waitExit(child, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => (clearTimeout(timer), resolve(true)));
  });
}

/** SIGTERM, wait for the exit (the server stops its embedded PostgreSQL first), SIGKILL after `graceMs`. */
export async function stopChild(child, graceMs = 30_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const pgChildren = descendants(child.pid);
  child.kill('SIGTERM');
  if (!(await waitExit(child, graceMs))) {
    console.error(`process ${child.pid} did not exit within ${graceMs} ms: SIGKILL`);
    child.kill('SIGKILL');
    await waitExit(child, 5000);
  }
  // Orphaned PostgreSQL processes (only if the server died without stopping them).
  for (const pid of pgChildren) {
    try {
      process.kill(pid, 0);
      process.kill(pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
}

/** Builds the server when dist is older than its sources, one process at a time (scripts/lib.mjs), like `npm start`. */
export async function ensureServerBuild() {
  const { buildServerIfStale } = await import(join(ROOT, 'scripts', 'lib.mjs'));
  await buildServerIfStale(ROOT);
}

/**
 * Starts dist/apps/server/src/main.js in a child process over a fresh DATA_DIR (embedded PostgreSQL on a known
 * port so that the benchmark can bulk-load with SQL), waits for GET /api/health, and registers its shutdown.
 */
export async function startYakuba(extraEnv = {}) {
  await ensureServerBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'yakuba-bench-'));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const pgPort = await freePort();
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'true',
    DATABASE_URL: '',
    LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '10000',
    ...extraEnv,
  };
  const started = performance.now();
  // Diagnostics: e.g. BENCH_SERVER_NODE_ARGS=--trace-gc BENCH_SERVER_LOG=/tmp/server.log
  // The server gets the flags `npm start` gives it (scripts/lib.mjs), plus any diagnostic ones.
  const { serverNodeFlags } = await import('../../scripts/lib.mjs');
  const nodeArgs = [...(await serverNodeFlags()), ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, 'dist/apps/server/src/main.js'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  if (process.env.BENCH_SERVER_LOG) {
    const { createWriteStream } = await import('node:fs');
    const log = createWriteStream(process.env.BENCH_SERVER_LOG);
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  }
  child.stderr.on('data', (chunk) => {
    keep(chunk);
    if (process.env.BENCH_VERBOSE) process.stderr.write(chunk);
  });
  onCleanup(() => stopChild(child));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + Number(process.env.BENCH_READY_SECONDS ?? 180) * 1000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was ready:\n${output}`);
    if (Date.now() > deadline)
      throw new Error(`the server was not ready within ${process.env.BENCH_READY_SECONDS ?? 180} s (BENCH_READY_SECONDS):\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  child.on('exit', (code, signal) => {
    if (!cleaning) console.error(`\nthe server exited unexpectedly (code ${code}, signal ${signal}):\n${output.slice(-4000)}`);
  });
  return {
    url,
    pid: child.pid,
    child,
    dataDir,
    startSeconds: (performance.now() - started) / 1000,
    pgUrl: `postgres://postgres:yakuba-embedded@127.0.0.1:${pgPort}/yakuba`,
    output: () => output,
  };
}

/**
 * The floor: test/bench/bare-relay.mjs in a child process (socket.io only: no auth, no database; with `pgUrl`, one
 * INSERT + commit per message; with `{ flush: false }` that commit does not wait for the WAL flush).
 */
export async function startRelay(pgUrl, { flush = true } = {}) {
  const env = { ...process.env, RELAY_PG_URL: pgUrl ?? '', RELAY_PG_FLUSH: flush ? 'on' : 'off' };
  // The server's V8 flags (scripts/lib.mjs), so that the floors and Yakuba collect garbage alike.
  const { serverNodeFlags } = await import('../../scripts/lib.mjs');
  const child = spawn(process.execPath, [...(await serverNodeFlags()), join(ROOT, 'test', 'bench', 'bare-relay.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  onCleanup(() => stopChild(child, 5000));
  const port = await new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk.toString();
      const m = /listening (\d+)/.exec(buffer);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the bare relay exited with code ${code}`)));
  });
  niceGcThreads(child.pid, GC_THREAD_NICE);
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, child };
}

// ---------------------------------------------------------------- HTTP

export async function api(base, method, path, { token, json, body, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  let payload = body;
  if (json !== undefined) {
    h['content-type'] = 'application/json';
    payload = JSON.stringify(json);
  }
  const res = await fetch(`${base}${path}`, { method, headers: h, body: payload, signal: AbortSignal.timeout(120_000) });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep text */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export async function expectStatus(promise, status, what) {
  const res = await promise;
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body;
}

export async function login(base, username) {
  const body = await expectStatus(api(base, 'POST', '/api/auth/login', { json: { username, password: DEMO_PASSWORD } }), 200, `login ${username}`);
  return { token: body.accessToken, user: body.user };
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// ---------------------------------------------------------------- bulk users (SQL)

/**
 * Inserts `count` staff accounts bench.<prefix>.<n> with the password hash of the seeded `admin` (same argon2 hash,
 * so the demo password signs them in), into the first department. Answers their usernames.
 */
export async function insertUsers(pg, prefix, count) {
  const { rows } = await pg.query(
    `INSERT INTO users (username, display_name, department_id, password_hash, roles)
     SELECT 'bench.' || $1 || '.' || g, 'ベンチ ' || $1 || g, (SELECT id FROM departments ORDER BY name LIMIT 1),
            (SELECT password_hash FROM users WHERE username = 'admin'), '{staff}'
     FROM generate_series(1, $2::int) g RETURNING id, username`,
    [prefix, count],
  );
  return rows.sort((a, b) => Number(a.username.split('.').pop()) - Number(b.username.split('.').pop()));
}

// ---------------------------------------------------------------- the machine

export function machine() {
  const lscpu = (() => {
    try {
      return execFileSync('lscpu', { encoding: 'utf8' });
    } catch {
      return '';
    }
  })();
  const model = /Model name:\s+(.+)/.exec(lscpu)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return `${cpus().length} vCPU (${model.trim()}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform} ${process.arch}`;
}
