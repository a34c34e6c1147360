// npm start: builds what is missing or out of date (server with tsc, web client with Vite), then serves both.
import { spawnSync } from 'node:child_process';
import { serverBuildIsStale, webBuildIsStale } from './lib.mjs';

function run(script) {
  console.log(`> npm run ${script}`);
  const result = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (serverBuildIsStale()) run('build:server');
if (webBuildIsStale()) run('build:web');
await import('../dist/apps/server/src/main.js');
