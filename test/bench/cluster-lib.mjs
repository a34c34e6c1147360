// Processes of a several-node installation, for the scripts that run one by hand: redis-server, Debian's nginx with
// deploy/nginx/yakuba.conf, and server nodes on the built dist/. Used by test/operations/two-nodes.mjs (a node
// dies), test/campaigns/chaos.mjs and bench:users with NODES=2. Each start takes `track(name, child)`, which keeps
// the child's output and answers `{ child, output() }`; the caller stops what it tracked.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, ROOT } from './bench-lib.mjs';

export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
export const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';

/** Keeps the last 20,000 characters a child writes. */
export function keepOutput(name, child) {
  let output = '';
  const keep = (chunk) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name, child, output: () => output };
}

/** Polls `condition` every 50 ms until it holds, or throws after `ms`. */
export async function until(what, condition, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(50);
  }
}

/** True when a redis-server answers PING on the port. */
export function redisPing(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

/** A redis-server without persistence on a free port (or `port`, to restart one where it was). */
export async function startRedis({ dir, track = keepOutput, port }) {
  port ??= await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  const entry = track('redis', spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  await until('redis-server answers PING', () => redisPing(port), 10_000);
  return { url: `redis://127.0.0.1:${port}`, port, entry };
}

/** Waits until GET /api/health answers 200, or throws with the child's output if it exits or takes over `ms`. */
export async function waitHealthy(url, entry, ms = 180_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (entry.child.exitCode !== null) throw new Error(`${entry.name} exited (${entry.child.exitCode}):\n${entry.output()}`);
    if (Date.now() > deadline) throw new Error(`${entry.name} was not ready in ${ms / 1000} s:\n${entry.output()}`);
    try {
      if ((await fetch(`${url}/api/health`)).status === 200) return;
    } catch {
      /* not yet */
    }
    await sleep(100);
  }
}

/** One server node (dist/apps/server/src/main.js) with `env`, on a free port (or `port`, to restart one where it was). */
export async function startNode({ name, env, track = keepOutput, nodeArgs = [], port }) {
  port ??= await freePort();
  const entry = track(name, spawn(process.execPath, [...nodeArgs, 'dist/apps/server/src/main.js'], { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] }));
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, entry);
  return { name, port, url, entry };
}

/** deploy/nginx/yakuba.conf as it is, with the two nodes' ports, a local listen port, and which node answered. */
export async function startNginx({ dir, nodes, track = keepOutput }) {
  const port = await freePort();
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  let site = readFileSync(join(ROOT, 'deploy/nginx/yakuba.conf'), 'utf8');
  site = site.replace(/server yakuba-1:3000/, `server 127.0.0.1:${nodes[0].port}`).replace(/server yakuba-2:3000/, `server 127.0.0.1:${nodes[1].port}`);
  site = site.replace(/listen 80;/, `listen 127.0.0.1:${port};\n    add_header X-Yakuba-Upstream $upstream_addr always;`);
  if (!site.includes(String(nodes[1].port)) || !site.includes(`listen 127.0.0.1:${port}`)) throw new Error('deploy/nginx/yakuba.conf: upstream servers or listen line not found');
  writeFileSync(join(dir, 'yakuba.conf'), site);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off;\nworker_processes 1;\nworker_rlimit_nofile 20000;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log warn;\nevents { worker_connections 8192; }\n` +
      `http {\n  access_log off;\n  client_body_temp_path ${tmp}/body;\n  proxy_temp_path ${tmp}/proxy;\n  fastcgi_temp_path ${tmp}/fastcgi;\n` +
      `  uwsgi_temp_path ${tmp}/uwsgi;\n  scgi_temp_path ${tmp}/scgi;\n  include ${dir}/yakuba.conf;\n}\n`,
  );
  const entry = track('nginx', spawn(NGINX, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] }));
  const url = `http://127.0.0.1:${port}`;
  await until('nginx answers', async () => {
    if (entry.child.exitCode !== null) throw new Error(`nginx exited (${entry.child.exitCode}):\n${entry.output()}`);
    try {
      return (await fetch(`${url}/api/health`)).status === 200;
    } catch {
      return false;
    }
  });
  return { url, port, entry };
}
