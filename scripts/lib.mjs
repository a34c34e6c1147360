// Small helpers shared by npm scripts (plain Node, no build needed).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

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

export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p) => p && existsSync(p));
}

/**
 * V8 flags for the server process. On a machine of two cores or fewer, shared with PostgreSQL, the parallel
 * scavenger waits for helper threads that have no core (young-GC pauses of up to 196 ms in bench:chat), so young
 * collections run on the main thread alone. Marking stays concurrent: `--single-threaded-gc`, used before, also
 * made every major GC one stop-the-world pause (100–200 ms at 1,000 sockets, 0.57–0.66 s at 1,750 users), which
 * issue #15's ten-run spread showed as its worst p99 (docs/benchmarks.md). With more cores V8's defaults are right.
 */
export async function serverNodeFlags() {
  // SERVER_NODE_FLAGS replaces the choice below (space-separated; empty for V8's defaults).
  if (process.env.SERVER_NODE_FLAGS !== undefined) return process.env.SERVER_NODE_FLAGS.split(' ').filter(Boolean);
  const { availableParallelism } = await import('node:os');
  return availableParallelism() <= 2 ? ['--no-parallel-scavenge'] : [];
}
