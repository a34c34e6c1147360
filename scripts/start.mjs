// npm start: builds what is missing or out of date (server with tsc, web client with Vite), then serves both.
// The server runs in a child process so that it gets its V8 flags (scripts/lib.mjs serverNodeFlags); signals are
// passed on and its exit code is ours.
import { spawn, spawnSync } from 'node:child_process';
import { buildServerIfStale, serverNodeFlags, webBuildIsStale } from './lib.mjs';

function run(script) {
  console.log(`> npm run ${script}`);
  const result = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

await buildServerIfStale().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
if (webBuildIsStale()) run('build:web');
const server = spawn(process.execPath, [...(await serverNodeFlags()), 'dist/apps/server/src/main.js'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
