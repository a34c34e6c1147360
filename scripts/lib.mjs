// Small helpers shared by npm scripts (plain Node, no build needed).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** Newest modification time of the files below the given folders (node_modules and dist excluded). */
export function newestMtime(paths) {
  let newest = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const entry of readdirSync(p)) if (entry !== 'node_modules' && entry !== 'dist') walk(join(p, entry));
    } else newest = Math.max(newest, s.mtimeMs);
  };
  paths.forEach(walk);
  return newest;
}

export function isStale(output, sources) {
  return !existsSync(output) || statSync(output).mtimeMs < newestMtime(sources);
}

export const webBuildIsStale = () => isStale('apps/web/dist/index.html', ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.mts', 'apps/web/public', 'libs/contracts/src']);
export const serverBuildIsStale = () => isStale('dist/apps/server/src/main.js', ['apps/server/src', 'libs', 'seeds', 'tsconfig.base.json', 'apps/server/tsconfig.app.json']);

/**
 * `npm run build:server` when the build is stale, one process of this checkout at a time. tsc writes main.js before
 * tsc-alias rewrites its `@yakuba/...` imports, so a process that starts the server (or builds again) in between
 * finds a module it cannot resolve: two test files that each built and started a server did so in CI. The check and
 * the build run under a lock directory; whoever gets it after a build finds the build fresh. A lock older than ten
 * minutes is a crashed builder's and is taken over. Returns whether it built; throws when the build fails.
 */
export async function buildServerIfStale(root = process.cwd()) {
  const lock = join(root, '.build-server.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      // Another process holds it (no event tells when a directory goes): look again shortly.
      else await delay(250);
    }
  }
  try {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      if (!serverBuildIsStale()) return false;
    } finally {
      process.chdir(cwd);
    }
    console.log('> npm run build:server');
    const built = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build:server failed (see the compiler output above)');
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p) => p && existsSync(p));
}

/**
 * V8 flags for the server process.
 * - `--heap-growing-percent=100`: after a major GC the old generation may double before the next one. V8's own
 *   factor, with the server's high mutator utilisation, was about 1.1: with ~95 MB live, a major GC came after only
 *   ~10 MB of promotion, every 5–10 s under issue #15's chat load, and each one's marking held up the event loop
 *   for 100–300 ms on two cores (`--trace-gc`, docs/benchmarks.md). Doubling costs up to the live heap again in
 *   memory and leaves 0–1 major GCs in a 20-second run.
 * - `--no-parallel-scavenge` on two cores or fewer, shared with PostgreSQL: the parallel scavenger waits for helper
 *   threads that have no core (young-GC pauses of up to 196 ms), so young collections run on the main thread alone.
 *   Marking stays concurrent, on helper threads that GC_THREAD_NICE puts behind the event loop
 *   (`--single-threaded-gc`, used before, made every major GC one stop-the-world pause of 100–200 ms).
 * - `--no-memory-reducer`: after a quiet spell V8's memory reducer starts a major GC that compacts the whole heap to
 *   give memory back; when the next burst of work came in before it finished, its final pause was 84 ms (the
 *   ordinary major GCs of the same load: 17–38 ms). The heap then keeps its size over quiet spells.
 * - `--min-semi-space-size=16`: the young generation stays at 16 MB instead of shrinking to 1 MB after a major GC
 *   and growing back. Under issue #15's chat load that was 218 scavenges instead of 610 in ten runs, 71 MB promoted
 *   to the old generation instead of 114 MB, so fewer major GCs (docs/benchmarks.md, "The server's CPU and GCs,
 *   traced").
 * - `--expose-gc`: lets the server run the major GC itself while its event loop is quiet (IDLE_GC_QUIET_MS,
 *   libs/platform/src/metrics/idle-gc.ts), before V8 starts one in the middle of a burst.
 */
export const SERVER_V8_FLAGS = ['--heap-growing-percent=100', '--no-memory-reducer', '--min-semi-space-size=16', '--expose-gc'];

export async function serverNodeFlags() {
  // SERVER_NODE_FLAGS replaces the choice below (space-separated; empty for V8's defaults).
  if (process.env.SERVER_NODE_FLAGS !== undefined) return process.env.SERVER_NODE_FLAGS.split(' ').filter(Boolean);
  const { availableParallelism } = await import('node:os');
  return [...SERVER_V8_FLAGS, ...(availableParallelism() <= 2 ? ['--no-parallel-scavenge'] : [])];
}
